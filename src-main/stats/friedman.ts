import jStat from 'jstat';
import { LabError } from '../contract/errors.js';
import { requireFinite } from './checks.js';
import { midranks, tieTerm } from './ranks.js';

/** Result of the Friedman test over N blocks (repeats, or datasets) × k configurations. */
export interface FriedmanResult {
  /** Tie-corrected Friedman χ² (scipy `friedmanchisquare`) on k − 1 df. */
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** Iman–Davenport F = (N − 1)χ² / (N(k − 1) − χ²) on (k − 1, (k − 1)(N − 1)) df, Demšar's recommended form. */
  readonly f: number;
  readonly fPValue: number;
  /** Mean rank of each configuration over the blocks, rank 1 = best (see `higherIsBetter`). */
  readonly averageRanks: readonly number[];
  /** N (blocks) and k (configurations). */
  readonly blocks: number;
  readonly configs: number;
}

/**
 * Friedman's rank test that k ≥ 3 configurations perform alike, over `table[block][config]` (a block is a
 * repeat under one seed, or a dataset; every row has k values). Each row is ranked with midranks, rank 1 for the
 * best value — the largest when `higherIsBetter`, the smallest otherwise (the test itself does not depend on it,
 * the average ranks of a critical-difference diagram do). χ² is divided by the tie correction
 * 1 − Σ(t³ − t)/(N·k·(k² − 1)), as scipy does. NaN statistics when every repeat ties all configurations.
 * Throws a LabError for ragged rows, k < 3 or N < 2.
 */
export function friedman(table: readonly (readonly number[])[], higherIsBetter: boolean): FriedmanResult {
  const n = table.length;
  const k = table[0]?.length ?? 0;
  if (k < 3) throw new LabError('REQUEST_INVALID', `friedman: needs at least 3 configurations (got ${k}); compare two with a paired test`);
  if (n < 2) throw new LabError('REQUEST_INVALID', `friedman: needs at least 2 repeats per configuration (got ${n})`);
  const rankSums = new Array<number>(k).fill(0);
  let ties = 0;
  table.forEach((row, i) => {
    if (row.length !== k) {
      throw new LabError('REQUEST_INVALID', `friedman: repeat ${i} has ${row.length} values, repeat 0 has ${k}; use the repeats every configuration has`);
    }
    requireFinite(row, `friedman: repeat ${i}`);
    const r = midranks(higherIsBetter ? row.map((v) => -v) : row);
    r.ranks.forEach((rank, j) => (rankSums[j]! += rank));
    ties += tieTerm(r.tieSizes);
  });
  const averageRanks = rankSums.map((s) => s / n);
  const correction = 1 - ties / (n * k * (k * k - 1));
  if (correction <= 0) {
    // Every repeat ranks all configurations equal: no evidence either way, and χ² is 0/0.
    return { chiSquare: NaN, df: k - 1, pValue: NaN, f: NaN, fPValue: NaN, averageRanks, blocks: n, configs: k };
  }
  const sumSq = rankSums.reduce((s, r) => s + r * r, 0);
  const chiSquare = ((12 / (n * k * (k + 1))) * sumSq - 3 * n * (k + 1)) / correction;
  const df = k - 1;
  const pValue = 1 - jStat.chisquare.cdf(chiSquare, df);
  const denominator = n * (k - 1) - chiSquare;
  const f = denominator > 0 ? ((n - 1) * chiSquare) / denominator : Infinity;
  const fPValue = denominator > 0 ? 1 - jStat.centralF.cdf(f, k - 1, (k - 1) * (n - 1)) : 0;
  return { chiSquare, df, pValue, f, fPValue, averageRanks, blocks: n, configs: k };
}
