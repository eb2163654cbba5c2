import type { LstmConfig, GruConfig, SimpleRnnConfig } from '../../contract/layers.js';
import { actCode } from '../fused/activations.js';
import { GruLayer } from '../fused/layer-gru.js';
import { LstmLayer } from '../fused/layer-lstm.js';
import { SimpleRnnLayer } from '../fused/layer-simple-rnn.js';
import type { RecurrentSetup } from '../fused/recurrent.js';
import { firstShape, ZERO_INIT, type EngineLayerRecord, type LayerPlace } from './types.js';

type Recurrent = SimpleRnnConfig | LstmConfig | GruConfig;

const setupOf = (c: Recurrent, at: LayerPlace): RecurrentSetup => ({
  params: at.params,
  grads: at.grads,
  offset: at.offset,
  inputSize: at.inputSize,
  units: c.units,
  useBias: c.useBias,
  returnSequences: c.returnSequences,
  stateful: c.stateful,
  maxBatch: at.maxBatch,
  steps: at.steps,
  precision: at.precision,
});

const noSoftmax = (c: Recurrent, acts: readonly string[]): string | undefined =>
  acts.includes('softmax') ? `softmax inside a recurrent cell is not implemented by the fused engine; use tanh (activation) and sigmoid (recurrentActivation)` : void c;

/** Keras' arguments every tf.layers recurrent layer takes, written out (tfjs' defaults differ). */
const tfjsArgs = (c: Recurrent) =>
  ({ ...ZERO_INIT, units: c.units, activation: c.activation, useBias: c.useBias, returnSequences: c.returnSequences, stateful: c.stateful, recurrentInitializer: 'zeros' }) as const;

export const simpleRnnEngines: EngineLayerRecord<SimpleRnnConfig> = {
  fused: {
    unsupported: (c) => noSoftmax(c, [c.activation]),
    build: (c, at) => new SimpleRnnLayer(setupOf(c, at), actCode(c.activation)),
  },
  tfjs: { build: (tf, c, input) => tf.layers.simpleRNN({ ...firstShape(input), ...tfjsArgs(c) }) },
};

export const lstmEngines: EngineLayerRecord<LstmConfig> = {
  fused: {
    unsupported: (c) => noSoftmax(c, [c.activation, c.recurrentActivation]),
    build: (c, at) => new LstmLayer(setupOf(c, at), actCode(c.activation), actCode(c.recurrentActivation)),
  },
  // unit_forget_bias is already in the initial weights we set, so tfjs must not add it again.
  tfjs: { build: (tf, c, input) => tf.layers.lstm({ ...firstShape(input), ...tfjsArgs(c), recurrentActivation: c.recurrentActivation, unitForgetBias: false }) },
};

export const gruEngines: EngineLayerRecord<GruConfig> = {
  fused: {
    unsupported: (c) => noSoftmax(c, [c.activation, c.recurrentActivation]),
    build: (c, at) => new GruLayer(setupOf(c, at), actCode(c.activation), actCode(c.recurrentActivation), c.resetAfter),
  },
  tfjs: {
    unsupported: (c) => (c.resetAfter ? 'tfjs-layers implements GRU only with resetAfter: false; use engine "auto" or "fused", or set "resetAfter": false' : undefined),
    build: (tf, c, input) => tf.layers.gru({ ...firstShape(input), ...tfjsArgs(c), recurrentActivation: c.recurrentActivation }),
  },
};
