import type { EmbeddingConfig } from '../../contract/layers.js';
import { EmbeddingLayer } from '../fused/layer-embedding.js';
import { firstShape, type EngineLayerRecord } from './types.js';

export const embeddingEngines: EngineLayerRecord<EmbeddingConfig> = {
  fused: {
    build: (c, at) => new EmbeddingLayer({ params: at.params, grads: at.grads, offset: at.offset, inputDim: c.inputDim, outputDim: c.outputDim, maxBatch: at.maxBatch, steps: at.steps, precision: at.precision }),
  },
  tfjs: { build: (tf, c, input) => tf.layers.embedding({ ...firstShape(input, true), inputDim: c.inputDim, outputDim: c.outputDim, embeddingsInitializer: 'zeros' }) },
};
