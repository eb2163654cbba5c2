import jStat from 'jstat';
import { LabError } from '../contract/errors.js';
import { requirePaired } from './checks.js';
import { signedRankCounts, twoSidedFromCounts } from './exact-distributions.js';
import type { RankTestMethod } from './mann-whitney.js';
import { hasTies, midranks, tieTerm } from './ranks.js';

/**
 * What to do with zero differences (a[i] = b[i]): 'wilcox' (default, scipy's) drops them before ranking;
 * 'pratt' ranks them with the others, then drops their ranks (and corrects the normal mean and variance).
 */
export type ZeroMethod = 'wilcox' | 'pratt';

/** Options of {@link wilcoxon}. */
export interface WilcoxonOptions {
  readonly zeroMethod?: ZeroMethod;
  /**
   * 'auto' (default, scipy's rule): exact when there are no ties or zeros and at most 50 pairs; with ties or
   * zeros, the exact conditional law of the midranks up to 13 pairs (what scipy's permutation test enumerates);
   * asymptotic otherwise. 'exact' always uses the exact (conditional) law.
   */
  readonly method?: 'auto' | RankTestMethod;
  /** Continuity correction of the normal approximation (default false, as scipy). */
  readonly continuity?: boolean;
}

/** Result of a two-sided Wilcoxon signed-rank test. */
export interface WilcoxonResult {
  /** min(R+, R−), scipy's two-sided statistic. */
  readonly statistic: number;
  /** Sum of the ranks of positive differences a − b. */
  readonly rPlus: number;
  readonly rMinus: number;
  /** Standardised R+ of the normal approximation (NaN for the exact method). */
  readonly z: number;
  readonly pValue: number;
  readonly method: RankTestMethod;
  /** Number of pairs, and how many of them had a zero difference. */
  readonly n: number;
  readonly zeros: number;
  readonly zeroMethod: ZeroMethod;
}

/**
 * Two-sided Wilcoxon signed-rank test of paired samples (scipy `wilcoxon(a, b)`): a[i] and b[i] are repeat i of
 * A and B under the same seed. Midranks of |a − b|; the normal approximation uses
 * mean n(n+1)/4 and variance (n(n+1)(2n+1) − Σ(t³ − t)/2)/24 — with 'pratt', minus the zeros' share
 * n₀(n₀+1)/4 and n₀(n₀+1)(2n₀+1)/24, and the zeros' tie group left out. p = 1 when every difference is zero.
 * Throws a LabError when the lengths differ or a value is not finite.
 */
export function wilcoxon(a: readonly number[], b: readonly number[], options: WilcoxonOptions = {}): WilcoxonResult {
  requirePaired(a, b, 'wilcoxon');
  const zeroMethod = options.zeroMethod ?? 'wilcox';
  const diffs = a.map((v, i) => v - b[i]!);
  const zeros = diffs.filter((d) => d === 0).length;
  const ranked = zeroMethod === 'wilcox' ? diffs.filter((d) => d !== 0) : diffs;
  const { ranks, tieSizes } = midranks(ranked.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  const nonZeroRanks: number[] = [];
  ranked.forEach((d, i) => {
    if (d > 0) rPlus += ranks[i]!;
    if (d < 0) rMinus += ranks[i]!;
    if (d !== 0) nonZeroRanks.push(ranks[i]!);
  });
  const base = { statistic: Math.min(rPlus, rMinus), rPlus, rMinus, n: a.length, zeros, zeroMethod };
  if (nonZeroRanks.length === 0) return { ...base, z: NaN, pValue: 1, method: 'exact' };
  const tiesOrZeros = hasTies(tieSizes) || zeros > 0;
  const method = options.method ?? 'auto';
  const chosen: RankTestMethod =
    method !== 'auto' ? method : (!tiesOrZeros && a.length <= 50) || (tiesOrZeros && a.length <= 13) ? 'exact' : 'asymptotic';
  if (chosen === 'exact') {
    // The exact law costs about n³ steps: fine for repeats, not for thousands of pairs.
    if (nonZeroRanks.length > 400) {
      throw new LabError('REQUEST_INVALID', `wilcoxon: the exact method is limited to 400 non-zero differences (got ${nonZeroRanks.length}); use method 'asymptotic' or 'auto'`);
    }
    return { ...base, z: NaN, pValue: twoSidedFromCounts(signedRankCounts(nonZeroRanks), 2 * rPlus), method: chosen };
  }
  const count = ranked.length;
  let mean = (count * (count + 1)) / 4;
  let varianceTimes24 = count * (count + 1) * (2 * count + 1);
  let ties = tieTerm(tieSizes);
  if (zeroMethod === 'pratt' && zeros > 0) {
    mean -= (zeros * (zeros + 1)) / 4;
    varianceTimes24 -= zeros * (zeros + 1) * (2 * zeros + 1);
    ties -= zeros ** 3 - zeros; // the zeros are the smallest |d|, so they are the first tie group
  }
  const se = Math.sqrt((varianceTimes24 - ties / 2) / 24);
  let z = (rPlus - mean) / se;
  if (options.continuity) z -= (Math.sign(z) * 0.5) / se;
  return { ...base, z, pValue: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1))), method: chosen };
}
