import { afterEach, describe, expect, it } from 'vitest';
import { makeRequest, randomClasses, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { nativeProductCount } from '../fused/kernel-tier.js';
import { FusedModel } from '../fused/model.js';
import type { Precision } from '../fused/types.js';
import { loadNativeAddon } from './native-addon.js';
import { resolveKernelTier } from './tiers.js';

const native = typeof loadNativeAddon() !== 'string';
const saved = process.env.RNNLAB_KERNELS;
afterEach(() => {
  if (saved === undefined) delete process.env.RNNLAB_KERNELS;
  else process.env.RNNLAB_KERNELS = saved;
});

describe('kernel tiers', () => {
  it('RNNLAB_KERNELS overrides the choice, and a bad value is one line naming it', () => {
    process.env.RNNLAB_KERNELS = 'js';
    expect(resolveKernelTier('native').label).toBe('js');
    process.env.RNNLAB_KERNELS = 'fast';
    expect(() => resolveKernelTier('auto')).toThrow(/RNNLAB_KERNELS is "fast"; use one of auto, native, wasm, js/);
  });

  it.skipIf(!native)('the model records the tier in its backend', () => {
    delete process.env.RNNLAB_KERNELS;
    const request = makeRequest([{ lstm: { units: 8 } }, { dense: { units: 1 } }], { batchSize: 4, steps: 3, features: 2 });
    expect(new FusedModel(request, { kernels: 'native' }).backend).toMatch(/^native-(avx512|avx2|sse2)-f64$/);
    expect(new FusedModel(request, { kernels: 'js', precision: 'f32' }).backend).toBe('js-f32');
  });
});

/**
 * Trains the same seeded model `epochs` epochs on each tier; returns the final loss and weights of each.
 * Sizes put every recurrent and weight-gradient product above the native threshold.
 */
function trainOn(kernels: 'native' | 'js', precision: Precision, layers: readonly Record<string, unknown>[], classes: boolean) {
  const request = makeRequest(layers, { batchSize: 16, steps: 6, features: 12 }, { seed: 3 });
  const model = new FusedModel(request, { kernels, precision, ...(classes ? { loss: 'sparseCategoricalCrossentropy' as const } : {}) });
  const x = randomSequences(48, 6, 12, 4);
  const y = classes ? randomClasses(48, 5, 5, true) : randomTargets(48 * model.targetWidth, 5);
  const before = nativeProductCount();
  let loss = 0;
  for (let e = 0; e < 3; e++) loss = model.trainEpochSync(x, y, undefined, false);
  const products = nativeProductCount() - before;
  const weights = Float64Array.from(model.params);
  model.dispose();
  return { loss, weights, products };
}

const MODELS: readonly { name: string; layers: readonly Record<string, unknown>[]; classes: boolean }[] = [
  { name: 'SimpleRNN(32) → Dense(5) softmax', layers: [{ simpleRNN: { units: 32 } }, { dense: { units: 5, activation: 'softmax' } }], classes: true },
  { name: 'LSTM(24) seq → GRU(16) → Dense(2)', layers: [{ lstm: { units: 24, returnSequences: true } }, { gru: { units: 16 } }, { dense: { units: 2 } }], classes: false },
  { name: 'Bi(LSTM(16)) → Dense(5) softmax', layers: [{ bidirectional: { layer: { lstm: { units: 16 } } } }, { dense: { units: 5, activation: 'softmax' } }], classes: true },
];

describe.skipIf(!native)('forcing the js tier gives the native tier\'s results within rounding (3 epochs × 3 Adam steps)', () => {
  for (const m of MODELS) {
    it(m.name, () => {
      delete process.env.RNNLAB_KERNELS;
      const js64 = trainOn('js', 'f64', m.layers, m.classes);
      const native64 = trainOn('native', 'f64', m.layers, m.classes);
      const native32 = trainOn('native', 'f32', m.layers, m.classes);
      expect(js64.products).toBe(0);
      expect(native64.products).toBeGreaterThan(0);
      const gap = (a: Float64Array, b: Float64Array) => {
        let worst = 0;
        let scale = 0;
        for (let i = 0; i < a.length; i++) {
          worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
          scale = Math.max(scale, Math.abs(b[i]!));
        }
        return worst / scale;
      };
      const lossGap64 = Math.abs(native64.loss - js64.loss) / js64.loss;
      const lossGap32 = Math.abs(native32.loss - js64.loss) / js64.loss;
      console.log(`${m.name}: native f64 vs js f64 loss ${lossGap64.toExponential(1)}, weights ${gap(native64.weights, js64.weights).toExponential(1)}; native f32 vs js f64 loss ${lossGap32.toExponential(1)}, weights ${gap(native32.weights, js64.weights).toExponential(1)}`);
      // Float64: the tiers differ only in summation order and FMA rounding (≈1e-16 per product), carried
      // through 9 Adam steps; float32 storage and arithmetic against float64 (ε 6e-8). Measured: float64 ≤ 3.3e-16
      // (weights) and ≤ 1.4e-16 (loss); float32 ≤ 2.6e-7 and ≤ 1.1e-8. The bounds are the brief's tolerances.
      expect(lossGap64).toBeLessThan(1e-12);
      expect(gap(native64.weights, js64.weights)).toBeLessThan(1e-12);
      expect(lossGap32).toBeLessThan(1e-5);
      expect(gap(native32.weights, js64.weights)).toBeLessThan(1e-5);
    });
  }
});
