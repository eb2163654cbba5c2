import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { testFamily } from './compare-family.js';
import { mannWhitney } from './mann-whitney.js';
import { adjustP } from './p-adjust.js';
import { pairedT } from './paired-t.js';
import { wilcoxon } from './wilcoxon.js';

// Hand-made groups: A is lower than B in every pair (RMSE-like, lower wins); C has a single value.
const groups = [
  { label: 'A', values: [1, 2, 3, 4, 5, 6] },
  { label: 'B', values: [2.5, 3.1, 4.7, 5.2, 6.9, 7.3] },
  { label: 'C', values: [9] },
];
const options = { lowerIsBetter: true, correction: 'holm' as const, alpha: 0.05, bootstrap: { seed: 3, resamples: 500 } };

describe('testFamily', () => {
  it("cross-validated pairs: the t test beside Wilcoxon is Nadeau & Bengio's corrected resampled t over the (repeat, fold) differences", () => {
    // 2 repeats × 3 folds: k = 6 differences, n_test/n_train = 1/2. By hand: d = A − B, mean −1.45,
    // s² = 0.475 / 5 = 0.095, t = −1.45 / √((1/6 + 1/2)·0.095) = −5.762, df 5 (the plain paired t would be −11.52).
    const [row] = testFamily(groups, [{ a: 0, b: 1, design: 'paired', pairing: 'paired by (repeat, fold)', folds: 3 }], options);
    expect(row!.secondary.test).toBe('correctedT');
    const d = groups[0]!.values.map((v, i) => v - groups[1]!.values[i]!);
    const mean = d.reduce((x, y) => x + y, 0) / 6;
    const s2 = d.reduce((x, y) => x + (y - mean) ** 2, 0) / 5;
    expect(mean).toBeCloseTo(-1.45, 12);
    expect(row!.secondary.statistic).toBeCloseTo(mean / Math.sqrt((1 / 6 + 1 / 2) * s2), 12);
    expect(row!.secondary.statistic).toBeCloseTo(-5.762, 3);
    expect(row!.primary.test).toBe('wilcoxon');
  });

  it('tests each row by its own design and corrects over the testable rows only', () => {
    const rows = testFamily(
      groups,
      [
        { a: 0, b: 1, design: 'paired', pairing: 'paired by repeat' },
        { a: 0, b: 1, design: 'unpaired', pairing: 'unpaired: different seeds' },
        { a: 0, b: 2, design: 'unpaired', pairing: 'unpaired' },
      ],
      options,
    );
    const pw = wilcoxon(groups[0]!.values, groups[1]!.values).pValue;
    const pm = mannWhitney(groups[0]!.values, groups[1]!.values).pValue;
    expect(pw).toBeCloseTo(0.03125, 12); // exact: all 6 differences negative, 2/2⁶
    expect(rows[0]!.primary).toMatchObject({ test: 'wilcoxon', pValue: pw });
    expect(rows[1]!.primary).toMatchObject({ test: 'mannWhitney', pValue: pm });
    // Holm over the two testable rows (the third has one value on a side and does not count).
    const [lo, hi] = pw < pm ? [pw, pm] : [pm, pw];
    expect(Math.min(rows[0]!.primary.adjustedP, rows[1]!.primary.adjustedP)).toBeCloseTo(2 * lo, 12);
    expect(Math.max(rows[0]!.primary.adjustedP, rows[1]!.primary.adjustedP)).toBeCloseTo(Math.max(2 * lo, hi), 12);
    expect(rows[2]!.primary.pValue).toBeNaN();
    expect(rows[2]!.primary.significant).toBe(false);
    expect(rows[2]!.reading).toBe('A vs C: too few finished repeats to test (6 and 1; at least 2 each)');
    // Paired: A wins every repeat (lower is better), so P(A beats B) = 1 and the reading says so.
    expect(rows[0]!.pABeatsB.estimate).toBe(1);
    expect(rows[0]!.reading).toMatch(/^A beats B in 100 % of paired repeats; Holm-adjusted p = /);
    expect(rows[0]!.meanDiff.estimate).toBeCloseTo(-1.45, 12);
  });

  it('on a fixture of 30 paired repeats: each row is its tests, Holm- and Bonferroni-adjusted over exactly the rows, and reads from the adjusted p', () => {
    const { a, b } = statsFixtures.paired.find((c) => c.name === '30 pairs, continuous')!;
    const three = [{ label: 'units=1', values: a }, { label: 'units=4', values: b }, { label: 'units=8', values: b.map((v, i) => v + (i % 3) * 0.01) }];
    const pairs = [[0, 1], [0, 2], [1, 2]].map(([x, y]) => ({ a: x!, b: y!, design: 'paired' as const, pairing: 'paired by repeat' }));
    for (const correction of ['holm', 'bonferroni'] as const) {
      const rows = testFamily(three, pairs, { ...options, correction });
      expect(rows[0]!.primary.pValue).toBe(wilcoxon(a, b).pValue);
      expect(rows[0]!.secondary.pValue).toBe(pairedT(a, b).pValue);
      const adjusted = adjustP(rows.map((r) => r.primary.pValue), correction);
      expect(rows.map((r) => r.primary.adjustedP)).toEqual(adjusted.adjusted);
      expect(rows.map((r) => r.primary.significant)).toEqual(adjusted.significant);
      expect(rows[0]!.reading).toContain(`of paired repeats; ${correction === 'holm' ? 'Holm' : 'Bonferroni'}-adjusted p`);
      expect(rows[0]!.reading).toMatch(rows[0]!.primary.significant ? /; significant at α = 0.05$/ : /not significant/);
    }
  });
});
