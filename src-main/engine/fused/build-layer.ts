import { outputWidth, recurrentOf, type LayerOf } from '../../contract/layers.js';
import { layerWeightShapes } from '../init.js';
import { actCode } from './activations.js';
import { DropoutLayer, type DropoutSource } from './dropout.js';
import { BidirectionalLayer } from './layer-bidirectional.js';
import { DenseLayer } from './layer-dense.js';
import { EmbeddingLayer } from './layer-embedding.js';
import { GruLayer } from './layer-gru.js';
import { LstmLayer } from './layer-lstm.js';
import { SimpleRnnLayer } from './layer-simple-rnn.js';
import type { RecurrentLayer, RecurrentSetup } from './recurrent.js';
import type { FusedLayer, Precision, Vec } from './types.js';

/** Where one layer of a stack sits: the flat arrays, its weights' offset, its input and the batch shape. */
export interface LayerPlace {
  readonly params: Vec;
  readonly grads: Vec;
  /** Offset of the layer's first weight in `params` (its weights follow in Keras order). */
  readonly offset: number;
  readonly inputSize: number;
  readonly inputIsSequence: boolean;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
  /** The model's dropout generator. */
  readonly dropout: DropoutSource;
}

/** Number of parameters of a layer on `input` features (Keras count). */
export function parameterCount(l: LayerOf, input: number): number {
  return layerWeightShapes(l, input).reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
}

/** The fused layer for a layer spec (the stack was checked by `unsupportedReason`). */
export function buildLayer(l: LayerOf, at: LayerPlace): FusedLayer {
  const { params, grads, offset, inputSize, maxBatch, steps, precision } = at;
  switch (l.kind) {
    case 'dense':
      return new DenseLayer({ params, grads, offset, inputSize, units: l.config.units, useBias: l.config.useBias, inputIsSequence: at.inputIsSequence, maxBatch, steps, precision }, actCode(l.config.activation));
    case 'embedding':
      return new EmbeddingLayer({ params, grads, offset, inputDim: l.config.inputDim, outputDim: l.config.outputDim, maxBatch, steps, precision });
    case 'dropout':
      return new DropoutLayer({ size: inputSize, rate: l.config.rate, inputIsSequence: at.inputIsSequence, maxBatch, steps, precision, source: at.dropout });
    case 'bidirectional': {
      const inner = recurrentOf(l.config.layer) as LayerOf;
      const fwd = buildLayer(inner, at);
      const bwd = buildLayer(inner, { ...at, offset: offset + parameterCount(inner, inputSize) });
      return new BidirectionalLayer(fwd, bwd, l.config.mergeMode, { inputSize, maxBatch, steps, precision });
    }
    case 'simpleRNN':
    case 'lstm':
    case 'gru':
      return buildRecurrent(l, { params, grads, offset, inputSize, units: outputWidth(l, inputSize), useBias: l.config.useBias, returnSequences: l.config.returnSequences, stateful: l.config.stateful, maxBatch, steps, precision });
  }
}

function buildRecurrent(l: Extract<LayerOf, { kind: 'simpleRNN' | 'lstm' | 'gru' }>, setup: RecurrentSetup): RecurrentLayer {
  const act = actCode(l.config.activation);
  switch (l.kind) {
    case 'simpleRNN':
      return new SimpleRnnLayer(setup, act);
    case 'lstm':
      return new LstmLayer(setup, act, actCode(l.config.recurrentActivation));
    case 'gru':
      return new GruLayer(setup, act, actCode(l.config.recurrentActivation), l.config.resetAfter);
  }
}
