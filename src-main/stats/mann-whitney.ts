import jStat from 'jstat';

/** Result of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample. */
  readonly u: number;
  /** Two-sided p-value (normal approximation with tie and continuity corrections). */
  readonly pValue: number;
}

/**
 * Two-sided Mann–Whitney U test (scipy's `mannwhitneyu(a, b, method='asymptotic')`): midranks for ties,
 * the tie-corrected variance and a 0.5 continuity correction. Written here because no well-kept JS statistics
 * package ships it with p-values (jstat and simple-statistics stop at the rank sum); ~20 lines, tested by hand.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitney: both samples need values');
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.first) rankSumA += midrank;
    const t = j - i;
    tieTerm += t ** 3 - t;
    i = j;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sd === 0) return { u, pValue: 1 };
  const z = (Math.abs(u - mean) - 0.5) / sd;
  return { u, pValue: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.max(z, 0), 0, 1))) };
}
