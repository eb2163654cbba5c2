/**
 * Matrix products over lanes, for lockstep training (lockstep/lstm-dense.ts): `lanes` independent models of one
 * shape whose every array holds element e of lane l at `e·lanes + l` (lane-minor, so the innermost loops run over
 * lanes, contiguous in memory).
 *
 * Bit-identity with one model alone: below the packing size and the tiers' limits, `mulInto` (gemm.ts) computes
 * every element of C with its own float64 accumulator, s = ((0 + a₀b₀) + a₁b₁) + …, over p ascending (in its 4×4
 * blocks and in its edges alike), then stores C = s or C = C + s. This does the same per lane. JS numbers are float64
 * without fused multiply-adds, so the same operations in the same order give the same bits (and a Float32Array C
 * rounds at the same single store). Callers check the sizes stay in that regime (lockstep/eligibility.ts).
 */
import type { Vec } from '../types.js';

/**
 * C (m×n) = op(A)·op(B), or C += it, per lane. Offsets and strides count elements (each holding `lanes` values):
 * A's element (i, p) is at `aOff + i·aRow + p·aCol`, B's (p, j) at `bOff + p·bRow + j·bCol`, C's (i, j) at
 * `cOff + i·cRow + j`. Each (i, j, lane) sums into one float64 local over p ascending, from 0, as mulInto does
 * (one product of depth 1 is still 0 + a·b: that turns a −0 product into +0, as there).
 */
export function mulLanes(
  c: Vec, cOff: number, cRow: number,
  a: Vec, aOff: number, aRow: number, aCol: number,
  b: Vec, bOff: number, bRow: number, bCol: number,
  m: number, n: number, k: number, accumulate: boolean, lanes: number,
): void {
  const L = lanes;
  const aStep = aCol * L;
  const bStep = bRow * L;
  for (let i = 0; i < m; i++) {
    const ai = (aOff + i * aRow) * L;
    const ci = (cOff + i * cRow) * L;
    for (let j = 0; j < n; j++) {
      const bj = (bOff + j * bCol) * L;
      const cj = ci + j * L;
      if (k === 1) {
        if (accumulate) for (let l = 0; l < L; l++) c[cj + l] = c[cj + l]! + (0 + a[ai + l]! * b[bj + l]!);
        else for (let l = 0; l < L; l++) c[cj + l] = 0 + a[ai + l]! * b[bj + l]!;
        continue;
      }
      if (k === 4) {
        // Depth 4 (h·R of LSTM(4)) unrolled, the sum still left to right from 0.
        for (let l = 0; l < L; l++) {
          const pa = ai + l;
          const pb = bj + l;
          let s = 0;
          s += a[pa]! * b[pb]!;
          s += a[pa + aStep]! * b[pb + bStep]!;
          s += a[pa + 2 * aStep]! * b[pb + 2 * bStep]!;
          s += a[pa + 3 * aStep]! * b[pb + 3 * bStep]!;
          c[cj + l] = accumulate ? c[cj + l]! + s : s;
        }
        continue;
      }
      for (let l = 0; l < L; l++) {
        let s = 0;
        for (let p = 0, pa = ai + l, pb = bj + l; p < k; p++, pa += aStep, pb += bStep) s += a[pa]! * b[pb]!;
        c[cj + l] = accumulate ? c[cj + l]! + s : s;
      }
    }
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
