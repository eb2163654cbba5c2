import { welchT } from './welch-t.js';

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
 * The compare table's shape; {@link welchT} gives t, df and other levels too.
 */
export function welch(a: readonly number[], b: readonly number[]): WelchResult {
  const { meanDiff, ciLow, ciHigh, pValue } = welchT(a, b, 0.95);
  return { meanDiff, ciLow, ciHigh, pValue };
}
