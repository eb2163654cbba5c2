import { describe, expect, it } from 'vitest';
import { randomPairs, randomWeights, seq2seqRequest, smallArchitecture } from '../../../../testing/fused/seq2seq-fixtures.js';
import { loadNativeAddon } from '../../kernels/native-addon.js';
import { nativeProductCount } from '../kernel-tier.js';
import { FusedSeq2seqModel, type FusedSeq2seqOptions } from './model.js';

// Sizes large enough for the native tier's kernels to run (products ≥ 2,048 multiply-adds, LSTM steps over
// batch·units ≥ 64 cells, tanh blocks ≥ 32 values): vocab 20 → 24, units 16 (bidirectional 8 + 8), attention 16,
// batch 8, source 10, target 12 steps.
const a = smallArchitecture({ encoderUnits: [8], decoderUnits: [16], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 16, sourceVocab: 20, targetVocab: 24 });
const weights = randomWeights(a, 4, 0.5, 1);
const pairs = randomPairs(8, 10, 12, a.sourceVocab, a.targetVocab, 3, 2);

function run(options: FusedSeq2seqOptions) {
  const model = new FusedSeq2seqModel(seq2seqRequest(a, weights, 8), options);
  const forced = model.forcedDistributionsSync(pairs);
  const loss = model.lossAndGradients(pairs);
  return { backend: model.backend, forced, loss, grads: model.getGradients() };
}

/** max |x − y| over the arrays, and per gradient tensor max |Δ| / max |g|. */
const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!)), 0);
const worstRelative = (g: ReturnType<typeof run>['grads'], h: ReturnType<typeof run>['grads']) =>
  Math.max(...g.map((t, k) => maxDiff(t.values, h[k]!.values) / Math.max(...Array.from(t.values, Math.abs))));

const native = loadNativeAddon();

describe('fused seq2seq precision and kernel tiers', () => {
  const reference = run({ kernels: 'js', precision: 'f64' });

  // Measured here: float32 vs float64 5.7e-9 (probabilities), 4.4e-9 (loss), 5.9e-7 (relative gradients);
  // native vs js in float64 3.5e-17 and 3.0e-15 (FMA and another summation order).
  it('float32 storage stays within 1e-6 of float64 (probabilities, loss) and 1e-5 relative (gradients)', () => {
    const f32 = run({ kernels: 'js', precision: 'f32' });
    expect(f32.backend).toBe('js-f32');
    expect(maxDiff(f32.forced, reference.forced)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(f32.loss - reference.loss)).toBeLessThanOrEqual(1e-6);
    expect(worstRelative(f32.grads, reference.grads)).toBeLessThanOrEqual(1e-5);
  });

  it.runIf(typeof native !== 'string')('the native tier equals js in float64 (≤ 1e-12 probabilities, ≤ 1e-12 relative gradients) and really ran', () => {
    const before = nativeProductCount();
    const n = run({ kernels: 'native', precision: 'f64' });
    expect(nativeProductCount()).toBeGreaterThan(before);
    expect(n.backend).toMatch(/^native-.*-f64$/);
    expect(maxDiff(n.forced, reference.forced)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(n.loss - reference.loss)).toBeLessThanOrEqual(1e-12);
    expect(worstRelative(n.grads, reference.grads)).toBeLessThanOrEqual(1e-12);
  });

  it.runIf(typeof native !== 'string')('the native tier in float32 stays within the float32 bounds of js float64', () => {
    const n = run({ kernels: 'native', precision: 'f32' });
    expect(n.backend).toMatch(/^native-.*-f32$/);
    expect(maxDiff(n.forced, reference.forced)).toBeLessThanOrEqual(1e-6);
    expect(worstRelative(n.grads, reference.grads)).toBeLessThanOrEqual(1e-5);
  });
});
