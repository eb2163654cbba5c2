import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import { layerOf, recurrentOf, type Activation, type LayerOf, type ModelSpec } from '../../contract/layers.js';
import { optimizerOf, type TrainingSpec } from '../../contract/spec.js';
import type { InputShape, WeightTensor } from '../sequence-model.js';

/** Why tfjs cannot build a layer, or undefined when it can. */
export function tfjsUnsupported(l: LayerOf): string | undefined {
  if (l.kind === 'gru' && l.config.resetAfter) {
    return 'tfjs-layers GRU supports only resetAfter: false; set it, or use engine "fused"';
  }
  if (l.kind === 'bidirectional') {
    const inner = recurrentOf(l.config.layer) as LayerOf;
    if (inner.kind === 'gru' && inner.config.resetAfter) return 'tfjs-layers GRU (in Bidirectional) supports only resetAfter: false; set it, or use engine "fused"';
    if (isStateful(inner)) return 'a stateful Bidirectional layer is not implemented; set stateful: false';
  }
  return undefined;
}

const isStateful = (l: LayerOf): boolean => (l.kind === 'simpleRNN' || l.kind === 'lstm' || l.kind === 'gru') && l.config.stateful;

/** Whether the model reads token ids (an Embedding first): its input is then [batch, steps], not [batch, steps, 1]. */
export const readsTokens = (spec: ModelSpec): boolean => layerOf(spec.layers[0]!).kind === 'embedding';

/**
 * Builds a tfjs-layers sequential model with Keras semantics: every default set explicitly
 * (tfjs defaults recurrentActivation to hardSigmoid), initial weights taken from `weights` (Keras order;
 * tfjs' Bidirectional holds the forward layer's weights then the backward's, as init.ts lays them out).
 * An Embedding first layer takes [batch, steps] token ids. Dropout is tf.layers.dropout, which tfjs does not
 * seed: its masks differ from run to run (the fused engine's are seeded; 'auto' picks it).
 */
export function buildTfjsModel(spec: ModelSpec, input: InputShape, weights: readonly WeightTensor[]): tf.Sequential {
  const model = tf.sequential();
  spec.layers.forEach((layer, index) => {
    const l = layerOf(layer);
    const problem = tfjsUnsupported(l);
    if (problem) throw new LabError('ENGINE_UNSUPPORTED', `model.layers[${index}].${l.kind}: ${problem}`);
    const first =
      index === 0 ? { batchInputShape: l.kind === 'embedding' ? [input.batchSize, input.steps] : [input.batchSize, input.steps, input.features] } : {};
    model.add(tfjsLayer(l, first));
  });
  const tensors = weights.map((w) => tf.tensor(Float32Array.from(w.values), [...w.shape], 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
}

/** The tf.layers layer of one spec layer (zero initialisers: the weights are set afterwards). */
function tfjsLayer(l: LayerOf, first: { batchInputShape?: number[] }): tf.layers.Layer {
  // Initialisers are irrelevant (weights are set afterwards); zeros avoids tfjs' own random draws.
  const init = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;
  switch (l.kind) {
    case 'dense':
      return tf.layers.dense({ ...first, ...init, units: l.config.units, activation: l.config.activation, useBias: l.config.useBias });
    case 'simpleRNN':
      return tf.layers.simpleRNN({ ...first, ...init, ...recurrentArgs(l.config) });
    case 'lstm':
      return tf.layers.lstm({ ...first, ...init, ...recurrentArgs(l.config), recurrentActivation: l.config.recurrentActivation, unitForgetBias: false });
    case 'gru':
      return tf.layers.gru({ ...first, ...init, ...recurrentArgs(l.config), recurrentActivation: l.config.recurrentActivation });
    case 'embedding':
      return tf.layers.embedding({ ...first, inputDim: l.config.inputDim, outputDim: l.config.outputDim, embeddingsInitializer: 'zeros' });
    case 'dropout':
      return tf.layers.dropout({ ...first, rate: l.config.rate });
    case 'bidirectional':
      return tf.layers.bidirectional({ ...first, layer: tfjsLayer(recurrentOf(l.config.layer) as LayerOf, {}) as tf.RNN, mergeMode: l.config.mergeMode });
  }
}

function recurrentArgs(c: { units: number; activation: Activation; useBias: boolean; returnSequences: boolean; stateful: boolean }) {
  return {
    units: c.units,
    activation: c.activation,
    useBias: c.useBias,
    returnSequences: c.returnSequences,
    stateful: c.stateful,
    recurrentInitializer: 'zeros',
  } as const;
}

/** The tfjs optimizer for a training spec, with Keras' settings written out. */
export function buildOptimizer(training: TrainingSpec): tf.Optimizer {
  const o = optimizerOf(training.optimizer);
  switch (o.kind) {
    case 'adam':
      return tf.train.adam(o.config.learningRate, o.config.beta1, o.config.beta2, o.config.epsilon);
    case 'sgd':
      return o.config.momentum > 0
        ? tf.train.momentum(o.config.learningRate, o.config.momentum, o.config.nesterov)
        : tf.train.sgd(o.config.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(o.config.learningRate, o.config.rho, o.config.momentum, o.config.epsilon);
  }
}

/** tfjs loss name of a spec loss. */
export const tfjsLoss = (loss: TrainingSpec['loss']): string =>
  ({
    mse: 'meanSquaredError',
    mae: 'meanAbsoluteError',
    categoricalCrossentropy: 'categoricalCrossentropy',
    sparseCategoricalCrossentropy: 'sparseCategoricalCrossentropy',
  })[loss];
