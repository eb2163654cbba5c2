import { describe, expect, it, onTestFinished } from 'vitest';
import { createRng } from '../../common/rng.js';
import { mulInto } from '../fused/gemm.js';
import { useKernels } from '../fused/kernel-tier.js';
import { mat } from '../fused/mat.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';
import { resolveKernelTier } from './tiers.js';

// The native tier's gemm against the definition in float64, on every instruction set this CPU runs (AVX-512,
// AVX2+FMA and SSE2 all run on an AVX-512 machine), both precisions, every transpose, with offsets, a row stride
// wider than the matrix, and accumulate. Shapes: 1×1; odd sizes; the few-rows path (m ≤ 3); edges of the 12×32 /
// 6×16 micro-tiles; and sizes past each cache block (KC 256 deep, MC 144 rows, NC 2048 columns).
const loaded = loadNativeAddon();
const addon: NativeAddon | null = typeof loaded === 'string' ? null : loaded;
const required = process.env.RNNLAB_REQUIRE_NATIVE === '1';
if (addon === null && !required) console.warn(`native-gemm.test: skipped, the native addon is ${String(loaded)}`);

describe('native addon', () => {
  // .ci/run sets RNNLAB_REQUIRE_NATIVE=1: there the addon must have been built by `npm ci`.
  it.runIf(required)('is built and loads (RNNLAB_REQUIRE_NATIVE=1)', () => {
    expect(loaded, `native addon: ${String(loaded)}`).not.toBeTypeOf('string');
    expect(resolveKernelTier('auto').name).toBe('native');
  });
});

/** C = op(A)·op(B) and Σ|a·b| per element, by the definition in float64 (A element (i,p) at a[aOff + i·aRow + p·aCol]). */
function naive(m: number, n: number, k: number, a: ArrayLike<number>, aOff: number, aRow: number, aCol: number, b: ArrayLike<number>, bOff: number, bRow: number, bCol: number) {
  const c = new Float64Array(m * n);
  const size = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    let t = 0;
    for (let p = 0; p < k; p++) {
      const x = a[aOff + i * aRow + p * aCol]! * b[bOff + p * bRow + j * bCol]!;
      s += x;
      t += Math.abs(x);
    }
    c[i * n + j] = s;
    size[i * n + j] = t;
  }
  return { c, size };
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 5], [2, 33, 3], [3, 5, 300], [5, 3, 2], [7, 9, 13], [12, 32, 8], [13, 33, 17], [6, 16, 257],
  [150, 150, 150], [145, 40, 513], [31, 2049, 3], [300, 7, 20],
];
const CASES = SHAPES.flatMap((s) => [false, true].flatMap((ta) => [false, true].map((tb) => [...s, ta, tb] as const)));
// Per-element error bounds relative to Σ|a·b| (+ |C| when accumulating; the scale a dot product's rounding error
// grows with): measured worst 2.3e-7 float32 (ε 6e-8) and 4.2e-16 float64 over these shapes; 1e-5 and 1e-12 are the
// brief's bounds (a wrong index or a lost block gives errors of order 1).
const TOLERANCE = { Float32Array: 1e-5, Float64Array: 1e-12 } as const;

