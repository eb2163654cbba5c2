import jStat from 'jstat';
import { LabError } from '../contract/errors.js';
import { requireFinite } from './checks.js';
import { mannWhitneyCounts, twoSidedFromCounts } from './exact-distributions.js';
import { hasTies, midranks, tieTerm } from './ranks.js';

/** How a rank test's p-value was computed. */
export type RankTestMethod = 'exact' | 'asymptotic';

/** Result of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of (a, b) pairs with a > b, ties counting ½. */
  readonly u: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** 'exact' (the exact null law of U) or 'asymptotic' (normal with tie and continuity corrections). */
  readonly method: RankTestMethod;
}

/** Options of {@link mannWhitney}. */
export interface MannWhitneyOptions {
  /**
   * 'auto' (default, scipy's rule): exact when there are no ties and the smaller sample has ≤ 8 values,
   * asymptotic otherwise. 'exact' with ties uses the untied law (not tie-corrected, as scipy does).
   */
  readonly method?: 'auto' | RankTestMethod;
}

/**
 * Two-sided Mann–Whitney U test (scipy's `mannwhitneyu(a, b, method=…)`), unpaired: midranks for ties; the exact
 * p is 2·P(U ≥ max(U₁, U₂)) under the exact null law; the asymptotic p uses the tie-corrected variance and a 0.5
 * continuity correction. Written here because no well-kept JS statistics package ships it with p-values (jstat and
 * simple-statistics stop at the rank sum). Throws a LabError on an empty sample or a non-finite value.
 */
export function mannWhitney(a: readonly number[], b: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new LabError('REQUEST_INVALID', 'mannWhitney: both samples need values');
  requireFinite(a, 'mannWhitney: sample A');
  requireFinite(b, 'mannWhitney: sample B');
  const { ranks, tieSizes } = midranks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i]!;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const method = options.method ?? 'auto';
  const chosen: RankTestMethod =
    method !== 'auto' ? method : Math.min(n1, n2) <= 8 && !hasTies(tieSizes) ? 'exact' : 'asymptotic';
  if (chosen === 'exact') {
    // The exact law costs min(n1, n2)·n1·n2 steps (and its counts overflow float64 past ~500 per side).
    if (Math.min(n1, n2) * n1 * n2 > 5e7) {
      throw new LabError('REQUEST_INVALID', `mannWhitney: the exact method is limited to small samples (got ${n1} and ${n2} values); use method 'asymptotic' or 'auto'`);
    }
    // scipy truncates a tied (half-integer) U to an integer before looking it up.
    const uMax = Math.floor(Math.max(u, n1 * n2 - u));
    return { u, pValue: twoSidedFromCounts(mannWhitneyCounts(n1, n2), uMax), method: chosen };
  }
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm(tieSizes) / (n * (n - 1))));
  if (sd === 0 || !Number.isFinite(sd)) return { u, pValue: 1, method: chosen };
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / sd;
  return { u, pValue: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.max(z, 0), 0, 1))), method: chosen };
}
