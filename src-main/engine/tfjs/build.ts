import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import { layerOf, type LayerOf, type ModelSpec } from '../../contract/layers.js';
import { engineProblem, tfjsBuilder } from '../layers/index.js';
import { optimizerOf, type TrainingSpec } from '../../contract/spec.js';
import type { InputShape, WeightTensor } from '../sequence-model.js';

/** Why tfjs cannot build a layer (one line with the fix), or undefined when it can (the registry's tfjs builder says). */
export const tfjsUnsupported = (l: LayerOf): string | undefined => engineProblem('tfjs', l);

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
    model.add(tfjsBuilder(l)(tf, index === 0 ? input : undefined));
  });
  const tensors = weights.map((w) => tf.tensor(Float32Array.from(w.values), [...w.shape], 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
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
