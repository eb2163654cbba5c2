import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { Act } from '../fused/activations.js';
import { gruForwardResetAfter, lstmBackwardStep, lstmForwardStep, rnnBackwardStep } from '../fused/cell-kernels.js';
import { columnSumsInto, fillRows } from '../fused/gemm.js';
import { useKernels } from '../fused/kernel-tier.js';
import { mat } from '../fused/mat.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';
import { resolveKernelTier, type KernelLimits, type KernelTier } from './tiers.js';
import { loadWasmKernels } from './wasm-kernels.js';

// The cell kernels of every tier that is built — native on every instruction set this CPU runs, and wasm — with
// one suite: tanh and sigmoid against Math.tanh and 1/(1+Math.exp(−x)) (the JS tier's definitions) over a dense
// grid and the edge cases, and one LSTM / GRU / SimpleRNN step, bias rows and column sums against the JS tier's
// loops, in float64 and float32 storage. The engine-level checks run each tier with every limit at 0, so every
// size goes through the tier's kernel (the production limits keep small calls in JS).
const asAddon = (loaded: NativeAddon | string): NativeAddon | null => (typeof loaded === 'string' ? null : loaded);
const TIERS = [
  { name: 'native' as const, addon: asAddon(loadNativeAddon()) },
  { name: 'wasm' as const, addon: asAddon(loadWasmKernels()) },
];
const EVERY_SIZE: KernelLimits = { muladds: 0, elementwise: 0, values: 0, cellsForward: 0, cellsBackward: 0 };
/** `addon` as the active tier for calls of any size. */
const forced = (name: 'native' | 'wasm', addon: NativeAddon): KernelTier => ({ name, label: name, addon, limits: EVERY_SIZE });

const GRID: number[] = [0, -0, 1e-300, -1e-300, 0.625, -0.625, 0.6249999999, 0.6250000001, 700, -700, 708.3, -708.3, 708.5, -708.5, 709.7, -709.7, 710, -710, 745.2, -745.2, 1e300, -1e300];
for (let i = -4000; i <= 4000; i++) GRID.push(i * 5e-3);
for (let e = -30; e <= 3; e += 0.05) GRID.push(10 ** e, -(10 ** e));

