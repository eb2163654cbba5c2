import { stackUnits, type Seq2seqSpec } from '../../contract/seq2seq.js';
import { createRng } from '../../common/rng.js';
import type { WeightTensor } from '../../contract/results.js';
import { initialize } from '../init.js';
import { seq2seqWeightLayout, type Seq2seqArchitecture } from './types.js';

/**
 * The architecture of a spec's encoder–decoder over vocabularies of `sourceVocab` and `targetVocab` characters
 * (the training pairs' own; the spec cannot know them before the data is read).
 */
export function seq2seqArchitecture(spec: Seq2seqSpec, sourceVocab: number, targetVocab: number): Seq2seqArchitecture {
  const decoderUnits = stackUnits(spec.decoder);
  return {
    encoderUnits: stackUnits(spec.encoder),
    decoderUnits,
    attention: spec.attention,
    attentionUnits: spec.attention === 'bahdanau' ? spec.attentionUnits || decoderUnits[decoderUnits.length - 1]! : 0,
    bidirectionalEncoder: spec.bidirectionalEncoder,
    sourceVocab,
    targetVocab,
  };
}

/** Number of weights of an encoder–decoder (every one trainable). */
export const seq2seqParamCount = (a: Seq2seqArchitecture): number =>
  seq2seqWeightLayout(a).reduce((sum, w) => sum + w.shape.reduce((x, y) => x * y, 1), 0);

/**
 * Seeded initial weights in {@link seq2seqWeightLayout} order with Keras' initialisers (glorot uniform kernels,
 * orthogonal recurrent kernels, zero biases with the LSTM forget block at 1): every engine starts from these.
 */
export function initialSeq2seqWeights(a: Seq2seqArchitecture, seed: number): WeightTensor[] {
  const rng = createRng(seed, 'init');
  return seq2seqWeightLayout(a).map((w) => {
    const unitForget = w.init === 'unitForgetBias';
    return {
      name: w.name,
      shape: w.shape,
      values: initialize(unitForget ? 'zeros' : w.init, w.shape, rng, unitForget ? w.shape[0]! / 4 : 0),
    };
  });
}
