import jStat from 'jstat';
import { LabError } from '../contract/errors.js';

/** The significance levels Demšar (2006) tabulates the Nemenyi critical values for. */
export type NemenyiAlpha = 0.05 | 0.1;

/**
 * Demšar (2006), Table 5(a): critical values q_α of the two-tailed Nemenyi test for k = 2..10 configurations
 * (the studentized range statistic at infinite df divided by √2). Hand-copied because no maintained npm package
 * has Nemenyi; the test checks it against scipy's `studentized_range.ppf(1 − α, k, ∞)/√2`.
 */
const Q_ALPHA: Record<NemenyiAlpha, readonly number[]> = {
  0.05: [1.96, 2.343, 2.569, 2.728, 2.85, 2.949, 3.031, 3.102, 3.164],
  0.1: [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.78, 2.855, 2.92],
};

/** Demšar's q_α for k configurations (2 ≤ k ≤ 10). Throws a LabError outside the table. */
export function nemenyiQ(k: number, alpha: NemenyiAlpha): number {
  const q = Number.isInteger(k) ? Q_ALPHA[alpha]?.[k - 2] : undefined;
  if (q === undefined) {
    throw new LabError('REQUEST_INVALID', `nemenyi: q_α is tabulated for 2–10 configurations at α 0.05 or 0.10 (got k = ${k}, α = ${alpha}); compare fewer configurations`);
  }
  return q;
}

/** Nemenyi critical difference of average ranks, CD = q_α·√(k(k + 1)/(6N)), for k configurations over N blocks. */
export function criticalDifference(k: number, blocks: number, alpha: NemenyiAlpha): number {
  return nemenyiQ(k, alpha) * Math.sqrt((k * (k + 1)) / (6 * blocks));
}

/** What a critical-difference diagram draws. */
export interface CriticalDifferenceDiagram {
  /** Average rank of each configuration, in the caller's order (rank 1 = best). */
  readonly averageRanks: readonly number[];
  /** Configuration indices from best (lowest average rank) to worst: the order along the diagram's axis. */
  readonly order: readonly number[];
  readonly cd: number;
  readonly alpha: NemenyiAlpha;
  /**
   * Maximal runs of configurations (indices, best first, at least two) whose average ranks differ by less
   * than CD: each is one bar joining configurations that are not significantly different.
   */
  readonly cliques: readonly (readonly number[])[];
  /** significant[i][j]: |rank_i − rank_j| ≥ CD (Demšar: "differ by at least the critical difference"). */
  readonly significant: readonly (readonly boolean[])[];
  /**
   * pValues[i][j]: Nemenyi p of the pair, P(Q ≥ √2·|rank_i − rank_j| / √(k(k + 1)/(6N))) for the studentized
   * range Q of k means at infinite df (jstat's `tukey`); 1 on the diagonal. Already adjusted for the k(k − 1)/2
   * pairs — do not correct them again.
   */
  readonly pValues: readonly (readonly number[])[];
}

/**
 * Nemenyi post-hoc comparison after a Friedman test (Demšar 2006, §3.2.2): from the average ranks of k
 * configurations over `blocks` blocks, the CD at `alpha`, the pairs whose ranks differ by at least CD, and the
 * cliques of a CD diagram (for each configuration in rank order, the run of those within CD of it, kept when it
 * is not inside the previous run).
 */
export function nemenyi(averageRanks: readonly number[], blocks: number, alpha: NemenyiAlpha = 0.05): CriticalDifferenceDiagram {
  const k = averageRanks.length;
  const cd = criticalDifference(k, blocks, alpha);
  const order = averageRanks.map((_, i) => i).sort((x, y) => averageRanks[x]! - averageRanks[y]! || x - y);
  const significant = averageRanks.map((ri) => averageRanks.map((rj) => Math.abs(ri - rj) >= cd));
  const cliques: number[][] = [];
  let lastEnd = -1;
  for (let start = 0; start < k; start++) {
    let end = start;
    while (end + 1 < k && averageRanks[order[end + 1]!]! - averageRanks[order[start]!]! < cd) end++;
    if (end > start && end > lastEnd) {
      cliques.push(order.slice(start, end + 1));
      lastEnd = end;
    }
  }
  const se = Math.sqrt((k * (k + 1)) / (6 * blocks));
  const pValues = averageRanks.map((ri, i) =>
    averageRanks.map((rj, j) => (i === j ? 1 : Math.min(1, 1 - jStat.tukey.cdf((Math.SQRT2 * Math.abs(ri - rj)) / se, k, Infinity)))),
  );
  return { averageRanks, order, cd, alpha, cliques, significant, pValues };
}
