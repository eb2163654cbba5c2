import { LabError } from '../contract/errors.js';

/** Multiple-comparison corrections: Holm's step-down (the default), Bonferroni, Benjamini–Hochberg (FDR). */
export type Correction = 'holm' | 'bonferroni' | 'bh';

/** Adjusted p-values of a family of comparisons, in the caller's order. */
export interface AdjustedP {
  readonly method: Correction;
  readonly alpha: number;
  /** Adjusted p, capped at 1 and monotone in the raw p; NaN where the raw p is NaN. */
  readonly adjusted: readonly number[];
  /** adjusted[i] ≤ alpha (false for NaN). */
  readonly significant: readonly boolean[];
}

/**
 * Adjusts the raw p-values of one family of comparisons (e.g. every test on a compare page) — R's `p.adjust`:
 * Bonferroni m·p; Holm max over the j ≤ i smallest of (m − j + 1)·p₍ⱼ₎; BH min over the j ≥ i of m·p₍ⱼ₎/j; each
 * capped at 1. NaN p-values (tests that could not be run) are left NaN and do not count in m.
 * Hand-written (15 lines) because `@stdlib/stats-padjust` is not among the project's dependencies.
 * Throws a LabError for a p outside [0, 1] or an α outside (0, 1).
 */
export function adjustP(pValues: readonly number[], method: Correction = 'holm', alpha = 0.05): AdjustedP {
  if (!(alpha > 0 && alpha < 1)) throw new LabError('REQUEST_INVALID', `adjustP: α ${alpha} must lie strictly between 0 and 1 (e.g. 0.05)`);
  const bad = pValues.findIndex((p) => !Number.isNaN(p) && !(p >= 0 && p <= 1));
  if (bad >= 0) throw new LabError('REQUEST_INVALID', `adjustP: p-value ${bad} is ${pValues[bad]}; p-values lie in [0, 1]`);
  const order = pValues.map((_, i) => i).filter((i) => !Number.isNaN(pValues[i])).sort((x, y) => pValues[x]! - pValues[y]!);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  if (method === 'bonferroni') {
    for (const i of order) adjusted[i] = Math.min(1, m * pValues[i]!);
  } else if (method === 'holm') {
    let running = 0;
    order.forEach((i, j) => {
      running = Math.max(running, Math.min(1, (m - j) * pValues[i]!));
      adjusted[i] = running;
    });
  } else {
    let running = 1;
    for (let j = m - 1; j >= 0; j--) {
      const i = order[j]!;
      running = Math.min(running, (m / (j + 1)) * pValues[i]!);
      adjusted[i] = running;
    }
  }
  return { method, alpha, adjusted, significant: adjusted.map((p) => p <= alpha) };
}
