import type { DenseConfig } from '../../contract/layers.js';
import { actCode } from '../fused/activations.js';
import { DenseLayer } from '../fused/layer-dense.js';
import { firstShape, ZERO_INIT, type EngineLayerRecord } from './types.js';

export const denseEngines: EngineLayerRecord<DenseConfig> = {
  fused: {
    build: (c, at) =>
      new DenseLayer(
        { params: at.params, grads: at.grads, offset: at.offset, inputSize: at.inputSize, units: c.units, useBias: c.useBias, inputIsSequence: at.inputIsSequence, maxBatch: at.maxBatch, steps: at.steps, precision: at.precision },
        actCode(c.activation),
      ),
  },
  tfjs: { build: (tf, c, input) => tf.layers.dense({ ...firstShape(input), ...ZERO_INIT, units: c.units, activation: c.activation, useBias: c.useBias }) },
};
