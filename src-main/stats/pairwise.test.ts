import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { adjustP } from './p-adjust.js';
import { compareAgainstReference, compareAllPairs, type Group } from './pairwise.js';
import { wilcoxon } from './wilcoxon.js';

const { a, b } = statsFixtures.paired.find((c) => c.name === '30 pairs, continuous')!;
const groups: Group[] = [
  { label: 'units=1', values: a },
  { label: 'units=4', values: b },
  { label: 'units=8', values: b.map((v, i) => v + (i % 3) * 0.01) },
];
const options = { design: 'paired', lowerIsBetter: true, bootstrap: { seed: 3, resamples: 300 } } as const;

describe('families of comparisons', () => {
  it('tests each group against the reference but not the reference itself, and Holm-adjusts over the rows', () => {
    const rows = compareAgainstReference(groups, 1, { ...options, test: 'wilcoxon' });
    expect(rows.map((r) => [r.a, r.b])).toEqual([[0, 1], [2, 1]]);
    expect(rows[0]!.pValue).toBe(wilcoxon(a, b).pValue);
    const holm = adjustP(rows.map((r) => r.pValue), 'holm');
    expect(rows.map((r) => r.adjustedP)).toEqual(holm.adjusted);
    expect(rows.map((r) => r.significant)).toEqual(holm.significant);
  });

  it('covers all pairs once and writes the reading from the adjusted p', () => {
    const rows = compareAllPairs(groups, options);
    expect(rows.map((r) => [r.a, r.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    const first = rows[0]!;
    expect(first.test).toBe('pairedT');
    expect(first.reading).toContain('of paired repeats; Holm-adjusted p');
    expect(first.reading).toMatch(first.significant ? /; significant at α = 0.05$/ : /not significant/);
  });

  it('refuses a test that does not fit the design, with one line', () => {
    expect(() => compareAllPairs(groups, { ...options, test: 'welch' })).toThrow(/test 'welch' does not fit a paired design; use pairedT or wilcoxon/);
    expect(() => compareAgainstReference(groups, 5, options)).toThrow(/reference 5 is out of range; pick 0–2/);
  });
});
