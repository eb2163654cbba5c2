/**
 * Matrix products over lanes, for lockstep training (lockstep/lstm-dense.ts): `lanes` independent models of one
 * shape whose every array holds element e of lane l at `e·lanes + l` (lane-minor, so the innermost loops run over
 * lanes, contiguous in memory).
 *
 * Bit-identity with one model alone: below the packing size and the tiers' limits, `mulInto` (gemm.ts) computes
 * every element of C with its own float64 accumulator, s = ((0 + a₀b₀) + a₁b₁) + …, over p ascending (in its 4×4
 * blocks and in its edges alike), then stores C = s or C = C + s. This does the same per lane: `acc` is a float64
 * accumulator per (column, lane) summed over p ascending from 0, stored once at the end. JS numbers are float64
 * without fused multiply-adds, so the same operations in the same order give the same bits (and a Float32Array C
 * rounds at the same single store). Callers check the sizes stay in that regime (lockstep/eligibility.ts).
 */
import type { Vec } from '../types.js';

/**
 * C (m×n) = op(A)·op(B), or C += it, per lane. Offsets and strides count elements (each holding `lanes` values):
 * A's element (i, p) is at `aOff + i·aRow + p·aCol`, B's (p, j) at `bOff + p·bRow + j·bCol`, C's (i, j) at
 * `cOff + i·cRow + j`. `acc` is float64 scratch of at least n·lanes values.
 */
export function mulLanes(
  c: Vec, cOff: number, cRow: number,
  a: Vec, aOff: number, aRow: number, aCol: number,
  b: Vec, bOff: number, bRow: number, bCol: number,
  m: number, n: number, k: number, accumulate: boolean, lanes: number, acc: Float64Array,
): void {
  const L = lanes;
  const width = n * L;
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, width);
    for (let p = 0; p < k; p++) {
      const ap = (aOff + i * aRow + p * aCol) * L;
      for (let j = 0; j < n; j++) {
        const bp = (bOff + p * bRow + j * bCol) * L;
        const o = j * L;
        for (let l = 0; l < L; l++) acc[o + l] = acc[o + l]! + a[ap + l]! * b[bp + l]!;
      }
    }
    const ci = (cOff + i * cRow) * L;
    if (accumulate) for (let e = 0; e < width; e++) c[ci + e] = c[ci + e]! + acc[e]!;
    else for (let e = 0; e < width; e++) c[ci + e] = acc[e]!;
  }
}

/**
 * `gemm.ts`'s fillRows per lane: each of `rows` rows of C (`cols` wide, contiguous, from element `cOff`) gets the
 * bias row (`cols` elements from `biasOff` of `bias`).
 */
export function fillRowsLanes(c: Vec, cOff: number, rows: number, cols: number, bias: Vec, biasOff: number, lanes: number): void {
  const width = cols * lanes;
  const from = biasOff * lanes;
  for (let r = 0; r < rows; r++) {
    const o = (cOff + r * cols) * lanes;
    for (let e = 0; e < width; e++) c[o + e] = bias[from + e]!;
  }
}

/**
 * `gemm.ts`'s columnSumsInto per lane: sums (`cols` elements from `outOff`) = 0, then += each of `rows` rows of
 * src (contiguous from `srcOff`), stored after every addition as there (a Float32Array rounds each partial sum).
 */
export function columnSumsLanes(out: Vec, outOff: number, src: Vec, srcOff: number, rows: number, cols: number, lanes: number): void {
  const width = cols * lanes;
  const to = outOff * lanes;
  for (let e = 0; e < width; e++) out[to + e] = 0;
  for (let r = 0; r < rows; r++) {
    const o = (srcOff + r * cols) * lanes;
    for (let e = 0; e < width; e++) out[to + e] = out[to + e]! + src[o + e]!;
  }
}
