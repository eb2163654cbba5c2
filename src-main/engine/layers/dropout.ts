import type { DropoutConfig } from '../../contract/layers.js';
import { DropoutLayer } from '../fused/dropout.js';
import { firstShape, type EngineLayerRecord } from './types.js';

// tf.layers.dropout is not seeded: its masks differ from run to run (the fused engine's are; 'auto' picks it).
export const dropoutEngines: EngineLayerRecord<DropoutConfig> = {
  fused: {
    build: (c, at) => new DropoutLayer({ size: at.inputSize, rate: c.rate, inputIsSequence: at.inputIsSequence, maxBatch: at.maxBatch, steps: at.steps, precision: at.precision, source: at.dropout }),
  },
  tfjs: { build: (tf, c, input) => tf.layers.dropout({ ...firstShape(input), rate: c.rate }) },
};
