import { z } from 'zod';
import type { Summary } from './results.js';

/**
 * The comparison a compare page (and `rnnlab compare`) shows: groups (an experiment, or one configuration of a
 * grid), each group's summary, the tests of every group against a reference and of all pairs, effect sizes beside
 * every p, a plain reading, and Friedman + Nemenyi ranks when three or more groups are paired.
 */

/** Multiple-comparison corrections a page may ask for (Holm by default). */
export const CORRECTIONS = ['holm', 'bonferroni', 'bh'] as const;
export const CompareCorrection = z.enum(CORRECTIONS);
export type CompareCorrection = z.infer<typeof CompareCorrection>;

/** Human names of the corrections, for headers and captions. */
export const CORRECTION_LABELS: Readonly<Record<CompareCorrection, string>> = { holm: 'Holm', bonferroni: 'Bonferroni', bh: 'Benjamini–Hochberg' };

/** Two-sample tests a comparison row reports: a rank test (the default reading) and a t test beside it. */
export type CompareTestName = 'wilcoxon' | 'mannWhitney' | 'pairedT' | 'welch' | 'correctedT';

/** Human names of the tests. */
export const TEST_LABELS: Readonly<Record<CompareTestName, string>> = {
  wilcoxon: 'Wilcoxon signed-rank',
  mannWhitney: 'Mann–Whitney U',
  pairedT: 'paired t',
  welch: "Welch's t",
  correctedT: 'corrected resampled t (Nadeau & Bengio)',
};

/** One unit of a group: a finished repeat (1-based) and, under cross-validation, its fold; with its seed. */
export interface CompareUnit {
  readonly repeat: number;
  readonly fold?: number;
  readonly seed: number;
}

/** One compared group: an experiment, or one configuration of a grid. */
export interface CompareGroup {
  /** The parameters that differ between the compared groups, e.g. `units=1, epochs=1000` (or `#3 name` if none). */
  readonly label: string;
  /** Where the group comes from, in full: `#3 shampoo-grid · configuration 2 of 6 (units=1, epochs=1000)`. */
  readonly title: string;
  readonly experimentId: number;
  readonly experimentName: string;
  readonly configIndex: number;
  /** The group's value of each differing parameter, by path (`model.layers[0].lstm.units` → `1`). */
  readonly params: Readonly<Record<string, string>>;
  /** The metric of each finished unit, in unit order (repeat, then fold). */
  readonly values: readonly number[];
  /** The units the values come from, aligned with `values`. */
  readonly units: readonly CompareUnit[];
  /** describe() + SEM + 95 % t CI of `values` (the median is q50, the IQR q75 − q25). */
  readonly summary: Summary;
  /** Baseline metric values of this group, by baseline name. */
  readonly baselines: Readonly<Record<string, number>>;
}

/** A parameter that differs between the compared groups: its path and each group's value ('—' when absent). */
export interface CompareDifferingParameter {
  readonly path: string;
  readonly values: readonly string[];
}

/** One test of a comparison row: the statistic, raw p, p adjusted over the row's family, significance at α. */
export interface CompareTest {
  readonly test: CompareTestName;
  /** min(R+, R−) (Wilcoxon), U of A (Mann–Whitney) or t (t tests). */
  readonly statistic: number;
  readonly pValue: number;
  readonly adjustedP: number;
  readonly significant: boolean;
}

/** An estimate with a confidence interval. */
export interface CompareEstimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** One comparison: group `a` (A) against group `b` (B). */
export interface CompareRow {
  readonly a: number;
  readonly b: number;
  /** Paired when both groups have the same units with the same seed for every one (common random numbers). */
  readonly design: 'paired' | 'unpaired';
  /** Why, in words: "paired by repeat: the same seed in each of 30 repeats" / "unpaired: repeat 1 has seed … in A, … in B". */
  readonly pairing: string;
  /** The test the reading quotes: Wilcoxon signed-rank when paired, Mann–Whitney U otherwise. */
  readonly primary: CompareTest;
  /** The t test beside it: paired t when paired, Welch's t otherwise (corrected over its own family). */
  readonly secondary: CompareTest;
  /** Mean difference A − B with the t test's 95 % CI. */
  readonly meanDiff: CompareEstimate;
  /** Hedges' g and Cliff's δ of A vs B in the metric's raw direction (positive: A larger), with bootstrap CIs. */
  readonly hedgesG: CompareEstimate;
  readonly cliffsDelta: CompareEstimate;
  /** P(A beats B) in the metric's direction (a lower RMSE beats a higher one), ties ½, with a bootstrap CI. */
  readonly pABeatsB: CompareEstimate;
  /** e.g. "units=1 beats units=4 in 83 % of paired repeats; Holm-adjusted p = 0.004; significant at α = 0.05". */
  readonly reading: string;
}

/** Friedman's test over ≥ 3 paired groups and the Nemenyi critical-difference diagram's data. */
export interface CompareRanks {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** Iman–Davenport F and its p. */
  readonly f: number;
  readonly fPValue: number;
  /** N (paired units) and k (groups). */
  readonly blocks: number;
  /** Average rank of each group (1 = best in the metric's direction), in group order. */
  readonly averageRanks: readonly number[];
  /** Group indices, best first. */
  readonly order: readonly number[];
  /** Nemenyi critical difference of average ranks at `alpha` (0.05 or 0.10, Demšar's tables). */
  readonly cd: number;
  readonly alpha: number;
  /** Runs of groups (best first) within CD of each other: one bar each on the diagram. */
  readonly cliques: readonly (readonly number[])[];
  /** Nemenyi p of each pair (already adjusted for all pairs). */
  readonly pValues: readonly (readonly number[])[];
}

/** Everything a compare page shows. */
export interface CompareResult {
  readonly metric: string;
  /** False for errors and losses (RMSE, MAE, loss): the smaller value wins. */
  readonly higherIsBetter: boolean;
  readonly reference: number;
  readonly correction: CompareCorrection;
  readonly alpha: number;
  /** How the effect sizes' CIs were drawn (the same data and settings give the same intervals). */
  readonly bootstrap: { readonly method: 'percentile'; readonly seed: number; readonly resamples: number; readonly level: number };
  /** Paired when every row is paired, unpaired when none is, mixed otherwise. */
  readonly design: 'paired' | 'unpaired' | 'mixed';
  readonly groups: readonly CompareGroup[];
  readonly differing: readonly CompareDifferingParameter[];
  /** Every group but the reference against the reference: one family for the correction. */
  readonly againstReference: readonly CompareRow[];
  /** All pairs a < b: another family (empty when there are too many groups; see `notes`). */
  readonly allPairs: readonly CompareRow[];
  /** Friedman + Nemenyi when ≥ 3 groups are all paired; null otherwise (see `notes`). */
  readonly ranks: CompareRanks | null;
  /** Plain-language notes on what was (not) done and why. */
  readonly notes: readonly string[];
}