describe.skipIf(addon === null)('native gemm vs the definition', () => {
  const isas = addon?.info().supported ?? [];
  for (const isa of isas) {
    for (const Type of [Float64Array, Float32Array]) {
      it(`${isa}, ${Type.name}: ${CASES.length} shapes × transposes, offsets, strides, accumulate`, () => {
        const k = addon!;
        const args = new Int32Array(12);
        k.setArgs(args);
        k.useIsa(isa);
        let worstAll = 0;
        try {
          for (const [m, n, depth, ta, tb] of CASES) {
            const rng = createRng(m * 7919 + n * 31 + depth, 'native-gemm');
            const aOff = 3;
            const bOff = 5;
            const a = new Type(aOff + m * depth + 2).map(() => rng.next() - 0.5);
            const b = new Type(bOff + depth * n + 2).map(() => rng.next() - 0.5);
            const [aRow, aCol] = ta ? [1, m] : [depth, 1];
            const [bRow, bCol] = tb ? [1, depth] : [n, 1];
            const cOff = 2;
            const cRow = n + 3;
            const c = new Type(cOff + m * cRow).fill(0.25);
            const { c: want, size } = naive(m, n, depth, a, aOff, aRow, aCol, b, bOff, bRow, bCol);
            for (const accumulate of [true, false]) {
              args.set([m, n, depth, aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, accumulate ? 1 : 0]);
              k.gemm(c, a, b);
              let worst = 0;
              for (let i = 0; i < m; i++) {
                for (let j = 0; j < n; j++) {
                  const got = c[cOff + i * cRow + j]! - (accumulate ? 0.25 : 0);
                  // With accumulate the stored sum 0.25 + c is rounded too: its scale joins the bound.
                  worst = Math.max(worst, Math.abs(got - want[i * n + j]!) / (size[i * n + j]! + (accumulate ? 0.25 : 1e-300)));
                }
                // The stride's padding columns are never written.
                for (let j = n; j < cRow && cOff + i * cRow + j < c.length; j++) expect(c[cOff + i * cRow + j]).toBe(0.25);
              }
              expect(c[0]).toBe(0.25);
              worstAll = Math.max(worstAll, worst);
              expect(worst, `${m}×${depth}·${depth}×${n} ${ta ? 'Aᵀ' : ''}${tb ? 'Bᵀ' : ''} accumulate=${accumulate}`).toBeLessThanOrEqual(TOLERANCE[Type.name as keyof typeof TOLERANCE]);
            }
          }
        } finally {
          k.useIsa(isas[0]!);
        }
        console.log(`native gemm ${isa} ${Type.name}: worst error / Σ|a·b| ${worstAll.toExponential(1)}`);
      });
    }
  }

  it('refuses views outside their arrays and mixed types, without touching memory', () => {
    const k = addon!;
    const args = new Int32Array(12);
    k.setArgs(args);
    const a = new Float64Array(12);
    args.set([3, 4, 4, 1, 4, 1, 0, 4, 1, 0, 4, 0]); // A 3×4 from offset 1 needs 13 elements
    expect(() => k.gemm(new Float64Array(12), a, new Float64Array(16))).toThrow(RangeError);
    args.set([3, 4, 4, 0, 4, 1, 0, 4, 1, 0, 4, 0]);
    expect(() => k.gemm(new Float64Array(12), a, new Float32Array(16))).toThrow(/all be Float64Array or all Float32Array/);
    expect(() => k.useIsa('avx9000')).toThrow(/unknown/);
  });

  it('mulInto on the native tier matches the js tier for products above the threshold, incl. shared memory', () => {
    const saved = process.env.RNNLAB_KERNELS;
    delete process.env.RNNLAB_KERNELS; // this test picks the tiers itself
    onTestFinished(() => {
      if (saved !== undefined) process.env.RNNLAB_KERNELS = saved;
    });
    const rng = createRng(5, 'tiers');
    for (const Type of [Float64Array, Float32Array]) {
      const [m, n, depth] = [37, 70, 129];
      const shared = (len: number): Float64Array | Float32Array => {
        const buffer = new SharedArrayBuffer(len * Type.BYTES_PER_ELEMENT);
        const v = Type === Float64Array ? new Float64Array(buffer) : new Float32Array(buffer);
        for (let i = 0; i < len; i++) v[i] = rng.next() - 0.5;
        return v;
      };
      const a = shared(m * depth);
      const b = shared(depth * n);
      const viaJs = new Type(m * n);
      const viaNative = new Type(m * n);
      useKernels(resolveKernelTier('js'));
      mulInto(mat(viaJs, 0, m, n), mat(a, 0, depth, m), mat(b, 0, n, depth), { transposeA: true, transposeB: true });
      useKernels(resolveKernelTier('native'));
      mulInto(mat(viaNative, 0, m, n), mat(a, 0, depth, m), mat(b, 0, n, depth), { transposeA: true, transposeB: true });
      useKernels(resolveKernelTier('js'));
      let worst = 0;
      for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(viaJs[i]! - viaNative[i]!));
      // |entries| ≤ 0.25, 129 terms: float32 rounding of the products and sums ≲ 129·0.25·6e-8 ≈ 2e-6.
      expect(worst).toBeLessThan(Type === Float64Array ? 1e-13 : 1e-5);
      expect(worst).toBeGreaterThan(0); // really two different kernels (FMA, blocked order)
    }
  });
});
