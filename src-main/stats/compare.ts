import jStat from 'jstat';
import { mean, variance } from 'd3-array';

/** Difference of two groups' means with Welch's t test: estimate, 95 % CI and two-sided p-value. */
export interface WelchResult {
  readonly meanDiff: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly pValue: number;
}

/**
 * Welch's unequal-variance t test of mean(a) − mean(b): CI = diff ± t(0.975, ν)·se with the
 * Welch–Satterthwaite ν. NaN CI and p when either group has fewer than 2 values; p = 1 when both are constant and equal.
 */
export function welch(a: readonly number[], b: readonly number[]): WelchResult {
  const meanDiff = (mean(a) ?? NaN) - (mean(b) ?? NaN);
  if (a.length < 2 || b.length < 2) return { meanDiff, ciLow: NaN, ciHigh: NaN, pValue: NaN };
  const va = (variance(a) ?? 0) / a.length;
  const vb = (variance(b) ?? 0) / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { meanDiff, ciLow: meanDiff, ciHigh: meanDiff, pValue: meanDiff === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = jStat.studentt.inv(0.975, df);
  const pValue = 2 * (1 - jStat.studentt.cdf(Math.abs(meanDiff / se), df));
  return { meanDiff, ciLow: meanDiff - t * se, ciHigh: meanDiff + t * se, pValue };
}
