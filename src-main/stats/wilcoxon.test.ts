import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { wilcoxon } from './wilcoxon.js';

describe('Wilcoxon signed-rank', () => {
  it('matches a hand computation', () => {
    // d = a − b = [1, −2, 3, 4]: ranks 1, 2, 3, 4 → R+ = 8, R− = 2. Exact: of the 2^4 = 16 sign patterns,
    // R+ ≤ 2 for {}, {1}, {2} → 3/16, so p = 2·3/16 = 0.375.
    const r = wilcoxon([2, 0, 6, 8], [1, 2, 3, 4]);
    expect([r.rPlus, r.rMinus, r.statistic]).toEqual([8, 2, 2]);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBe(0.375);
  });

  it('drops zeros by default (wilcox) and reports them', () => {
    const r = wilcoxon([1, 2, 3, 5], [1, 1, 1, 1]);
    // d = [0, 1, 2, 4] → zeros dropped, ranks 1, 2, 3 all positive: R+ = 6.
    expect(r).toMatchObject({ rPlus: 6, rMinus: 0, zeros: 1, n: 4, zeroMethod: 'wilcox' });
  });

  it('gives p = 1 when every difference is zero', () => {
    expect(wilcoxon([1, 2], [1, 2]).pValue).toBe(1);
  });

  // scipy wilcoxon(a, b, …) with its defaults zero_method='wilcox', correction=False: statistic and p to 1e-6.
  for (const c of statsFixtures.paired) {
    it(`matches scipy: ${c.name} (${c.zeros} zeros${c.ties ? ', ties' : ''})`, () => {
      const w = c.wilcoxon;
      const auto = wilcoxon(c.a, c.b);
      expect(auto.method).toBe(w.autoIsExact ? 'exact' : 'asymptotic');
      expect(auto.statistic).toBe(w.auto.statistic);
      expect(Math.abs(auto.pValue - w.auto.p)).toBeLessThan(1e-6);
      const asym = wilcoxon(c.a, c.b, { method: 'asymptotic' });
      expect(Math.abs(asym.pValue - w.asymptotic.p)).toBeLessThan(1e-6);
      expect(Math.abs(Math.abs(asym.z) - Math.abs(w.asymptotic.z!))).toBeLessThan(1e-6);
      const cont = wilcoxon(c.a, c.b, { method: 'asymptotic', continuity: true });
      expect(Math.abs(cont.pValue - w.asymptoticContinuity.p)).toBeLessThan(1e-6);
      const pratt = wilcoxon(c.a, c.b, { method: 'asymptotic', zeroMethod: 'pratt' });
      expect(pratt.statistic).toBe(w.prattAsymptotic.statistic);
      expect(Math.abs(pratt.pValue - w.prattAsymptotic.p)).toBeLessThan(1e-6);
      if (w.exact) {
        const exact = wilcoxon(c.a, c.b, { method: 'exact' });
        expect(Math.abs(exact.pValue - w.exact.p)).toBeLessThan(1e-6);
      }
    });
  }

  it('refuses unequal lengths with one line', () => {
    expect(() => wilcoxon([1, 2], [1])).toThrow(/wilcoxon: paired samples need equal lengths/);
  });
});

describe('Wilcoxon exact limits', () => {
  it('refuses the exact method on thousands of pairs, with one line naming the fix', () => {
    const a = Array.from({ length: 500 }, (_, i) => i + 1);
    expect(() => wilcoxon(a, a.map(() => 0), { method: 'exact' })).toThrow(/limited to 400 non-zero differences \(got 500\); use method 'asymptotic'/);
  });
});
