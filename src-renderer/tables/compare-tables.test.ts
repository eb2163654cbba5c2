import { describe, expect, it } from 'vitest';
import type { CompareResult, CompareRow } from '../../src-main/contract/api.js';
import { fmtEstimate, fmtShare, pairMatrix, rowColumns } from './compare-tables.js';

const test = (p: number, adjusted: number, significant: boolean) => ({ test: 'wilcoxon' as const, statistic: 0, pValue: p, adjustedP: adjusted, significant });
const row = (a: number, b: number, share: number, adjusted: number, significant: boolean): CompareRow => ({
  a, b, design: 'paired', pairing: 'paired by repeat: the same seed in each of 5 repeats',
  primary: test(adjusted / 2, adjusted, significant), secondary: { ...test(0.1, 0.2, false), test: 'pairedT' },
  meanDiff: { estimate: -1.5, low: -2.25, high: -0.75 }, hedgesG: { estimate: -1, low: -2, high: 0 }, cliffsDelta: { estimate: -0.5, low: -1, high: 0 },
  pABeatsB: { estimate: share, low: share - 0.2, high: 1 }, reading: `r${a}${b}`,
});
const result = {
  groups: [0, 1, 2].map((i) => ({ label: `g${i}`, title: `#1 g${i}` })),
  correction: 'bonferroni',
  allPairs: [row(0, 1, 0.8, 0.004, true), row(0, 2, 0.4, 0.3, false)],
} as unknown as CompareResult;

describe('compare tables', () => {
  it('formats estimates with their CIs, and missing ones (null over JSON) as a dash', () => {
    expect(fmtEstimate({ estimate: -1.5, low: -2.25, high: -0.75 })).toBe('-1.50 [-2.25, -0.75]');
    expect(fmtEstimate({ estimate: null as unknown as number, low: NaN, high: NaN })).toBe('—');
    expect(fmtShare({ estimate: 0.833, low: 0.6, high: 1 })).toBe('83 % [60, 100]');
  });

  it('fills the all-pairs matrix both ways: the adjusted p, a star when significant, and how often the row wins', () => {
    const m = pairMatrix(result);
    expect(m[0]![1]).toEqual({ text: '0.004 ✱ · 80 %', title: 'r01 (paired by repeat: the same seed in each of 5 repeats)', significant: true });
    expect(m[1]![0]!.text).toBe('0.004 ✱ · 20 %');
    expect(m[2]![0]!.text).toBe('0.300 · 60 %');
    expect(m[0]![0]).toBeNull();
    expect(m[1]![2]).toBeNull(); // not tested
  });

  it('names the correction in the headers and shows the test with its design', () => {
    const cols = rowColumns(result, true);
    expect(cols.map((c) => c.label)).toEqual(['A', 'B', 'test (design)', 'p', 'p (Bonferroni)', 't test p (Bonferroni)', 'mean diff [95% CI]', "Hedges' g", "Cliff's δ", 'P(A beats B)']);
    const r = result.allPairs[0]!;
    expect(cols.find((c) => c.key === 'test')!.value(r)).toBe('Wilcoxon (paired)');
    expect(cols.find((c) => c.key === 'padj')!.value(r)).toBe('0.004 ✱');
    expect(cols.find((c) => c.key === 'a')!.title!(r)).toBe('#1 g0');
  });
});
