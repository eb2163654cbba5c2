// Exact null distributions of the rank tests. Hand-written because no well-kept npm package ships them
// (@stdlib's wilcoxon has the exact signed-rank law for untied data only, and nothing has Mann–Whitney's);
// both are short generating-function products, checked against scipy's exact p-values in the fixtures.

/**
 * Null distribution of Mann–Whitney's U for samples of sizes m and n without ties: counts[u] = number of the
 * C(m + n, m) arrangements with U = u, u = 0..m·n. These are the coefficients of the Gaussian binomial
 * ∏_{i=1..min} (1 − q^(max+i)) / (1 − q^i), built one factor at a time (each step is again a Gaussian binomial,
 * so every intermediate is a non-negative integer count; float64 keeps them to 1e-16 relative).
 */
export function mannWhitneyCounts(m: number, n: number): Float64Array {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const counts = new Float64Array(m * n + 1);
  counts[0] = 1;
  let degree = 0;
  for (let i = 1; i <= small; i++) {
    degree += large;
    // × (1 − q^(large + i)), highest power first so each coefficient is read before it is changed.
    for (let k = degree; k >= large + i; k--) counts[k]! -= counts[k - large - i]!;
    // ÷ (1 − q^i): running sum with stride i.
    for (let k = i; k <= degree; k++) counts[k]! += counts[k - i]!;
  }
  return counts;
}

/**
 * Null distribution of the signed-rank sum R+ given the ranks of the non-zero |differences|, each sign + or −
 * with probability ½ (exact for untied ranks, and the exact conditional law — the one scipy's permutation test
 * enumerates — for midranks). Ranks are doubled so midranks (k + ½) become integers:
 * counts[s] = number of the 2^n sign patterns with 2·R+ = s, the coefficients of ∏ (1 + q^(2·rank)).
 */
export function signedRankCounts(ranks: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < ranks.length; i++) total += Math.round(2 * ranks[i]!);
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  let degree = 0;
  for (let i = 0; i < ranks.length; i++) {
    const r = Math.round(2 * ranks[i]!);
    degree += r;
    for (let k = degree; k >= r; k--) counts[k]! += counts[k - r]!;
  }
  return counts;
}

/**
 * Two-sided p = min(1, 2·min(P(X ≤ x), P(X ≥ x))) for an observed index x of a discrete law given as counts
 * (x need not be an integer: P(X ≤ x) sums counts up to ⌊x⌋, P(X ≥ x) from ⌈x⌉).
 */
export function twoSidedFromCounts(counts: Float64Array, x: number): number {
  let total = 0;
  let below = 0;
  let above = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    total += c;
    if (k <= x + 1e-9) below += c;
    if (k >= x - 1e-9) above += c;
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}
