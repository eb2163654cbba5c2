import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { friedman } from './friedman.js';
import { criticalDifference, nemenyi, nemenyiQ } from './nemenyi.js';

describe('Friedman test', () => {
  // scipy friedmanchisquare over the columns (tie-corrected χ²), Iman–Davenport F from scipy's F law: 1e-6.
  for (const c of statsFixtures.friedman) {
    it(`matches scipy: ${c.name}`, () => {
      const r = friedman(c.table, false);
      expect(Math.abs(r.chiSquare - c.chiSquare)).toBeLessThan(1e-6);
      expect(Math.abs(r.pValue - c.p)).toBeLessThan(1e-6);
      expect(Math.abs(r.f - c.f)).toBeLessThan(1e-6);
      expect(Math.abs(r.fPValue - c.fP)).toBeLessThan(1e-6);
      r.averageRanks.forEach((rank, j) => expect(rank).toBeCloseTo(c.averageRanksLowerBetter[j]!, 12));
      // Reversing the direction changes the ranks, not the test.
      const high = friedman(c.table, true);
      high.averageRanks.forEach((rank, j) => expect(rank).toBeCloseTo(c.averageRanksHigherBetter[j]!, 12));
      expect(high.chiSquare).toBeCloseTo(r.chiSquare, 10);
    });
  }

  it('gives NaN, not a spurious p, when every repeat ties all configurations', () => {
    const r = friedman([[1, 1, 1], [2, 2, 2]], false);
    expect([r.chiSquare, r.pValue, r.f, r.fPValue]).toEqual([NaN, NaN, NaN, NaN]);
    expect(r.averageRanks).toEqual([2, 2, 2]);
  });

  it('refuses fewer than 3 configurations and ragged repeats with one line', () => {
    expect(() => friedman([[1, 2], [2, 1]], false)).toThrow(/at least 3 configurations \(got 2\)/);
    expect(() => friedman([[1, 2, 3], [2, 1]], false)).toThrow(/repeat 1 has 2 values, repeat 0 has 3/);
  });
});

describe('Nemenyi critical difference (Demšar 2006)', () => {
  it("copies Demšar's q_α table: it agrees with scipy's studentized range at ∞ df / √2 to the table's 3 decimals", () => {
    for (const alpha of [0.05, 0.1] as const) {
      statsFixtures.nemenyiQ[String(alpha)]!.forEach((q, i) => expect(Math.abs(nemenyiQ(i + 2, alpha) - q)).toBeLessThan(1e-3));
    }
  });

  it("reproduces Demšar's worked example: k = 4 classifiers on N = 14 data sets", () => {
    // §3.2.2: CD = 2.569·√(4·5/(6·14)) = 1.25 at α = 0.05, and 2.291·√(…) = 1.12 at α = 0.10 (2 decimals printed).
    expect(criticalDifference(4, 14, 0.05)).toBeCloseTo(1.25, 2);
    expect(criticalDifference(4, 14, 0.1)).toBeCloseTo(1.12, 2);
    // Published average ranks of C4.5, C4.5+m, C4.5+cf, C4.5+m+cf: 3.143, 2.000, 2.893, 1.964.
    const ranks = [3.143, 2.0, 2.893, 1.964];
    // At 0.05 the largest difference (1.179) is below CD: one clique, nothing significant.
    const at05 = nemenyi(ranks, 14, 0.05);
    expect(at05.order).toEqual([3, 1, 2, 0]);
    expect(at05.cliques).toEqual([[3, 1, 2, 0]]);
    expect(at05.significant.flat().some(Boolean)).toBe(false);
    // At 0.10, C4.5 is significantly worse than C4.5+m (1.143) and C4.5+m+cf (1.179); cf joins both groups.
    const at10 = nemenyi(ranks, 14, 0.1);
    expect(at10.cliques).toEqual([[3, 1, 2], [2, 0]]);
    expect(at10.significant[0]).toEqual([false, true, false, true]);
  });

  for (const c of statsFixtures.friedman) {
    it(`gives scipy's Nemenyi pairwise p (studentized range at ∞ df) to 1e-6: ${c.name}`, () => {
      const f = friedman(c.table, false);
      const d = nemenyi(f.averageRanks, f.blocks, 0.05);
      d.pValues.forEach((row, i) => row.forEach((p, j) => expect(Math.abs(p - c.nemenyiP[i]![j]!)).toBeLessThan(1e-6)));
      // A pair is beyond the CD exactly when its Nemenyi p is at most α (up to the table's 3-decimal q).
      d.pValues.forEach((row, i) => row.forEach((p, j) => i !== j && Math.abs(p - 0.05) > 1e-3 && expect(d.significant[i]![j]).toBe(p < 0.05)));
    });
  }

  it('refuses k outside the table with one line', () => {
    expect(() => nemenyiQ(11, 0.05)).toThrow(/2–10 configurations/);
  });
});
