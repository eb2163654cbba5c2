import type * as TF from '@tensorflow/tfjs';
import { innerOf, paramCount, type BidirectionalConfig, type LayerOf } from '../../contract/layers.js';
import { BidirectionalLayer } from '../fused/layer-bidirectional.js';
import { engineProblem, fusedBuilder, tfjsBuilder } from './index.js';
import { firstShape, type EngineLayerRecord } from './types.js';

/** The wrapped layer as a `LayerOf` (its builders are looked up in the registry like any layer's). */
const inner = (c: BidirectionalConfig): LayerOf => {
  const { kind, config } = innerOf(c.layer);
  return { kind, config } as LayerOf;
};

/** What `engine` lacks to run this Bidirectional: stateful wrapping (neither has it), or the wrapped layer's own limits. */
const innerProblem = (engine: 'fused' | 'tfjs', c: BidirectionalConfig): string | undefined =>
  innerOf(c.layer).config.stateful ? 'stateful Bidirectional layers are not implemented; set "stateful": false on the wrapped layer' : engineProblem(engine, inner(c));

export const bidirectionalEngines: EngineLayerRecord<BidirectionalConfig> = {
  fused: {
    unsupported: (c) => innerProblem('fused', c),
    build: (c, at) => {
      const l = inner(c);
      const build = fusedBuilder(l);
      const fwd = build(at);
      const bwd = build({ ...at, offset: at.offset + paramCount(l, at.inputSize) });
      return new BidirectionalLayer(fwd, bwd, c.mergeMode, { inputSize: at.inputSize, maxBatch: at.maxBatch, steps: at.steps, precision: at.precision });
    },
  },
  tfjs: {
    unsupported: (c) => innerProblem('tfjs', c),
    build: (tf, c, input) =>
      tf.layers.bidirectional({ ...firstShape(input), layer: tfjsBuilder(inner(c))(tf, undefined) as TF.RNN, mergeMode: c.mergeMode }),
  },
};
