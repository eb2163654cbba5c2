import { LabError } from '../contract/errors.js';
import type { BootstrapOptions, Design } from './bootstrap.js';
import { effectSizes, type EffectSizes } from './effect-size-cis.js';
import { adjustP, type Correction } from './p-adjust.js';
import { plainReading } from './plain-reading.js';
import { runTwoSampleTest } from './two-sample-test.js';

/** Two-sample tests by design: paired (same seed per repeat) or unpaired. */
export const PAIRED_TESTS = ['pairedT', 'wilcoxon'] as const;
export const UNPAIRED_TESTS = ['welch', 'mannWhitney'] as const;
export type TwoSampleTest = (typeof PAIRED_TESTS)[number] | (typeof UNPAIRED_TESTS)[number];

/** One compared group: a configuration's values of the metric, one per repeat (in repeat order when paired). */
export interface Group {
  readonly label: string;
  readonly values: readonly number[];
}

/** How a family of comparisons is tested, corrected and described. */
export interface ComparisonOptions {
  readonly design: Design;
  /** Default: 'pairedT' for paired designs, 'welch' for unpaired. */
  readonly test?: TwoSampleTest;
  /** True for metrics such as RMSE or loss (only the wording of the reading depends on it). */
  readonly lowerIsBetter: boolean;
  /** Correction over every row of the family (default 'holm'). */
  readonly correction?: Correction;
  /** Significance level of the adjusted p (default 0.05). */
  readonly alpha?: number;
  /** Seed (and size) of the effect sizes' bootstrap CIs. */
  readonly bootstrap: BootstrapOptions;
}

/** One row of a comparison table: A = groups[a] against B = groups[b]. */
export interface ComparisonRow {
  readonly a: number;
  readonly b: number;
  readonly test: TwoSampleTest;
  /** t (t tests), U of A (Mann–Whitney) or min(R+, R−) (Wilcoxon). */
  readonly statistic: number;
  readonly pValue: number;
  readonly adjustedP: number;
  readonly significant: boolean;
  readonly effects: EffectSizes;
  /** e.g. "A beats B in 83 % of paired repeats; Holm-adjusted p = 0.004; significant at α = 0.05". */
  readonly reading: string;
}

/**
 * Tests, effect sizes, corrected p and a reading for the given (a, b) index pairs of `groups`, the correction
 * taken over exactly these rows. Throws a LabError when the test does not fit the design (a paired test on an
 * unpaired design or the reverse) or an index is out of range.
 */
export function compareRows(groups: readonly Group[], pairs: readonly (readonly [number, number])[], options: ComparisonOptions): ComparisonRow[] {
  const paired = options.design === 'paired';
  const test = options.test ?? (paired ? 'pairedT' : 'welch');
  const fits = paired ? (PAIRED_TESTS as readonly string[]).includes(test) : (UNPAIRED_TESTS as readonly string[]).includes(test);
  if (!fits) {
    const allowed = (paired ? PAIRED_TESTS : UNPAIRED_TESTS).join(' or ');
    throw new LabError('REQUEST_INVALID', `compare: test '${test}' does not fit a ${options.design} design; use ${allowed}`);
  }
  for (const [a, b] of pairs) {
    if (!groups[a] || !groups[b]) throw new LabError('REQUEST_INVALID', `compare: group ${groups[a] ? b : a} is out of range; pick 0–${groups.length - 1}`);
  }
  const correction = options.correction ?? 'holm';
  const alpha = options.alpha ?? 0.05;
  const raw = pairs.map(([a, b]) => runTwoSampleTest(test, groups[a]!.values, groups[b]!.values));
  const adjusted = adjustP(raw.map((r) => r.pValue), correction, alpha);
  return pairs.map(([a, b], i) => {
    const effects = effectSizes(groups[a]!.values, groups[b]!.values, options.design, options.bootstrap);
    const adjustedP = adjusted.adjusted[i]!;
    return {
      a,
      b,
      test,
      statistic: raw[i]!.statistic,
      pValue: raw[i]!.pValue,
      adjustedP,
      significant: adjusted.significant[i]!,
      effects,
      reading: plainReading({
        nameA: groups[a]!.label,
        nameB: groups[b]!.label,
        pAGreater: effects.pSuperiority.estimate,
        paired,
        lowerIsBetter: options.lowerIsBetter,
        pValue: adjustedP,
        correction,
        alpha,
      }),
    };
  });
}

/** Every other group against `groups[reference]` (the reference is not compared with itself), one family. */
export function compareAgainstReference(groups: readonly Group[], reference: number, options: ComparisonOptions): ComparisonRow[] {
  if (!groups[reference]) throw new LabError('REQUEST_INVALID', `compare: reference ${reference} is out of range; pick 0–${groups.length - 1}`);
  const pairs = groups.map((_, i) => [i, reference] as const).filter(([i]) => i !== reference);
  return compareRows(groups, pairs, options);
}

/** All k(k − 1)/2 pairs (i < j) of groups as one family: the all-pairs matrix of a compare page. */
export function compareAllPairs(groups: readonly Group[], options: ComparisonOptions): ComparisonRow[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs.push([i, j]);
  return compareRows(groups, pairs, options);
}
