import type { Vec } from './types.js';

/**
 * C (=|+=) A·B for strided row-major views, the one matrix kernel of the engine.
 *
 * A is m×k with element (i, p) at `a[aOff + i·aRow + p·aCol]`, B is k×n with (p, j) at
 * `b[bOff + p·bRow + j·bCol]`, C is m×n with (i, j) at `c[cOff + i·cRow + j]`. Transposes and column
 * blocks (a GRU's z|r part of its recurrent kernel) are just other strides, so one kernel serves
 * x·W, h·R, Xᵀ·dZ and dZ·Wᵀ without copying. `accumulate` false overwrites C, which spares callers a
 * zeroing pass over gradient buffers.
 *
 * The body computes 4×4 blocks of C in 16 local accumulators (register blocking: each loaded element of
 * A or B feeds four multiply-adds), then mops up the edges. It allocates nothing.
 */
export function gemm(
  m: number, n: number, k: number,
  a: Vec, aOff: number, aRow: number, aCol: number,
  b: Vec, bOff: number, bRow: number, bCol: number,
  c: Vec, cOff: number, cRow: number,
  accumulate: boolean,
): void {
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

/** Writes `bias` (n values from `bOff`) into each of `rows` rows of `c` (row stride n): the start of x·W + b. */
export function fillRows(c: Vec, rows: number, n: number, bias: Vec | null, bOff: number): void {
  if (bias === null) {
    c.fill(0, 0, rows * n);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) c[o + j] = bias[bOff + j]!;
  }
}

/** Column sums of a rows×n block (row stride `stride`, from `off`) written into `out` from `outOff`: a bias gradient. */
export function columnSums(src: Vec, off: number, stride: number, rows: number, n: number, out: Vec, outOff: number): void {
  for (let j = 0; j < n; j++) out[outOff + j] = 0;
  for (let r = 0; r < rows; r++) {
    const o = off + r * stride;
    for (let j = 0; j < n; j++) out[outOff + j] = out[outOff + j]! + src[o + j]!;
  }
}
