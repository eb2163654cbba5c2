import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { columnSumsInto, fillRows, mulInto } from './gemm.js';
import { mat } from './mat.js';

/** C = A·B by the definition, for strided A (m×k) and B (k×n). */
function naive(m: number, n: number, k: number, a: Float64Array, aRow: number, aCol: number, b: Float64Array, bRow: number, bCol: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * aRow + p * aCol]! * b[p * bRow + j * bCol]!;
    c[i * n + j] = s;
  }
  return c;
}

describe('mulInto', () => {
  // Small shapes take the direct path, large ones the packed path (with depth blocks when k > 128);
  // odd sizes exercise the edge tiles; transposed strides are how the layers use it.
  const shapes: [number, number, number][] = [[1, 1, 1], [1, 16, 4], [3, 5, 7], [4, 4, 4], [9, 13, 300], [150, 150, 150], [37, 64, 129], [130, 9, 260]];
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`${m}×${k} · ${k}×${n}${transA ? ', Aᵀ' : ''}${transB ? ', Bᵀ' : ''}`, () => {
          const rng = createRng(m * 1000 + n * 10 + k, 'gemm');
          const a = Float64Array.from({ length: m * k + 3 }, () => rng.next() - 0.5);
          const b = Float64Array.from({ length: k * n + 5 }, () => rng.next() - 0.5);
          // Offsets of 3 and 5 check that the kernel honours them; C gets a row stride wider than n.
          const [aRow, aCol] = transA ? [1, m] : [k, 1];
          const [bRow, bCol] = transB ? [1, k] : [n, 1];
          const expected = naive(m, n, k, a.subarray(3), aRow, aCol, b.subarray(5), bRow, bCol);
          const cRow = n + 2;
          const c = new Float64Array(m * cRow).fill(1);
          // Aᵀ is read from a k×m matrix, Bᵀ from an n×k one.
          const A = transA ? mat(a, 3, k, m) : mat(a, 3, m, k);
          const B = transB ? mat(b, 5, n, k) : mat(b, 5, k, n);
          const C = mat(c, 0, m, n, cRow);
          mulInto(C, A, B, { transposeA: transA, transposeB: transB, accumulate: true });
          let err = 0;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[i * cRow + j]! - 1 - expected[i * n + j]!));
            // The padding columns beyond n are untouched.
            expect(c[i * cRow + n]).toBe(1);
          }
          // Float64 dot products of ≤ k terms of magnitude ≤ 0.25, summed in another order: error ≈ k·1e-17.
          expect(err).toBeLessThan(1e-12);
          mulInto(C, A, B, { transposeA: transA, transposeB: transB });
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[i * cRow + j]! - expected[i * n + j]!));
          expect(err).toBeLessThan(1e-12);
        });
      }
    }
  }

  it('refuses views whose shapes do not fit, naming them', () => {
    const v = new Float64Array(64);
    expect(() => mulInto(mat(v, 0, 2, 3), mat(v, 0, 2, 4), mat(v, 0, 5, 3))).toThrow(/A \[2×4\] · B \[5×3\]/);
    expect(() => mulInto(mat(v, 0, 3, 3), mat(v, 0, 4, 2), mat(v, 0, 4, 3), { transposeA: true })).toThrow(/C \[3×3\] = Aᵀ \[2×4\]/);
  });
});

describe('fillRows and columnSumsInto', () => {
  it('broadcast a bias into strided rows and sum the columns of a strided block', () => {
    const c = new Float64Array(3 * 5).fill(9);
    fillRows(mat(c, 0, 3, 2, 5), mat(Float64Array.of(0, 1, 2), 1, 1, 2));
    expect(Array.from(c)).toEqual([1, 2, 9, 9, 9, 1, 2, 9, 9, 9, 1, 2, 9, 9, 9]);
    const sums = new Float64Array(3);
    columnSumsInto(mat(sums, 1, 1, 2), mat(c, 0, 3, 2, 5));
    expect(Array.from(sums)).toEqual([0, 3, 6]);
    fillRows(mat(c, 0, 3, 2, 5), null);
    expect(Array.from(c)).toEqual([0, 0, 9, 9, 9, 0, 0, 9, 9, 9, 0, 0, 9, 9, 9]);
  });
});
