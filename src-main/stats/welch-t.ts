import { mean, variance } from 'd3-array';
import { requireFinite } from './checks.js';
import { tTestFrom, type TTestResult } from './t-test.js';

/**
 * Welch's unequal-variance t test of mean(a) − mean(b) (scipy `ttest_ind(a, b, equal_var=False)`), with the
 * Welch–Satterthwaite df and a `level` CI. Unpaired: use it when repeats of A and B do not share seeds.
 * NaN t, p and CI when either sample has fewer than 2 values.
 */
export function welchT(a: readonly number[], b: readonly number[], level = 0.95): TTestResult {
  requireFinite(a, 'welchT: sample A');
  requireFinite(b, 'welchT: sample B');
  const meanDiff = (mean(a) ?? NaN) - (mean(b) ?? NaN);
  if (a.length < 2 || b.length < 2) return tTestFrom(meanDiff, NaN, NaN, level);
  const va = (variance(a) ?? 0) / a.length;
  const vb = (variance(b) ?? 0) / b.length;
  const se = Math.sqrt(va + vb);
  const df = se === 0 ? a.length + b.length - 2 : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return tTestFrom(meanDiff, se, df, level);
}
