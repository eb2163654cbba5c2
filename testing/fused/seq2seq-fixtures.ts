import { createRng } from '../../src-main/common/rng.js';
import type { WeightTensor } from '../../src-main/contract/results.js';
import { TrainingSpec, type Optimizer } from '../../src-main/contract/spec.js';
import { seq2seqWeightLayout, type PairTensors, type Seq2seqArchitecture, type Seq2seqRequest } from '../../src-main/engine/seq2seq/types.js';

/**
 * Fixtures of the fused seq2seq tests and benchmark: small architectures, seeded random weights of the layout's
 * shapes (uniform, biases included, so every weight's gradient is exercised) and seeded random pairs padded
 * with −1 past varied lengths.
 */

/** An architecture with the tests' small defaults (vocabularies 6 → 7, one layer of 3 units, no attention). */
export function smallArchitecture(overrides: Partial<Seq2seqArchitecture> = {}): Seq2seqArchitecture {
  const a = { encoderUnits: [3], decoderUnits: [3], attention: 'none' as const, attentionUnits: 3, bidirectionalEncoder: false, sourceVocab: 6, targetVocab: 7, ...overrides };
  return a;
}

/**
 * Weights of `a`'s layout, uniform in [−scale, scale), seeded; the attention's in [−attentionScale, …): with
 * small weights the scores barely vary over positions and W₁'s gradient is ≈1e-8, too small for a finite
 * difference to check.
 */
export function randomWeights(a: Seq2seqArchitecture, seed: number, scale = 0.5, attentionScale = 2): WeightTensor[] {
  const rng = createRng(seed, 'seq2seq-weights');
  return seq2seqWeightLayout(a).map((w) => {
    const size = w.shape.reduce((p, d) => p * d, 1);
    const s = w.name.startsWith('attention.') ? attentionScale : scale;
    return { name: w.name, shape: [...w.shape], values: Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * s) };
  });
}

/** A request for `a` with these weights, batch size and optimizer (default rmsprop as the translation task). */
export function seq2seqRequest(a: Seq2seqArchitecture, weights: WeightTensor[], batchSize: number, optimizer?: Optimizer): Seq2seqRequest {
  const training = TrainingSpec.parse({ epochs: 1, batchSize, loss: 'categoricalCrossentropy', optimizer: optimizer ?? { rmsprop: {} } });
  return { architecture: a, training, weights, backend: 'auto' };
}

/**
 * n random pairs: source lengths in [minSource, sourceSteps] (the first pair full length), targets wrapped
 * (id 0 = `\t` first, id 1 = `\n` last) with lengths in [2, targetSteps] (the first pair full length), −1 past.
 */
export function randomPairs(
  n: number, sourceSteps: number, targetSteps: number, sourceVocab: number, targetVocab: number, seed: number, minSource = 1,
): PairTensors {
  const rng = createRng(seed, 'seq2seq-pairs');
  const source = new Int32Array(n * sourceSteps).fill(-1);
  const target = new Int32Array(n * targetSteps).fill(-1);
  const sourceLengths = new Int32Array(n);
  const targetLengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const sl = i === 0 ? sourceSteps : minSource + rng.int(sourceSteps - minSource + 1);
    const tl = i === 0 ? targetSteps : 2 + rng.int(targetSteps - 1);
    sourceLengths[i] = sl;
    targetLengths[i] = tl;
    for (let t = 0; t < sl; t++) source[i * sourceSteps + t] = rng.int(sourceVocab);
    target[i * targetSteps] = 0;
    for (let t = 1; t < tl - 1; t++) target[i * targetSteps + t] = 2 + rng.int(targetVocab - 2);
    target[i * targetSteps + tl - 1] = 1;
  }
  return { n, sourceSteps, targetSteps, source, sourceLengths, target, targetLengths };
}
