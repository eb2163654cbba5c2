import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { mannWhitney } from './mann-whitney.js';

describe('Mann–Whitney U', () => {
  it('matches a hand computation (asymptotic)', () => {
    // a = [1, 2, 3], b = [4, 5, 6, 7]: ranks of a are 1, 2, 3 → R = 6, U = 6 − 3·4/2 = 0.
    // mean U = 6, sd = √(12/12 · 8) = √8 = 2.8284; z = (6 − 0.5)/2.8284 = 1.9445; p = 2(1 − Φ(1.9445)) = 0.05183.
    const r = mannWhitney([1, 2, 3], [4, 5, 6, 7], { method: 'asymptotic' });
    expect(r.u).toBe(0);
    expect(r.pValue).toBeCloseTo(0.05183, 4);
  });

  it('is exact for that case by default: U = 0 is the most extreme of C(7, 3) = 35 arrangements', () => {
    // P(U = 0) = P(U = 12) = 1/35 → two-sided p = 2/35.
    const r = mannWhitney([1, 2, 3], [4, 5, 6, 7]);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(2 / 35, 14);
  });

  it('uses midranks and the tie correction', () => {
    // a = [1, 2, 2], b = [2, 3]: ranks 1, 3, 3 | 3, 5 → R_a = 7, U = 7 − 6 = 1. Ties: one group of 3 → Σ(t³ − t) = 24.
    // sd = √(6/12 · (6 − 24/20)) = √2.4 = 1.5492; z = (3 − 1 − 0.5)/1.5492 = 0.9682; p = 0.3329.
    const r = mannWhitney([1, 2, 2], [2, 3]);
    expect(r.u).toBe(1);
    expect(r.method).toBe('asymptotic');
    expect(r.pValue).toBeCloseTo(0.3329, 3);
  });

  it('gives p = 1 for identical constant samples', () => {
    expect(mannWhitney([2, 2], [2, 2]).pValue).toBe(1);
  });

  // scipy mannwhitneyu(a, b, method=…): U and p to 1e-6 (exact p's are ratios of integer counts).
  for (const c of statsFixtures.unpaired) {
    it(`matches scipy: ${c.name}`, () => {
      for (const method of ['auto', 'asymptotic', 'exact'] as const) {
        const r = mannWhitney(c.a, c.b, { method });
        expect(r.u).toBe(c.mannWhitney[method].u);
        expect(Math.abs(r.pValue - c.mannWhitney[method].p), method).toBeLessThan(1e-6);
      }
      expect(mannWhitney(c.a, c.b).method).toBe(c.mannWhitney.autoIsExact ? 'exact' : 'asymptotic');
    });
  }

  it('refuses an empty sample or a NaN with one line', () => {
    expect(() => mannWhitney([], [1])).toThrow(/both samples need values/);
    expect(() => mannWhitney([1], [NaN])).toThrow(/sample B: value 0 is NaN/);
  });
});

describe('Mann–Whitney exact limits', () => {
  it('refuses the exact method on large samples, with one line naming the fix', () => {
    const a = Array.from({ length: 400 }, (_, i) => 2 * i);
    expect(() => mannWhitney(a, a.map((v) => v + 1), { method: 'exact' })).toThrow(/exact method is limited to small samples \(got 400 and 400 values\)/);
  });
});
