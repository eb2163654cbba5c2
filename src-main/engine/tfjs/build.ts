import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import { layerOf, type Activation, type LayerOf, type ModelSpec } from '../../contract/layers.js';
import { optimizerOf, type TrainingSpec } from '../../contract/spec.js';
import type { InputShape, WeightTensor } from '../sequence-model.js';

/** Why tfjs cannot build a layer, or undefined when it can. */
export function tfjsUnsupported(l: LayerOf): string | undefined {
  if (l.kind === 'gru' && l.config.resetAfter) {
    return 'tfjs-layers GRU supports only resetAfter: false; set it, or use engine "fused"';
  }
  if (l.kind === 'embedding' || l.kind === 'dropout' || l.kind === 'bidirectional') return `${l.kind} is not implemented on tfjs yet; use engine "fused"`;
  return undefined;
}

/**
 * Builds a tfjs-layers sequential model with Keras semantics: every default set explicitly
 * (tfjs defaults recurrentActivation to hardSigmoid), initial weights taken from `weights`.
 */
export function buildTfjsModel(spec: ModelSpec, input: InputShape, weights: readonly WeightTensor[]): tf.Sequential {
  const model = tf.sequential();
  spec.layers.forEach((layer, index) => {
    const l = layerOf(layer);
    const problem = tfjsUnsupported(l);
    if (problem) throw new LabError('ENGINE_UNSUPPORTED', `model.layers[${index}].${l.kind}: ${problem}`);
    const first = index === 0 ? { batchInputShape: [input.batchSize, input.steps, input.features] } : {};
    // Initialisers are irrelevant (weights are set below); zeros avoids tfjs' own random draws.
    const init = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;
    switch (l.kind) {
      case 'dense':
        model.add(tf.layers.dense({ ...first, ...init, units: l.config.units, activation: l.config.activation, useBias: l.config.useBias }));
        break;
      case 'simpleRNN':
        model.add(tf.layers.simpleRNN({ ...first, ...init, ...recurrentArgs(l.config) }));
        break;
      case 'lstm':
        model.add(
          tf.layers.lstm({
            ...first,
            ...init,
            ...recurrentArgs(l.config),
            recurrentActivation: l.config.recurrentActivation,
            unitForgetBias: false,
          }),
        );
        break;
      case 'gru':
        model.add(
          tf.layers.gru({ ...first, ...init, ...recurrentArgs(l.config), recurrentActivation: l.config.recurrentActivation }),
        );
        break;
    }
  });
  const tensors = weights.map((w) => tf.tensor(Float32Array.from(w.values), [...w.shape], 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
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
export const tfjsLoss = (loss: TrainingSpec['loss']): string => ({ mse: 'meanSquaredError', mae: 'meanAbsoluteError' })[loss];
