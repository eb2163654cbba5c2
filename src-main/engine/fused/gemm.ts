import type { NativeAddon, PackedMatrix } from '../kernels/native-addon.js';
import { kernelArgs as nativeArgs, tierState } from './kernel-tier.js';
import type { Mat } from './mat.js';
import type { Vec } from './types.js';

/** How {@link mulInto} reads its operands and writes its result; every flag defaults to false. */
export interface MulOptions {
  /** Use Aᵀ: the view `A` holds the k×m matrix whose transpose is multiplied. */
  readonly transposeA?: boolean;
  /** Use Bᵀ: the view `B` holds the n×k matrix whose transpose is multiplied. */
  readonly transposeB?: boolean;
  /** C += product instead of C = product (false spares callers a zeroing pass over gradient buffers). */
  readonly accumulate?: boolean;
}

/**
 * The option sets the layers use, made once and all of one shape (every flag spelled out). An options literal per
 * call may allocate on the hot path (a shampoo step runs a dozen tiny products; a dozen small allocations per
 * step measured 10–20 % slower), and option objects of several shapes make the flag reads megamorphic.
 */
const preset = (transposeA: boolean, transposeB: boolean, accumulate: boolean): MulOptions => Object.freeze({ transposeA, transposeB, accumulate });
export const OVERWRITE = preset(false, false, false);
export const ACCUMULATE = preset(false, false, true);
export const TRANSPOSE_A = preset(true, false, false);
export const TRANSPOSE_B = preset(false, true, false);
export const ACCUMULATE_TRANSPOSE_A = preset(true, false, true);
export const ACCUMULATE_TRANSPOSE_B = preset(false, true, true);

/**
 * C = op(A)·op(B), or C += op(A)·op(B) with `accumulate`, where op is the identity or the transpose (options):
 * the one matrix product of the engine. op(A) is m×k, op(B) k×n and C m×n; throws a RangeError naming the
 * shapes when they do not fit. Transposes are read through strides, so one kernel serves x·W, h·R, Xᵀ·dZ and
 * dZ·Wᵀ without copying. Nothing is allocated.
 *
 * The views are unpacked once, at the top: below, A's element (i, p) is `a[aOff + i·aRow + p·aCol]`, B's (p, j)
 * `b[bOff + p·bRow + j·bCol]` and C's (i, j) `c[cOff + i·cRow + j]`. Large products go to {@link gemmPacked};
 * small ones run here, unpacked (copying would cost more than it saves), in 4×4 blocks of C held in 16 local
 * accumulators (register blocking: each loaded element of A or B feeds four multiply-adds), then the edges.
 * The small-product kernel lives in this function rather than behind a call, so every product is one call to
 * one shared body: a shampoo step runs a dozen tiny products, and a small wrapper, inlined at each call site,
 * doubled the layers' machine code and measured ~5 % slower there.
 */
