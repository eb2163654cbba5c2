import { expect } from 'vitest';
import { createRng } from '../../src-main/common/rng.js';
import type { NativeAddon } from '../../src-main/engine/kernels/native-addon.js';

/**
 * The gemm oracle every kernel tier's test runs (engine/kernels/*-gemm.test.ts): each shape × transposes ×
 * accumulate against the definition in float64, with offsets and a C row stride wider than the matrix.
 * Shapes: 1×1; odd sizes; the few-rows path (m ≤ 3); edges of every tier's micro-tiles (native 12×32 / 6×16, wasm
 * 4×8 / 4×4); and sizes past each cache block (native KC 256, MC 144 (float32 up to 192), NC 2048; wasm KC 256,
 * MC 128, NC 1024).
 */
export const GEMM_SHAPES: readonly [number, number, number][] = [
  [1, 1, 1], [1, 7, 5], [2, 33, 3], [3, 5, 300], [5, 3, 2], [7, 9, 13], [12, 32, 8], [13, 33, 17], [6, 16, 257],
  [150, 150, 150], [145, 40, 513], [31, 2049, 3], [300, 7, 20], [129, 1025, 9],
  // Native float32 blocks of A are balanced up to 192 rows (past 192: several), with the rows of a contiguous A
  // read in place except a last partial panel; 4 is the smallest m on the blocked path.
  [4, 5, 3], [193, 50, 40], [401, 70, 300],
];
export const GEMM_CASES = GEMM_SHAPES.flatMap((s) => [false, true].flatMap((ta) => [false, true].map((tb) => [...s, ta, tb] as const)));
/**
 * Per-element error bounds relative to Σ|a·b| (+ |C| when accumulating; the scale a dot product's rounding error
 * grows with): measured worst 2.3e-7 float32 (ε 6e-8) and 4.2e-16 float64 over these shapes on the native tier;
 * 1e-5 and 1e-12 are the brief's bounds (a wrong index or a lost block gives errors of order 1).
 */
export const GEMM_TOLERANCE = { Float32Array: 1e-5, Float64Array: 1e-12 } as const;

