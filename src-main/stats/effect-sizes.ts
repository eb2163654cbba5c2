import { mean, variance } from 'd3-array';
import jStat from 'jstat';

/**
 * Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2)·Γ((df − 1)/2)), the exact form
 * (≈ 1 − 3/(4·df − 1)); NaN for df ≤ 1.
 */
export function hedgesCorrection(df: number): number {
  if (!(df > 1)) return NaN;
  return Math.exp(jStat.gammaln(df / 2) - jStat.gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
}

/**
 * Hedges' g of A − B: (mean(a) − mean(b)) / s_pooled × J(nA + nB − 2), with
 * s_pooled = √(((nA − 1)s²A + (nB − 1)s²B)/(nA + nB − 2)). The standardiser is the pooled SD of the two samples
 * in a paired design too, so g means the same whether or not seeds were shared (pairing narrows its CI only).
 * NaN below 2 values per side, or when both samples are constant.
 */
export function hedgesG(a: readonly number[], b: readonly number[]): number {
  const na = a.length;
  const nb = b.length;
  if (na < 2 || nb < 2) return NaN;
  const df = na + nb - 2;
  const pooled = Math.sqrt(((na - 1) * (variance(a) ?? NaN) + (nb - 1) * (variance(b) ?? NaN)) / df);
  if (pooled === 0) return NaN;
  return (((mean(a) ?? NaN) - (mean(b) ?? NaN)) / pooled) * hedgesCorrection(df);
}

/**
 * P(A > B) with ties counting ½. Unpaired: over all nA·nB pairs (a_i, b_j) — U/(nA·nB), the "common-language"
 * effect size. Paired: over the n pairs (a_i, b_i) that share a seed — the fraction of repeats A wins.
 * O(nA·nB), fine for repeats (tens to hundreds). NaN for an empty sample.
 */
export function probabilityOfSuperiority(a: readonly number[], b: readonly number[], paired: boolean): number {
  let wins = 0;
  let count = 0;
  const score = (x: number, y: number) => {
    wins += x > y ? 1 : x === y ? 0.5 : 0;
    count++;
  };
  if (paired) for (let i = 0; i < Math.min(a.length, b.length); i++) score(a[i]!, b[i]!);
  else for (const x of a) for (const y of b) score(x, y);
  return count === 0 ? NaN : wins / count;
}

/**
 * Cliff's δ of A vs B = P(A > B) − P(A < B) over all nA·nB pairs = 2U/(nA·nB) − 1, in [−1, 1].
 * Hand-written: no maintained npm package has it (REFERENCE.md). NaN for an empty sample.
 */
export function cliffsDelta(a: readonly number[], b: readonly number[]): number {
  return 2 * probabilityOfSuperiority(a, b, false) - 1;
}