export function mulInto(C: Mat, A: Mat, B: Mat, options: MulOptions = OVERWRITE): void {
  const transposeA = options.transposeA === true;
  const transposeB = options.transposeB === true;
  const m = transposeA ? A.cols : A.rows;
  const k = transposeA ? A.rows : A.cols;
  const n = transposeB ? B.rows : B.cols;
  if ((transposeB ? B.cols : B.rows) !== k || C.rows !== m || C.cols !== n) throw shapeError(C, A, B, transposeA, transposeB);
  const a = A.data;
  const aOff = A.offset;
  const aRow = transposeA ? 1 : A.stride;
  const aCol = transposeA ? A.stride : 1;
  const b = B.data;
  const bOff = B.offset;
  const bRow = transposeB ? 1 : B.stride;
  const bCol = transposeB ? B.stride : 1;
  const c = C.data;
  const cOff = C.offset;
  const cRow = C.stride;
  const accumulate = options.accumulate === true;
  const native = tierState.native;
  if (native !== null && m * n * k >= tierState.limits.muladds && sameType(c, a, b)) {
    const g = nativeArgs;
    g[0] = m; g[1] = n; g[2] = k;
    g[3] = aOff; g[4] = aRow; g[5] = aCol;
    g[6] = bOff; g[7] = bRow; g[8] = bCol;
    g[9] = cOff; g[10] = cRow; g[11] = accumulate ? 1 : 0;
    native.gemm(c, a, b);
    tierState.products++;
    return;
  }
  // Packing costs O(m·k + k·n) copies; it pays once the product is big enough to be memory-bound.
  if (m >= 8 && n >= 8 && m * n * k >= PACK_THRESHOLD) {
    gemmPacked(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, cRow, accumulate);
    return;
  }
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = aOff + i * aRow;
    const a1 = a0 + aRow;
    const a2 = a1 + aRow;
    const a3 = a2 + aRow;
    const c0 = cOff + i * cRow;
    const c1 = c0 + cRow;
    const c2 = c1 + cRow;
    const c3 = c2 + cRow;
    for (let j = 0; j < n4; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let pa = 0;
      let pb = bOff + j * bCol;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + pa]!, x1 = a[a1 + pa]!, x2 = a[a2 + pa]!, x3 = a[a3 + pa]!;
        const y0 = b[pb]!, y1 = b[pb + bCol]!, y2 = b[pb + 2 * bCol]!, y3 = b[pb + 3 * bCol]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
        pa += aCol;
        pb += bRow;
      }
      if (accumulate) {
        c[c0 + j] = c[c0 + j]! + s00; c[c0 + j + 1] = c[c0 + j + 1]! + s01;
        c[c0 + j + 2] = c[c0 + j + 2]! + s02; c[c0 + j + 3] = c[c0 + j + 3]! + s03;
        c[c1 + j] = c[c1 + j]! + s10; c[c1 + j + 1] = c[c1 + j + 1]! + s11;
        c[c1 + j + 2] = c[c1 + j + 2]! + s12; c[c1 + j + 3] = c[c1 + j + 3]! + s13;
        c[c2 + j] = c[c2 + j]! + s20; c[c2 + j + 1] = c[c2 + j + 1]! + s21;
        c[c2 + j + 2] = c[c2 + j + 2]! + s22; c[c2 + j + 3] = c[c2 + j + 3]! + s23;
        c[c3 + j] = c[c3 + j]! + s30; c[c3 + j + 1] = c[c3 + j + 1]! + s31;
        c[c3 + j + 2] = c[c3 + j + 2]! + s32; c[c3 + j + 3] = c[c3 + j + 3]! + s33;
      } else {
        c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
        c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
        c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
        c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
      }
    }
    // Right edge: the last n % 4 columns of these four rows.
    for (let j = n4; j < n; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pa = 0;
      let pb = bOff + j * bCol;
      for (let p = 0; p < k; p++) {
        const y = b[pb]!;
        s0 += a[a0 + pa]! * y; s1 += a[a1 + pa]! * y; s2 += a[a2 + pa]! * y; s3 += a[a3 + pa]! * y;
        pa += aCol;
        pb += bRow;
      }
      if (accumulate) {
        c[c0 + j] = c[c0 + j]! + s0; c[c1 + j] = c[c1 + j]! + s1;
        c[c2 + j] = c[c2 + j]! + s2; c[c3 + j] = c[c3 + j]! + s3;
      } else {
        c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
      }
    }
  }
  // Bottom edge: the last m % 4 rows, one at a time, four columns at once.
  for (let i = m4; i < m; i++) {
    const ai = aOff + i * aRow;
    const ci = cOff + i * cRow;
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let pa = ai;
      let pb = bOff + j * bCol;
      for (let p = 0; p < k; p++) {
        const x = a[pa]!;
        s0 += x * b[pb]!; s1 += x * b[pb + bCol]!; s2 += x * b[pb + 2 * bCol]!; s3 += x * b[pb + 3 * bCol]!;
        pa += aCol;
        pb += bRow;
      }
      if (accumulate) {
        c[ci + j] = c[ci + j]! + s0; c[ci + j + 1] = c[ci + j + 1]! + s1;
        c[ci + j + 2] = c[ci + j + 2]! + s2; c[ci + j + 3] = c[ci + j + 3]! + s3;
      } else {
        c[ci + j] = s0; c[ci + j + 1] = s1; c[ci + j + 2] = s2; c[ci + j + 3] = s3;
      }
    }
    for (let j = n4; j < n; j++) {
      let s = 0;
      let pa = ai;
      let pb = bOff + j * bCol;
      for (let p = 0; p < k; p++) {
        s += a[pa]! * b[pb]!;
        pa += aCol;
        pb += bRow;
      }
      c[ci + j] = accumulate ? c[ci + j]! + s : s;
    }
  }
}

