import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeRequest, randomClasses, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { nativeProductCount } from '../fused/kernel-tier.js';
import { FusedModel } from '../fused/model.js';
import type { Precision } from '../fused/types.js';
import { loadNativeAddon } from './native-addon.js';
import { resolveKernelTier } from './tiers.js';
import { loadWasmKernels } from './wasm-kernels.js';

const native = typeof loadNativeAddon() !== 'string';
const wasm = typeof loadWasmKernels() !== 'string';
const saved = { kernels: process.env.RNNLAB_KERNELS, off: process.env.RNNLAB_KERNELS_OFF };
afterEach(() => {
  if (saved.kernels === undefined) delete process.env.RNNLAB_KERNELS;
  else process.env.RNNLAB_KERNELS = saved.kernels;
  if (saved.off === undefined) delete process.env.RNNLAB_KERNELS_OFF;
  else process.env.RNNLAB_KERNELS_OFF = saved.off;
  vi.restoreAllMocks();
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

  it.skipIf(!wasm)('records the wasm tier as wasm-simd128', () => {
    delete process.env.RNNLAB_KERNELS;
    const request = makeRequest([{ gru: { units: 8 } }, { dense: { units: 1 } }], { batchSize: 4, steps: 3, features: 2 });
    expect(new FusedModel(request, { kernels: 'wasm' }).backend).toBe('wasm-simd128-f64');
    expect(new FusedModel(request, { kernels: 'wasm', precision: 'f32' }).backend).toBe('wasm-simd128-f32');
  });

  it.skipIf(!wasm)('falls back native → wasm → js, saying once which tier runs and why', () => {
    delete process.env.RNNLAB_KERNELS;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env.RNNLAB_KERNELS_OFF = 'native';
    expect(resolveKernelTier('auto').label).toBe('wasm-simd128');
    expect(resolveKernelTier('auto').label).toBe('wasm-simd128');
    expect(() => resolveKernelTier('native')).toThrow(/kernels "native": the native addon is turned off by RNNLAB_KERNELS_OFF; use "kernels": "auto", "wasm" or "js"/);
    process.env.RNNLAB_KERNELS_OFF = 'native, wasm';
    expect(resolveKernelTier('auto').label).toBe('js');
    expect(resolveKernelTier('auto').label).toBe('js');
    expect(() => resolveKernelTier('wasm')).toThrow(/kernels "wasm": the wasm kernels are turned off by RNNLAB_KERNELS_OFF/);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('uses its wasm kernels (wasm-simd128)'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('the fused engine uses its JS kernels'))).toHaveLength(1);
    process.env.RNNLAB_KERNELS_OFF = 'cuda';
    expect(() => resolveKernelTier('auto')).toThrow(/RNNLAB_KERNELS_OFF names "cuda"; list native and\/or wasm/);
  });
});

/**
 * Trains the same seeded model `epochs` epochs on each tier; returns the final loss and weights of each.
 * Sizes put every recurrent and weight-gradient product above the native threshold.
 */
function trainOn(kernels: 'auto' | 'native' | 'wasm' | 'js', precision: Precision, layers: readonly Record<string, unknown>[], classes: boolean) {
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

const gap = (a: Float64Array, b: Float64Array) => {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return worst / scale;
};

// Every built tier against the js tier, same seed (3 epochs × 3 Adam steps). Float64: the tiers differ only in
// summation order and FMA rounding (≈1e-16 per product), carried through 9 Adam steps; float32 storage and
// arithmetic against float64 (ε 6e-8). Measured: native float64 ≤ 3.3e-16 (weights) and ≤ 1.4e-16 (loss),
// float32 ≤ 2.6e-7 and ≤ 1.1e-8; wasm of the same order. The bounds are the brief's tolerances.
for (const tier of ['native', 'wasm'] as const) {
  describe.skipIf(tier === 'native' ? !native : !wasm)(`forcing the js tier gives the ${tier} tier's results within rounding (3 epochs × 3 Adam steps)`, () => {
    for (const m of MODELS) {
      it(m.name, () => {
        delete process.env.RNNLAB_KERNELS;
        const js64 = trainOn('js', 'f64', m.layers, m.classes);
        const tier64 = trainOn(tier, 'f64', m.layers, m.classes);
        const tier32 = trainOn(tier, 'f32', m.layers, m.classes);
        expect(js64.products).toBe(0);
        expect(tier64.products).toBeGreaterThan(0);
        const lossGap64 = Math.abs(tier64.loss - js64.loss) / js64.loss;
        const lossGap32 = Math.abs(tier32.loss - js64.loss) / js64.loss;
        console.log(`${m.name}: ${tier} f64 vs js f64 loss ${lossGap64.toExponential(1)}, weights ${gap(tier64.weights, js64.weights).toExponential(1)}; ${tier} f32 vs js f64 loss ${lossGap32.toExponential(1)}, weights ${gap(tier32.weights, js64.weights).toExponential(1)}`);
        expect(lossGap64).toBeLessThan(1e-12);
        expect(gap(tier64.weights, js64.weights)).toBeLessThan(1e-12);
        expect(lossGap32).toBeLessThan(1e-5);
        expect(gap(tier32.weights, js64.weights)).toBeLessThan(1e-5);
      });
    }
  });
}

describe.skipIf(!native || !wasm)('fallback: with native off, auto trains on wasm; with both off, on js; all within float32 tolerance', () => {
  for (const m of MODELS) {
    it(m.name, () => {
      delete process.env.RNNLAB_KERNELS;
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const viaNative = trainOn('auto', 'f32', m.layers, m.classes);
      process.env.RNNLAB_KERNELS_OFF = 'native';
      const viaWasm = trainOn('auto', 'f32', m.layers, m.classes);
      const wasmForced = trainOn('wasm', 'f32', m.layers, m.classes);
      process.env.RNNLAB_KERNELS_OFF = 'native,wasm';
      const viaJs = trainOn('auto', 'f32', m.layers, m.classes);
      expect(viaNative.products).toBeGreaterThan(0);
      expect(viaWasm.products).toBeGreaterThan(0);
      expect(viaJs.products).toBe(0);
      // The fallback is the wasm tier itself: the same numbers as asking for it.
      expect(Array.from(viaWasm.weights)).toEqual(Array.from(wasmForced.weights));
      // Float32 runs on three tiers (different rounding per step, 9 Adam steps): within the brief's 1e-5.
      expect(gap(viaWasm.weights, viaNative.weights)).toBeLessThan(1e-5);
      expect(gap(viaJs.weights, viaNative.weights)).toBeLessThan(1e-5);
      expect(Math.abs(viaWasm.loss - viaNative.loss) / viaNative.loss).toBeLessThan(1e-5);
      expect(Math.abs(viaJs.loss - viaNative.loss) / viaNative.loss).toBeLessThan(1e-5);
    });
  }
});
