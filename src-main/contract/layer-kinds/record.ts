import type { z } from 'zod';
import type { Initializer } from './common.js';

/** One weight tensor of a layer, in Keras shape and order. */
export interface WeightShape {
  /** 'kernel', 'recurrentKernel', 'bias', 'embeddings'; inside Bidirectional prefixed 'forward.' / 'backward.'. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: Initializer;
  /** LSTM unit_forget_bias: the second block of this many units starts at 1 (0: none). */
  readonly forgetUnits?: number;
}

/** A field the spec editor shows for a layer kind (the raw JSON holds every other setting). */
export interface EditorField {
  /** Key inside the layer's settings, e.g. 'units'. */
  readonly key: string;
  readonly label: string;
  readonly type: 'integer' | 'number' | 'boolean';
  /** Input step for numbers (0.05 for a rate). */
  readonly step?: number;
}

/**
 * Everything the contract knows about one layer kind: its schema, weights, shapes in and out, Keras name and the
 * editor's fields. Engines add their builders in `engine/layers/` (keyed by the same kind). `C` is the kind's
 * validated settings.
 */
export interface LayerKindRecord<C = unknown> {
  /** The key in a spec, `{ "lstm": {...} }`. */
  readonly kind: string;
  /** Human name in messages, e.g. 'LSTM'. */
  readonly title: string;
  /** Schema of the settings (defaults filled: Keras' own, written into the stored spec). */
  readonly schema: z.ZodType<C>;
  /** Keras 2 summary name: `${prefix}_${n} (${type})`. */
  readonly keras: { readonly prefix: string; readonly type: string };
  /** A layer with a time loop and state (SimpleRNN, LSTM, GRU, and Bidirectional of one): it needs sequences in. */
  readonly recurrent: boolean;
  /** Reads one token id per step (Embedding): only valid as the first layer. */
  readonly readsTokens?: boolean;
  /** Weight tensors on `input` features, in Keras order. */
  weights(config: C, input: number): WeightShape[];
  /** Features per step (or per row) out, given `input` features in. */
  outputWidth(config: C, input: number): number;
  /** Whether the output keeps the time axis, given whether the input has one. */
  keepsSequence(config: C, inputIsSequence: boolean): boolean;
  /** Whether this layer carries state across batches (stateful recurrent layers). */
  stateful?(config: C): boolean;
  /** The activation of the layer's output, when it has one (the task checks a softmax output). */
  outputActivation?(config: C): string | undefined;
  /** Settings the spec editor shows as form fields. */
  readonly editor: readonly EditorField[];
  /** Settings of a new layer of this kind added in the editor. */
  readonly example: Readonly<Record<string, unknown>>;
}

/** Declares a layer kind with its schema's output type as the settings type. */
export function defineLayerKind<S extends z.ZodType>(record: LayerKindRecord<z.output<S>> & { readonly schema: S }): LayerKindRecord<z.output<S>> & { readonly schema: S } {
  return record;
}

/** Number of values of a shape (1 for a scalar). */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
