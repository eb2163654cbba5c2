import jStat from 'jstat';
import { requireLevel } from './checks.js';

/** A two-sided t test of a mean difference: estimate, t, degrees of freedom, p and a confidence interval. */
export interface TTestResult {
  /** The estimated mean difference (A − B, or the mean of the paired differences). */
  readonly meanDiff: number;
  /** meanDiff / standard error; NaN when it cannot be formed. */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Confidence level of [ciLow, ciHigh], e.g. 0.95. */
  readonly level: number;
}

/**
 * The t test for an estimate `meanDiff` with standard error `se` on `df` degrees of freedom (Student t from jstat):
 * CI = meanDiff ± t(1 − (1 − level)/2, df)·se, p = 2·P(T > |t|). NaN t, p and CI when se or df is not positive
 * and finite, except se = 0: then the CI collapses to the estimate and p = 1 for a zero difference, 0 otherwise
 * (constant samples — the convention compare.ts has always used).
 */
export function tTestFrom(meanDiff: number, se: number, df: number, level: number): TTestResult {
  requireLevel(level, 't test');
  if (!(df > 0) || !Number.isFinite(se) || !Number.isFinite(meanDiff)) {
    return { meanDiff, t: NaN, df, pValue: NaN, ciLow: NaN, ciHigh: NaN, level };
  }
  if (se === 0) {
    return { meanDiff, t: NaN, df, pValue: meanDiff === 0 ? 1 : 0, ciLow: meanDiff, ciHigh: meanDiff, level };
  }
  const t = meanDiff / se;
  const q = jStat.studentt.inv(1 - (1 - level) / 2, df);
  const pValue = Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)));
  return { meanDiff, t, df, pValue, ciLow: meanDiff - q * se, ciHigh: meanDiff + q * se, level };
}