/**
 * A weight matrix W that stays the same through a pass while many products read it (the recurrent kernel: once
 * per time step, forward as h·R, backward as dZ·Rᵀ), so a tier may keep op(W) packed instead of packing it for
 * every product. Make one per matrix and orientation, call {@link repackWeights} whenever W may have changed (at
 * the start of each pass) and multiply with {@link mulPackedInto}. Which tier holds it, and whether it is packed
 * at all, stays inside this file: every tier gives the values {@link mulInto} gives on it.
 */
export class PackedWeights {
  /** The tier's kernels that packed W (null: not packed, products go through mulInto). */
  packedBy: NativeAddon | null = null;
  handle: PackedMatrix | null = null;

  /** `view` is W as stored; `transpose` multiplies by Wᵀ instead. */
  constructor(
    readonly view: Mat,
    readonly transpose: boolean,
  ) {}
}

/**
 * Packs `w` for the active tier when its products will run there: the tier has a packing gemm and a product of
 * `rows` (≥ 4, the rows the coming products have) rows reaches the tier's limit; otherwise marks it unpacked.
 * O(size of W); call it at the start of each pass, after any change to W.
 */
export function repackWeights(w: PackedWeights, rows: number): void {
  const native = tierState.native;
  const { view, transpose } = w;
  const [k, n] = transpose ? [view.cols, view.rows] : [view.rows, view.cols];
  if (native === null || native.packB === undefined || rows < MIN_PACKED_ROWS || rows * n * k < tierState.limits.muladds) {
    w.packedBy = null;
    return;
  }
  const g = nativeArgs;
  g[0] = rows; g[1] = n; g[2] = k;
  g[6] = view.offset; g[7] = transpose ? 1 : view.stride; g[8] = transpose ? view.stride : 1;
  w.handle = native.packB(view.data, w.handle);
  w.packedBy = native;
}

/**
 * C = A·op(W), or C += A·op(W) with `accumulate`: {@link mulInto}(C, A, w.view, { transposeB: w.transpose,
 * accumulate }) with the same values, from the packed W when the active tier packed it ({@link repackWeights}).
 */
export function mulPackedInto(C: Mat, A: Mat, w: PackedWeights, accumulate: boolean): void {
  const native = tierState.native;
  const { view, transpose } = w;
  const m = A.rows;
  const k = A.cols;
  const n = transpose ? view.rows : view.cols;
  // On the tier that packed W and for products it runs; few rows run unpacked (gemm reads them unpacked too).
  if (native !== null && native === w.packedBy && m >= MIN_PACKED_ROWS && m * n * k >= tierState.limits.muladds &&
      (transpose ? view.cols : view.rows) === k && C.rows === m && C.cols === n && sameType(C.data, A.data, view.data)) {
    const g = nativeArgs;
    g[0] = m; g[1] = n; g[2] = k;
    g[3] = A.offset; g[4] = A.stride; g[5] = 1;
    g[9] = C.offset; g[10] = C.stride; g[11] = accumulate ? 1 : 0;
    native.gemmPacked!(C.data, A.data, w.handle!);
    tierState.products++;
    return;
  }
  mulInto(C, A, view, transpose ? (accumulate ? ACCUMULATE_TRANSPOSE_B : TRANSPOSE_B) : accumulate ? ACCUMULATE : OVERWRITE);
}

/** Below 4 rows the native gemm reads B unpacked (its few-rows path): packing would change those values. */
const MIN_PACKED_ROWS = 4;

// Products of fewer multiply-adds than the active tier's `limits.muladds` (engine/kernels/tiers.ts, measured
// per tier) stay in the JS loops above, where a call costs less than crossing into the addon or wasm.

/** True when C, A and B are all Float64Array or all Float32Array (a tier's gemm takes one type). */
function sameType(c: Vec, a: Vec, b: Vec): boolean {
  return c instanceof Float64Array ? a instanceof Float64Array && b instanceof Float64Array : a instanceof Float32Array && b instanceof Float32Array;
}

