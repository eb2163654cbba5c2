import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { adjustP } from './p-adjust.js';

describe('multiple-comparison corrections', () => {
  it('matches a hand computation of Holm', () => {
    // p = [0.01, 0.04, 0.03, 0.005], m = 4. Sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04
    // → running max 0.02, 0.03, 0.06, 0.06.
    const r = adjustP([0.01, 0.04, 0.03, 0.005]);
    expect(r.method).toBe('holm');
    r.adjusted.forEach((p, i) => expect(p).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i]!, 15));
    expect(r.significant).toEqual([true, false, false, true]);
  });

  // Holm and BH written out independently in make_fixtures.py (O(m²) max/min), BH also from scipy's
  // false_discovery_control; float arithmetic of the same products, so 1e-12.
  for (const c of statsFixtures.adjust) {
    it(`matches the fixture for p = [${c.p.join(', ')}]`, () => {
      const close = (got: readonly number[], want: readonly number[]) => got.forEach((p, i) => expect(Math.abs(p - want[i]!)).toBeLessThan(1e-12));
      close(adjustP(c.p, 'holm').adjusted, c.holm);
      close(adjustP(c.p, 'bh').adjusted, c.bh);
      close(adjustP(c.p, 'bh').adjusted, c.bhScipy);
      close(adjustP(c.p, 'bonferroni').adjusted, c.bonferroni);
    });
  }

  it("fixes the issue's example: Welch 0.038 with a second test becomes 0.076 under Bonferroni", () => {
    const r = adjustP([0.038, 0.18], 'bonferroni', 0.05);
    expect(r.adjusted[0]).toBeCloseTo(0.076, 15);
    expect(r.significant).toEqual([false, false]);
  });

  it('leaves NaN p-values out of m', () => {
    const r = adjustP([0.01, NaN, 0.02], 'bonferroni');
    expect(r.adjusted[0]).toBeCloseTo(0.02, 15);
    expect(r.adjusted[1]).toBeNaN();
    expect(r.significant[1]).toBe(false);
  });

  it('refuses p outside [0, 1] and a bad α with one line', () => {
    expect(() => adjustP([0.1, 1.5])).toThrow(/p-value 1 is 1.5/);
    expect(() => adjustP([0.1], 'holm', 0)).toThrow(/α 0 must lie strictly between 0 and 1/);
  });
});
