import { describe, expect, it, onTestFinished } from 'vitest';
import { createRng } from '../../common/rng.js';
import { mulInto } from '../fused/gemm.js';
import { useKernels } from '../fused/kernel-tier.js';
import { mat } from '../fused/mat.js';
import { checkGemmCases, checkPackedCases, GEMM_CASES } from '../../../testing/fused/gemm-oracle.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';
import { resolveKernelTier } from './tiers.js';

// The native tier's gemm against the definition in float64 (testing/fused/gemm-oracle.ts: shapes, transposes,
// offsets, strides, accumulate), on every instruction set this CPU runs (AVX-512, AVX2+FMA and SSE2 all run on
// an AVX-512 machine), both precisions.
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

describe.skipIf(addon === null)('native gemm vs the definition', () => {
  const isas = addon?.info().supported ?? [];
  for (const isa of isas) {
    for (const Type of [Float64Array, Float32Array]) {
      it(`${isa}, ${Type.name}: ${GEMM_CASES.length} shapes × transposes, offsets, strides, accumulate`, () => {
        const k = addon!;
        k.useIsa(isa);
        let worstAll = 0;
        try {
          worstAll = checkGemmCases(k, Type);
        } finally {
          k.useIsa(isas[0]!);
        }
        console.log(`native gemm ${isa} ${Type.name}: worst error / Σ|a·b| ${worstAll.toExponential(1)}`);
      });
      it(`${isa}, ${Type.name}: B packed once (packB + gemmPacked), every shape × transposes`, () => {
        const k = addon!;
        k.useIsa(isa);
        try {
          checkPackedCases(k, Type);
        } finally {
          k.useIsa(isas[0]!);
        }
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

  it('gemmPacked refuses foreign handles, other sizes, other types and a packing of another instruction set', () => {
    const k = addon!;
    const args = new Int32Array(12);
    k.setArgs(args);
    args.set([3, 4, 5, 0, 5, 1, 0, 4, 1, 0, 4, 0]);
    const packed = k.packB!(new Float32Array(20), null);
    const [a, c] = [new Float32Array(15), new Float32Array(12)];
    expect(() => k.gemmPacked!(c, a, {} as typeof packed)).toThrow(/handle from packB/);
    expect(() => k.gemmPacked!(new Float64Array(12), new Float64Array(15), packed)).toThrow(/all be float64 or all float32/);
    args[1] = 3;
    expect(() => k.gemmPacked!(c, a, packed)).toThrow(/k and n must be those B was packed with/);
    args[1] = 4;
    args[3] = 1; // A 3×5 from offset 1 needs 16 elements
    expect(() => k.gemmPacked!(c, a, packed)).toThrow(RangeError);
    args[3] = 0;
    expect(() => k.packB!(new Float32Array(19), null)).toThrow(RangeError);
    const isas = k.info().supported;
    if (isas.length > 1) {
      k.useIsa(isas[1]!);
      try {
        expect(() => k.gemmPacked!(c, a, packed)).toThrow(/another instruction set/);
      } finally {
        k.useIsa(isas[0]!);
      }
    }
    k.gemmPacked!(c, a, packed); // still fine on the ISA that packed it
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