/** The RangeError of {@link mulInto} for views whose shapes do not fit. */
function shapeError(c: Mat, a: Mat, b: Mat, transposeA: boolean, transposeB: boolean): RangeError {
  const [m, k] = transposeA ? [a.cols, a.rows] : [a.rows, a.cols];
  const [kb, n] = transposeB ? [b.cols, b.rows] : [b.rows, b.cols];
  return new RangeError(
    `mulInto: C [${c.rows}×${c.cols}] = ${transposeA ? 'Aᵀ' : 'A'} [${m}×${k}] · ${transposeB ? 'Bᵀ' : 'B'} [${kb}×${n}]: ` +
      `the inner sizes must match and C must be ${m}×${n}`,
  );
}

/** Multiply-adds above which {@link mulInto} packs its operands (below, strided access is cheaper than copying). */
export const PACK_THRESHOLD = 16384;
/** Depth of one packed block: 4 rows × KC of A (4 KiB) sit in L1, KC × n of B (≤ 1 MiB for n ≤ 1024) in L2. */
const KC = 128;
// Packing buffers, shared by every model on this thread and grown on demand (never per call).
let packA = new Float64Array(0);
let packB = new Float64Array(0);
const edge = new Float64Array(16);

/**
 * The large-product path of {@link mulInto}: for each depth block of KC, copies A into panels of 4 rows and
 * B into panels of 4 columns (each panel contiguous along the depth, zero-padded at the edges), then runs
 * the 4×4 register kernel over panel pairs, so every load in the inner loop is sequential and the panel of
 * A stays in L1 while B's block stays in L2 (the GotoBLAS scheme, minus SIMD, which JS does not expose).
 */
function gemmPacked(
  m: number, n: number, k: number,
  a: Vec, aOff: number, aRow: number, aCol: number,
  b: Vec, bOff: number, bRow: number, bCol: number,
  c: Vec, cOff: number, cRow: number,
  accumulate: boolean,
): void {
  const mp = (m + 3) >> 2;
  const np = (n + 3) >> 2;
  const kcMax = Math.min(KC, k);
  if (packA.length < mp * 4 * kcMax) packA = new Float64Array(mp * 4 * kcMax);
  if (packB.length < np * 4 * kcMax) packB = new Float64Array(np * 4 * kcMax);
  const pa = packA;
  const pb = packB;
  for (let kc = 0; kc < k; kc += KC) {
    const kb = Math.min(KC, k - kc);
    // B panel jp, depth p, column q at pb[(jp·kb + p)·4 + q].
    for (let jp = 0; jp < np; jp++) {
      const j0 = jp * 4;
      const full = j0 + 4 <= n;
      let dst = jp * kb * 4;
      let src = bOff + kc * bRow + j0 * bCol;
      for (let p = 0; p < kb; p++) {
        if (full) {
          pb[dst] = b[src]!;
          pb[dst + 1] = b[src + bCol]!;
          pb[dst + 2] = b[src + 2 * bCol]!;
          pb[dst + 3] = b[src + 3 * bCol]!;
        } else {
          for (let q = 0; q < 4; q++) pb[dst + q] = j0 + q < n ? b[src + q * bCol]! : 0;
        }
        dst += 4;
        src += bRow;
      }
    }
    // A panel ip, depth p, row r at pa[(ip·kb + p)·4 + r].
    for (let ip = 0; ip < mp; ip++) {
      const i0 = ip * 4;
      const full = i0 + 4 <= m;
      let dst = ip * kb * 4;
      let src = aOff + i0 * aRow + kc * aCol;
      for (let p = 0; p < kb; p++) {
        if (full) {
          pa[dst] = a[src]!;
          pa[dst + 1] = a[src + aRow]!;
          pa[dst + 2] = a[src + 2 * aRow]!;
          pa[dst + 3] = a[src + 3 * aRow]!;
        } else {
          for (let r = 0; r < 4; r++) pa[dst + r] = i0 + r < m ? a[src + r * aRow]! : 0;
        }
        dst += 4;
        src += aCol;
      }
    }
    const acc = accumulate || kc > 0;
    for (let ip = 0; ip < mp; ip++) {
      const i0 = ip * 4;
      const aBase = ip * kb * 4;
      for (let jp = 0; jp < np; jp++) {
        const j0 = jp * 4;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        let x = aBase;
        let y = jp * kb * 4;
        for (let p = 0; p < kb; p++) {
          const x0 = pa[x]!, x1 = pa[x + 1]!, x2 = pa[x + 2]!, x3 = pa[x + 3]!;
          const y0 = pb[y]!, y1 = pb[y + 1]!, y2 = pb[y + 2]!, y3 = pb[y + 3]!;
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
          s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
          x += 4;
          y += 4;
        }
        if (i0 + 4 <= m && j0 + 4 <= n) {
          const c0 = cOff + i0 * cRow + j0;
          const c1 = c0 + cRow;
          const c2 = c1 + cRow;
          const c3 = c2 + cRow;
          if (acc) {
            c[c0] = c[c0]! + s00; c[c0 + 1] = c[c0 + 1]! + s01; c[c0 + 2] = c[c0 + 2]! + s02; c[c0 + 3] = c[c0 + 3]! + s03;
            c[c1] = c[c1]! + s10; c[c1 + 1] = c[c1 + 1]! + s11; c[c1 + 2] = c[c1 + 2]! + s12; c[c1 + 3] = c[c1 + 3]! + s13;
            c[c2] = c[c2]! + s20; c[c2 + 1] = c[c2 + 1]! + s21; c[c2 + 2] = c[c2 + 2]! + s22; c[c2 + 3] = c[c2 + 3]! + s23;
            c[c3] = c[c3]! + s30; c[c3 + 1] = c[c3 + 1]! + s31; c[c3 + 2] = c[c3 + 2]! + s32; c[c3 + 3] = c[c3 + 3]! + s33;
          } else {
            c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
            c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
            c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
            c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
          }
        } else {
          // Edge tile: write only the rows and columns inside C.
          edge[0] = s00; edge[1] = s01; edge[2] = s02; edge[3] = s03;
          edge[4] = s10; edge[5] = s11; edge[6] = s12; edge[7] = s13;
          edge[8] = s20; edge[9] = s21; edge[10] = s22; edge[11] = s23;
          edge[12] = s30; edge[13] = s31; edge[14] = s32; edge[15] = s33;
          for (let r = 0; r < 4 && i0 + r < m; r++) {
            const cr = cOff + (i0 + r) * cRow + j0;
            for (let q = 0; q < 4 && j0 + q < n; q++) c[cr + q] = acc ? c[cr + q]! + edge[r * 4 + q]! : edge[r * 4 + q]!;
          }
        }
      }
    }
  }
}