/** C = op(A)·op(B) and Σ|a·b| per element, by the definition in float64 (A element (i,p) at a[aOff + i·aRow + p·aCol]). */
export function naiveProduct(m: number, n: number, k: number, a: ArrayLike<number>, aOff: number, aRow: number, aCol: number, b: ArrayLike<number>, bOff: number, bRow: number, bCol: number) {
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

/**
 * Runs every case of {@link GEMM_CASES} through `kernels.gemm` in `Type`, asserting each against the definition
 * within {@link GEMM_TOLERANCE}; `pad` widens the stored rows of A and B by that factor (views into wider
 * matrices: a time step's slice of [batch, T, features]). Returns the worst error / Σ|a·b| seen.
 */
export function checkGemmCases(kernels: NativeAddon, Type: Float32ArrayConstructor | Float64ArrayConstructor, pad = 1): number {
  const args = new Int32Array(12);
  kernels.setArgs(args);
  let worstAll = 0;
  for (const [m, n, depth, ta, tb] of GEMM_CASES) {
    const rng = createRng(m * 7919 + n * 31 + depth, 'native-gemm');
    const aOff = 3;
    const bOff = 5;
    // Stored A is m×depth (or depth×m transposed) with its row stride widened by `pad`; likewise B.
    const [aLines, aWidth] = ta ? [depth, m] : [m, depth];
    const [bLines, bWidth] = tb ? [n, depth] : [depth, n];
    const aStride = aWidth * pad;
    const bStride = bWidth * pad;
    const a = new Type(aOff + aLines * aStride + 2).map(() => rng.next() - 0.5);
    const b = new Type(bOff + bLines * bStride + 2).map(() => rng.next() - 0.5);
    const [aRow, aCol] = ta ? [1, aStride] : [aStride, 1];
    const [bRow, bCol] = tb ? [1, bStride] : [bStride, 1];
    const cOff = 2;
    const cRow = n + 3;
    const c = new Type(cOff + m * cRow).fill(0.25);
    const { c: want, size } = naiveProduct(m, n, depth, a, aOff, aRow, aCol, b, bOff, bRow, bCol);
    for (const accumulate of [true, false]) {
      args.set([m, n, depth, aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, accumulate ? 1 : 0]);
      kernels.gemm(c, a, b);
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
      expect(worst, `${m}×${depth}·${depth}×${n} ${ta ? 'Aᵀ' : ''}${tb ? 'Bᵀ' : ''} accumulate=${accumulate}`).toBeLessThanOrEqual(GEMM_TOLERANCE[Type.name as keyof typeof GEMM_TOLERANCE]);
    }
  }
  return worstAll;
}

/**
 * The pack-once path (`packB` + `gemmPacked`) on every case of {@link GEMM_CASES} in `Type`: against the
 * definition within {@link GEMM_TOLERANCE}, and bit for bit equal to `gemm` on the unpacked B for m > 3 (same
 * blocking, same order of sums; m ≤ 3 has its own unpacked path in gemm). Each case repacks into the handle of
 * the previous one when it is large enough, so reuse is covered too. Returns the worst error / Σ|a·b|.
 */
export function checkPackedCases(kernels: NativeAddon, Type: Float32ArrayConstructor | Float64ArrayConstructor): number {
  const args = new Int32Array(12);
  kernels.setArgs(args);
  const packB = kernels.packB!.bind(kernels);
  const gemmPacked = kernels.gemmPacked!.bind(kernels);
  let handle: ReturnType<typeof packB> | null = null;
  let worstAll = 0;
  for (const [m, n, depth, ta, tb] of GEMM_CASES) {
    const rng = createRng(m * 7919 + n * 31 + depth, 'native-packed');
    const [aOff, bOff, cOff, cRow] = [1, 4, 2, n + 1];
    const aStride = ta ? m : depth;
    const bStride = tb ? depth : n;
    const a = new Type(aOff + (ta ? depth : m) * aStride).map(() => rng.next() - 0.5);
    const b = new Type(bOff + (tb ? n : depth) * bStride).map(() => rng.next() - 0.5);
    const [aRow, aCol] = ta ? [1, aStride] : [aStride, 1];
    const [bRow, bCol] = tb ? [1, bStride] : [bStride, 1];
    const { c: want, size } = naiveProduct(m, n, depth, a, aOff, aRow, aCol, b, bOff, bRow, bCol);
    args.set([m, n, depth, aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, 0]);
    handle = packB(b, handle);
    for (const accumulate of [false, true]) {
      const viaPacked = new Type(cOff + m * cRow).fill(0.25);
      const viaGemm = new Type(cOff + m * cRow).fill(0.25);
      args.set([m, n, depth, aOff, aRow, aCol, bOff, bRow, bCol, cOff, cRow, accumulate ? 1 : 0]);
      gemmPacked(viaPacked, a, handle);
      kernels.gemm(viaGemm, a, b);
      let worst = 0;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const got = viaPacked[cOff + i * cRow + j]! - (accumulate ? 0.25 : 0);
          worst = Math.max(worst, Math.abs(got - want[i * n + j]!) / (size[i * n + j]! + (accumulate ? 0.25 : 1e-300)));
        }
        expect(viaPacked[cOff + i * cRow + n]).toBe(0.25); // the padding column is never written
      }
      const label = `${m}×${depth}·${depth}×${n} ${ta ? 'Aᵀ' : ''}${tb ? 'Bᵀ' : ''} accumulate=${accumulate}`;
      expect(worst, label).toBeLessThanOrEqual(GEMM_TOLERANCE[Type.name as keyof typeof GEMM_TOLERANCE]);
      if (m > 3) expect(Array.from(viaPacked), label).toEqual(Array.from(viaGemm));
      worstAll = Math.max(worstAll, worst);
    }
  }
  return worstAll;
}
