import { z } from 'zod';
import { Activation, Initializer, Units } from './common.js';
import type { EditorField, WeightShape } from './record.js';

// Every default below is Keras' (REFERENCE.md, "Keras semantics"): tfjs differs on some
// (recurrentActivation), so each is written into the stored spec explicitly.
/** Settings every recurrent layer (SimpleRNN, LSTM, GRU) has. */
export const recurrentShape = {
  /** Number of hidden units (the size of h). */
  units: Units,
  /** Output activation of the cell (Keras default tanh). */
  activation: Activation.default('tanh'),
  kernelInitializer: Initializer.default('glorotUniform'),
  recurrentInitializer: Initializer.default('orthogonal'),
  biasInitializer: Initializer.default('zeros'),
  useBias: z.boolean().default(true),
  /** Emit the whole sequence [batch, steps, units] instead of the last step [batch, units]. */
  returnSequences: z.boolean().default(false),
  /** Carry the last state of each batch into the next batch (until reset). */
  stateful: z.boolean().default(false),
};

/** What the recurrent kinds' records share: shapes in and out, state, the editor's fields. */
export interface RecurrentSettings {
  readonly units: number;
  readonly activation: Activation;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly stateful: boolean;
}

/** Kernel [input, gates·u], recurrent kernel [u, gates·u], bias [gates·u] (or `biasShape`), in Keras order. */
export function recurrentWeights(c: RecurrentSettings, input: number, gates: number, bias?: { shape?: number[]; forgetUnits?: number }): WeightShape[] {
  const u = c.units;
  const shapes: WeightShape[] = [
    { name: 'kernel', shape: [input, gates * u], init: c.kernelInitializer },
    { name: 'recurrentKernel', shape: [u, gates * u], init: c.recurrentInitializer },
  ];
  if (c.useBias) shapes.push({ name: 'bias', shape: bias?.shape ?? [gates * u], init: c.biasInitializer, forgetUnits: bias?.forgetUnits ?? 0 });
  return shapes;
}

export const recurrentParts = {
  recurrent: true,
  outputWidth: (c: RecurrentSettings) => c.units,
  keepsSequence: (c: RecurrentSettings) => c.returnSequences,
  stateful: (c: RecurrentSettings) => c.stateful,
  outputActivation: (c: RecurrentSettings) => c.activation,
  editor: [
    { key: 'units', label: 'Units', type: 'integer' },
    { key: 'stateful', label: 'stateful', type: 'boolean' },
    { key: 'returnSequences', label: 'return sequences', type: 'boolean' },
  ] satisfies EditorField[],
  example: { units: 4, stateful: false, returnSequences: false },
} as const;
