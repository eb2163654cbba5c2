import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { gemm } from './gemm.js';

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

describe('gemm', () => {
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
          gemm(m, n, k, a, 3, aRow, aCol, b, 5, bRow, bCol, c, 0, cRow, true);
          let err = 0;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[i * cRow + j]! - 1 - expected[i * n + j]!));
            // The padding columns beyond n are untouched.
            expect(c[i * cRow + n]).toBe(1);
          }
          // Float64 dot products of ≤ k terms of magnitude ≤ 0.25, summed in another order: error ≈ k·1e-17.
          expect(err).toBeLessThan(1e-12);
          gemm(m, n, k, a, 3, aRow, aCol, b, 5, bRow, bCol, c, 0, cRow, false);
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[i * cRow + j]! - expected[i * n + j]!));
          expect(err).toBeLessThan(1e-12);
        });
      }
    }
  }
});
