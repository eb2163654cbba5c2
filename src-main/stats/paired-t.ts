import { mean, variance } from 'd3-array';
import { requirePaired } from './checks.js';
import { tTestFrom, type TTestResult } from './t-test.js';

/** The paired differences a[i] − b[i]. */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v - b[i]!);
}

/**
 * Paired t test (scipy `ttest_rel(a, b)`): a[i] and b[i] are repeat i of A and B run with the same seed.
 * t = mean(d) / (sd(d)/√n) on n − 1 df over d = a − b, with a `level` CI of the mean difference.
 * NaN t, p and CI below 2 pairs; throws a LabError when the lengths differ.
 */
export function pairedT(a: readonly number[], b: readonly number[], level = 0.95): TTestResult {
  requirePaired(a, b, 'pairedT');
  const d = pairedDifferences(a, b);
  const meanDiff = mean(d) ?? NaN;
  if (d.length < 2) return tTestFrom(meanDiff, NaN, NaN, level);
  return tTestFrom(meanDiff, Math.sqrt((variance(d) ?? 0) / d.length), d.length - 1, level);
}
