import { describe, expect, it, onTestFinished } from 'vitest';
import { checkGemmCases, GEMM_CASES, GEMM_TOLERANCE, naiveProduct } from '../../../testing/fused/gemm-oracle.js';
import { createRng } from '../../common/rng.js';
import { mulInto } from '../fused/gemm.js';
import { nativeProductCount, useKernels } from '../fused/kernel-tier.js';
import { mat } from '../fused/mat.js';
import { resolveKernelTier } from './tiers.js';
import { loadWasmKernels } from './wasm-kernels.js';

// The wasm tier's gemm (native/wasm/gemm.ts behind wasm-kernels.ts) against the definition in float64, the same
// oracle as the native tier's (testing/fused/gemm-oracle.ts), both precisions; plus the copying paths of
// wasm-kernels.ts: views into wider rows (copied row by row), views with no unit stride (gathered), and a
// product too big for the memory the module starts with (linear memory grows, and the views are re-made).
const loaded = loadWasmKernels();
const required = process.env.RNNLAB_REQUIRE_WASM === '1';
if (typeof loaded === 'string' && !required) console.warn(`wasm-gemm.test: skipped, the wasm kernels are ${loaded}`);
const kernels = typeof loaded === 'string' ? null : loaded;

describe('wasm kernels', () => {
  it.runIf(required)('are built and load (RNNLAB_REQUIRE_WASM=1)', () => {
    expect(loaded, `wasm kernels: ${String(loaded)}`).not.toBeTypeOf('string');
  });
});

describe.skipIf(kernels === null)('wasm gemm vs the definition', () => {
  for (const Type of [Float64Array, Float32Array]) {
    for (const pad of [1, 3]) {
      it(`${Type.name}, ${GEMM_CASES.length} shapes × transposes, offsets, strides, accumulate; stored rows ${pad}× wider`, () => {
        const worst = checkGemmCases(kernels!, Type, pad);
        console.log(`wasm gemm ${Type.name} pad ${pad}: worst error / Σ|a·b| ${worst.toExponential(1)}`);
      });
    }

    it(`${Type.name}: views with no unit stride, and a product that grows linear memory`, () => {
      const k = kernels!;
      const args = new Int32Array(12);
      k.setArgs(args);
      const rng = createRng(17, 'wasm-gemm');
      // A 5×6 read with strides (13, 2), B 6×7 with (1, 11): neither has a unit stride, so both are gathered.
      for (const [m, n, depth, aRow, aCol, bRow, bCol] of [[5, 7, 6, 13, 2, 1, 11], [400, 400, 400, 400, 1, 400, 1]] as const) {
        const a = new Type(m * aRow + depth * aCol + 1).map(() => rng.next() - 0.5);
        const b = new Type(depth * bRow + n * bCol + 1).map(() => rng.next() - 0.5);
        const c = new Type(m * n);
        args.set([m, n, depth, 0, aRow, aCol, 0, bRow, bCol, 0, n, 0]);
        k.gemm(c, a, b);
        const { c: want, size } = naiveProduct(m, n, depth, a, 0, aRow, aCol, b, 0, bRow, bCol);
        let worst = 0;
        for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i]! - want[i]!) / size[i]!);
        expect(worst, `${m}×${depth}·${depth}×${n}`).toBeLessThanOrEqual(GEMM_TOLERANCE[Type.name as keyof typeof GEMM_TOLERANCE]);
      }
    });
  }

  it('refuses views outside their arrays and mixed types, like the addon', () => {
    const k = kernels!;
    const args = new Int32Array(12);
    k.setArgs(args);
    const a = new Float64Array(12);
    args.set([3, 4, 4, 1, 4, 1, 0, 4, 1, 0, 4, 0]); // A 3×4 from offset 1 needs 13 elements
    expect(() => k.gemm(new Float64Array(12), a, new Float64Array(16))).toThrow(RangeError);
    args.set([3, 4, 4, 0, 4, 1, 0, 4, 1, 0, 4, 0]);
    expect(() => k.gemm(new Float64Array(12), a, new Float32Array(16))).toThrow(/all be Float64Array or all Float32Array/);
    expect(() => k.useIsa('avx2')).toThrow(/only simd128/);
    expect(k.info().isa).toBe('simd128');
  });

  it('mulInto on the wasm tier matches the js tier above its limit, incl. shared memory, and really runs wasm', () => {
    const saved = process.env.RNNLAB_KERNELS;
    delete process.env.RNNLAB_KERNELS; // this test picks the tiers itself
    onTestFinished(() => {
      if (saved !== undefined) process.env.RNNLAB_KERNELS = saved;
      useKernels(resolveKernelTier('js'));
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
      const viaWasm = new Type(m * n);
      useKernels(resolveKernelTier('js'));
      mulInto(mat(viaJs, 0, m, n), mat(a, 0, depth, m), mat(b, 0, n, depth), { transposeA: true, transposeB: true });
      const wasm = resolveKernelTier('wasm');
      expect(wasm.label).toBe('wasm-simd128');
      useKernels(wasm);
      const before = nativeProductCount();
      mulInto(mat(viaWasm, 0, m, n), mat(a, 0, depth, m), mat(b, 0, n, depth), { transposeA: true, transposeB: true });
      expect(nativeProductCount() - before).toBe(1);
      let worst = 0;
      for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(viaJs[i]! - viaWasm[i]!));
      // |entries| ≤ 0.25, 129 terms: float32 rounding of the products and sums ≲ 129·0.25·6e-8 ≈ 2e-6.
      expect(worst).toBeLessThan(Type === Float64Array ? 1e-13 : 1e-5);
      // Float64: the same sums in the same order (no FMA, one depth block of 129 here against JS's 128 + 1, which
      // adds the same terms in the same sequence), so equal bit for bit. Float32: wasm rounds every step to
      // float32, JS accumulates in doubles and rounds once, so they differ: the product really ran in wasm.
      if (Type === Float32Array) expect(worst).toBeGreaterThan(0);
    }
  });
});