for (const { name, addon } of TIERS) describe.skipIf(addon === null)(`${name} cell kernels`, () => {
  const isas = addon?.info().supported ?? [];
  const args = new Int32Array(16);
  const tier = addon === null ? null : forced(name, addon);

  for (const isa of isas) {
    it(`${isa}: tanh and sigmoid within 1e-15 relative of Math.tanh / Math.exp (float64), one float32 rounding (float32)`, () => {
      const k = addon!;
      k.setArgs(args);
      k.useIsa(isa);
      try {
        for (const code of [0, 1]) {
          const ref = (x: number) => (code === 0 ? Math.tanh(x) : 1 / (1 + Math.exp(-x)));
          // Offsets 1 and 2, and a length that is not a multiple of any vector width.
          const src = Float64Array.from([9, ...GRID]);
          const dst = new Float64Array(GRID.length + 2);
          args.set([code, 1, 2, GRID.length]);
          k.activate(src, dst);
          let worst = 0;
          GRID.forEach((x, i) => {
            const want = ref(x);
            // Below the smallest normal double (sigmoid of x < −708) exp returns 0: an absolute error < 2.3e-308.
            if (Math.abs(want) < 2.3e-308) expect(Math.abs(dst[i + 2]! - want)).toBeLessThan(2.3e-308);
            else worst = Math.max(worst, Math.abs(dst[i + 2]! - want) / Math.abs(want));
          });
          // Measured 4.4e-16 (tanh, near ±0.55) and 3.1e-16 (sigmoid).
          expect(worst, code === 0 ? 'tanh' : 'sigmoid').toBeLessThan(1e-15);
          expect(Object.is(dst[2 + 1], code === 0 ? -0 : 0.5)).toBe(true); // tanh(−0) = −0, sigmoid(−0) = 0.5
          const src32 = Float32Array.from(GRID.filter((x) => Math.abs(x) < 3e38));
          const dst32 = new Float32Array(src32.length);
          args.set([code, 0, 0, src32.length]);
          k.activate(src32, dst32);
          src32.forEach((x, i) => {
            const want = Math.fround(ref(x));
            // The double result rounded once to float32: within one float32 ulp (2^-23 relative) of fround(ref).
            expect(Math.abs(dst32[i]! - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23 + 1e-45);
          });
        }
      } finally {
        k.useIsa(isas[0]!);
      }
    });

    it(`${isa}: one LSTM step forward and backward equals the JS tier's loops (float64 ≤ 1e-15, float32 ≤ 1e-6 relative)`, () => {
      const k = addon!;
      for (const Type of [Float64Array, Float32Array]) {
        for (const [batch, u] of [[1, 1], [3, 13], [4, 16], [2, 37]] as const) {
          const rng = createRng(batch * 100 + u, 'lstm-cell');
          const fill = (n: number, scale: number) => {
            const v = new Type(n);
            for (let i = 0; i < n; i++) v[i] = (rng.next() * 2 - 1) * scale;
            return v;
          };
          const w = 4 * u;
          const zOff = 3 * w;
          const stateOff = 2 * u;
          const z0 = fill(zOff + batch * w, 3);
          const cPrev = fill(5 + batch * u, 1);
          const run = (native: boolean) => {
            const z = z0.slice();
            const [c, a, h] = [fill(stateOff + batch * u, 0), fill(stateOff + batch * u, 0), fill(stateOff + batch * u, 0)];
            if (native) {
              k.setArgs(args);
              k.useIsa(isa);
              args.set([zOff, 5, stateOff, batch, u]);
              k.lstmForward(z, cPrev, c, a, h);
            } else {
              useKernels(resolveKernelTier('js'));
              lstmForwardStep(z, zOff, cPrev, 5, c, a, h, stateOff, batch, u, Act.Tanh, Act.Sigmoid);
            }
            const grads = [];
            for (const withOut of [true, false]) {
              const r2 = createRng(7, 'dh');
              const random = (n: number) => {
                const v = new Type(n);
                for (let i = 0; i < n; i++) v[i] = r2.next() - 0.5;
                return v;
              };
              const [dOut, dh, dc] = [random(4 + batch * u), random(batch * u), random(batch * u)];
              const dz = new Type(zOff + batch * w);
              if (native) {
                args.set([4, zOff, stateOff, 5, batch, u]);
                k.lstmBackward(withOut ? dOut : null, dh, dc, z, a, cPrev, dz);
              } else {
                lstmBackwardStep(withOut ? dOut : null, 4, dh, dc, z, zOff, a, stateOff, cPrev, 5, dz, batch, u, Act.Tanh, Act.Sigmoid);
              }
              grads.push(dz, dc);
            }
            return [z, c, a, h, ...grads];
          };
          const js = run(false);
          const native = run(true);
          k.useIsa(isas[0]!);
          js.forEach((want, i) => {
            let worst = 0;
            let scale = 0;
            for (let j = 0; j < want.length; j++) {
              worst = Math.max(worst, Math.abs(native[i]![j]! - want[j]!));
              scale = Math.max(scale, Math.abs(want[j]!));
            }
            expect(worst / (scale || 1), `${Type.name} batch ${batch} u ${u} output ${i}`).toBeLessThanOrEqual(Type === Float64Array ? 1e-15 : 1e-6);
          });
        }
      }
    });
  }

  it('bias rows and column sums are the same numbers on both tiers (copies; sums in the same order), strided', () => {
    for (const Type of [Float64Array, Float32Array]) {
      const rng = createRng(9, 'rows');
      const [rows, cols, stride] = [67, 45, 50];
      const src = new Type(3 + rows * stride);
      for (let i = 0; i < src.length; i++) src[i] = rng.next() - 0.5;
      const bias = new Type(2 + cols).map((_, i) => i * 0.25);
      const results = [resolveKernelTier('js'), tier!].map((t) => {
        useKernels(t);
        const sums = new Type(cols + 1).fill(7);
        columnSumsInto(mat(sums, 1, 1, cols), mat(src, 3, rows, cols, stride));
        const filled = new Type(3 + rows * stride).fill(5);
        fillRows(mat(filled, 3, rows, cols, stride), mat(bias, 2, 1, cols));
        const zeroed = new Type(3 + rows * stride).fill(5);
        fillRows(mat(zeroed, 3, rows, cols, stride), null);
        return [sums, filled, zeroed];
      });
      useKernels(resolveKernelTier('js'));
      results[0]!.forEach((want, i) => expect(Array.from(results[1]![i]!)).toEqual(Array.from(want)));
      expect(results[1]![0]![0]).toBe(7); // outside the view: untouched
    }
  });

  it('one SimpleRNN step backward (tanh, sigmoid) equals the JS tier\'s loop within 1e-15 of the gradient', () => {
    const rng = createRng(4, 'rnn-back');
    const n = 301;
    const random = (len: number) => Float64Array.from({ length: len }, () => rng.next() * 2 - 1);
    const [dOut, dh, h] = [random(5 + n), random(n), random(7 + n)];
    for (const act of [Act.Tanh, Act.Sigmoid]) {
      for (const above of [dOut, null]) {
        const [js, native] = [resolveKernelTier('js'), tier!].map((t) => {
          useKernels(t);
          const dz = new Float64Array(7 + n);
          rnnBackwardStep(above, 5, dh, h, dz, 7, n, act);
          return dz;
        });
        useKernels(resolveKernelTier('js'));
        // Relative to the incoming gradient's size: 1 − y² may be fused (one rounding) natively, two roundings in JS and wasm.
        for (let i = 0; i < n; i++) {
          const scale = Math.abs(above === null ? 0 : above[5 + i]!) + Math.abs(dh[i]!);
          expect(Math.abs(native![7 + i]! - js![7 + i]!)).toBeLessThanOrEqual(1e-15 * scale);
        }
      }
    }
  });

  it('one GRU (reset_after) step forward equals the JS tier\'s loop (float64 ≤ 1e-15, float32 ≤ 1e-6 relative)', () => {
    for (const Type of [Float64Array, Float32Array]) {
      for (const [batch, u] of [[1, 1], [3, 13], [6, 16], [2, 37]] as const) {
        const rng = createRng(batch * 10 + u, 'gru-cell');
        const fill = (n: number) => {
          const v = new Type(n);
          for (let i = 0; i < n; i++) v[i] = (rng.next() * 2 - 1) * 2;
          return v;
        };
        const w = 3 * u;
        const [zOff, hPrevOff, stateOff] = [2 * w, 3, u];
        const [z0, rec, hPrev] = [fill(zOff + batch * w), fill(batch * w), fill(hPrevOff + batch * u)];
        const [js, native] = [resolveKernelTier('js'), tier!].map((t) => {
          useKernels(t);
          const z = z0.slice();
          const [cand, h] = [new Type(stateOff + batch * u), new Type(stateOff + batch * u)];
          gruForwardResetAfter(z, zOff, rec, hPrev, hPrevOff, cand, h, stateOff, batch, u, Act.Tanh, Act.Sigmoid);
          return [z, cand, h];
        });
        useKernels(resolveKernelTier('js'));
        js!.forEach((want, i) => {
          let worst = 0;
          for (let j = 0; j < want.length; j++) worst = Math.max(worst, Math.abs(native![i]![j]! - want[j]!));
          expect(worst, `${Type.name} batch ${batch} u ${u} output ${i}`).toBeLessThanOrEqual(Type === Float64Array ? 1e-15 : 1e-6);
        });
      }
    }
  });

  it('refuses views outside their arrays', () => {
    const k = addon!;
    k.setArgs(args);
    args.set([0, 0, 0, 10]);
    expect(() => k.activate(new Float64Array(9), new Float64Array(10))).toThrow(RangeError);
    args.set([0, 0, 0, 2, 4]);
    expect(() => k.lstmForward(new Float64Array(31), new Float64Array(8), new Float64Array(8), new Float64Array(8), new Float64Array(8))).toThrow(RangeError);
  });
});
