import { describe, expect, it } from 'vitest';
import { mannWhitneyCounts, signedRankCounts, twoSidedFromCounts } from './exact-distributions.js';

const sum = (c: Float64Array) => c.reduce((s, v) => s + v, 0);

describe('exact rank distributions', () => {
  it('counts every arrangement once: Σ = C(m + n, m) for U, 2^n for R+', () => {
    expect(sum(mannWhitneyCounts(3, 4))).toBe(35);
    expect(sum(mannWhitneyCounts(10, 10))).toBe(184756);
    expect(sum(signedRankCounts([1, 2, 3, 4, 5]))).toBe(32);
    expect(sum(signedRankCounts([1.5, 1.5, 3]))).toBe(8);
  });

  it('lists U for m = 2, n = 2 by hand: U = 0, 1, 2, 2, 3, 4 over the 6 arrangements', () => {
    expect([...mannWhitneyCounts(2, 2)]).toEqual([1, 1, 2, 1, 1]);
  });

  it('lists 2·R+ for midranks [1.5, 1.5, 3] by hand', () => {
    // Subsets of {3, 3, 6} (doubled ranks): sums 0, 3, 3, 6, 6, 9, 9, 12.
    const c = signedRankCounts([1.5, 1.5, 3]);
    expect([...c].map((v, s) => [s, v]).filter(([, v]) => v! > 0)).toEqual([[0, 1], [3, 2], [6, 2], [9, 2], [12, 1]]);
    // Two-sided p at 2·R+ = 3: P(≤ 3) = 3/8, P(≥ 3) = 7/8 → 2·3/8.
    expect(twoSidedFromCounts(c, 3)).toBe(0.75);
  });
});