// fillRows and columnSumsInto call the tier from `limits.elementwise` values (tiers.ts). Both give the same
// numbers on every tier (copies; sums in the same order: engine/kernels/tier-cells.test.ts).

/** Writes the 1×n row `bias` into every row of `c` (n columns), or zeros without a bias: the start of x·W + b. */
export function fillRows(c: Mat, bias: Mat | null): void {
  const { data, offset, rows, cols, stride } = c;
  const native = tierState.native;
  if (native !== null && rows * cols >= tierState.limits.elementwise && (bias === null || sameType(data, data, bias.data))) {
    const g = nativeArgs;
    g[0] = offset; g[1] = rows; g[2] = cols; g[3] = stride; g[4] = bias === null ? 0 : bias.offset;
    native.fillRows(data, bias === null ? null : bias.data);
    return;
  }
  if (bias === null) {
    if (stride === cols) data.fill(0, offset, offset + rows * cols);
    else for (let r = 0; r < rows; r++) data.fill(0, offset + r * stride, offset + r * stride + cols);
    return;
  }
  const src = bias.data;
  const from = bias.offset;
  for (let r = 0; r < rows; r++) {
    const o = offset + r * stride;
    for (let j = 0; j < cols; j++) data[o + j] = src[from + j]!;
  }
}

/** Writes the column sums of `src` (rows × n) into the 1×n row `out`: a bias gradient. */
export function columnSumsInto(out: Mat, src: Mat): void {
  const { data, offset, rows, cols, stride } = src;
  const sums = out.data;
  const to = out.offset;
  const native = tierState.native;
  if (native !== null && rows * cols >= tierState.limits.elementwise && sameType(sums, sums, data)) {
    const g = nativeArgs;
    g[0] = to; g[1] = offset; g[2] = rows; g[3] = cols; g[4] = stride;
    native.columnSums(sums, data);
    return;
  }
  for (let j = 0; j < cols; j++) sums[to + j] = 0;
  for (let r = 0; r < rows; r++) {
    const o = offset + r * stride;
    for (let j = 0; j < cols; j++) sums[to + j] = sums[to + j]! + data[o + j]!;
  }
}
