import type * as TF from '@tensorflow/tfjs';
import { innerOf, paramCount, type BidirectionalConfig, type LayerOf } from '../../contract/layers.js';
import { BidirectionalLayer } from '../fused/layer-bidirectional.js';
import { engineLayer, fusedBuilder, tfjsBuilder } from './index.js';
import { firstShape, type EngineLayerRecord } from './types.js';

/** The wrapped layer as a `LayerOf` (its builders are looked up in the registry like any layer's). */
const inner = (c: BidirectionalConfig): LayerOf => {
  const { kind, config } = innerOf(c.layer);
  return { kind, config } as LayerOf;
};

export const bidirectionalEngines: EngineLayerRecord<BidirectionalConfig> = {
  fused: {
    unsupported: (c) => {
      const l = inner(c);
      if (innerOf(c.layer).config.stateful) return 'stateful Bidirectional layers are not implemented; set "stateful": false on the wrapped layer';
      const b = engineLayer(l.kind).fused;
      return 'missing' in b ? b.missing : b.unsupported?.(l.config as never);
    },
    build: (c, at) => {
      const l = inner(c);
      const build = fusedBuilder(l);
      const fwd = build(at);
      const bwd = build({ ...at, offset: at.offset + paramCount(l, at.inputSize) });
      return new BidirectionalLayer(fwd, bwd, c.mergeMode, { inputSize: at.inputSize, maxBatch: at.maxBatch, steps: at.steps, precision: at.precision });
    },
  },
  tfjs: {
    unsupported: (c) => {
      const l = inner(c);
      if (innerOf(c.layer).config.stateful) return 'stateful Bidirectional layers are not implemented; set "stateful": false on the wrapped layer';
      const b = engineLayer(l.kind).tfjs;
      return 'missing' in b ? b.missing : b.unsupported?.(l.config as never);
    },
    build: (tf, c, input) =>
      tf.layers.bidirectional({ ...firstShape(input), layer: tfjsBuilder(inner(c))(tf, undefined) as TF.RNN, mergeMode: c.mergeMode }),
  },
};
