import type { CompareCorrection, CompareEstimate, CompareRow, CompareTest, CompareTestName } from '../contract/compare.js';
import type { BootstrapOptions, Design } from './bootstrap.js';
import { effectSizes } from './effect-size-cis.js';
import { adjustP } from './p-adjust.js';
import { plainReading } from './plain-reading.js';
import { runTwoSampleTest } from './two-sample-test.js';

/** One compared group: a configuration's (or an experiment's) values of the metric, one per repeat (in repeat order when paired). */
export interface Group {
  readonly label: string;
  readonly values: readonly number[];
}

/** One planned comparison of a family: groups[a] (A) against groups[b] (B), with the design found for the pair. */
export interface PlannedComparison {
  readonly a: number;
  readonly b: number;
  readonly design: Design;
  /** Why the pair is (un)paired, in words (kept on the row). */
  readonly pairing: string;
  /**
   * Paired cross-validation units: the number of folds K. Their differences are not independent (every training
   * set shares K − 2 folds with another), so the t test beside the rank test is Nadeau & Bengio's corrected
   * resampled t (n_test/n_train = 1/(K − 1)), as Weka's Experimenter uses, instead of the plain paired t.
   */
  readonly folds?: number;
}

/** How a family is corrected, read and bootstrapped. */
export interface FamilyOptions {
  readonly lowerIsBetter: boolean;
  readonly correction: CompareCorrection;
  readonly alpha: number;
  readonly bootstrap: BootstrapOptions;
}

/** The rank test a row's reading quotes, and the t test shown beside it, by design. */
export const DEFAULT_TESTS: Readonly<Record<Design, { readonly primary: CompareTestName; readonly secondary: CompareTestName }>> = {
  paired: { primary: 'wilcoxon', secondary: 'pairedT' },
  unpaired: { primary: 'mannWhitney', secondary: 'welch' },
};

const NONE: CompareEstimate = { estimate: NaN, low: NaN, high: NaN };

/**
 * Tests one family of comparisons whose rows may differ in design (a grid's configurations pair by repeat, an
 * unrelated experiment does not): each row gets its design's rank test (Wilcoxon signed-rank paired, Mann–Whitney U
 * unpaired — robust to the skewed, outlier-prone spread of repeated trainings, and what the reading quotes) and its
 * t test (paired t / Welch) beside it; each of the two is corrected over the whole family. Effect sizes come from
 * `effectSizes` (t CI of the mean difference; seeded percentile bootstrap for Hedges' g, Cliff's δ and P(A > B)),
 * P(A beats B) turned to the metric's direction. A row with fewer than 2 values on a side is not tested (NaN p,
 * left out of the correction) and says so.
 */
export function testFamily(groups: readonly Group[], rows: readonly PlannedComparison[], options: FamilyOptions): CompareRow[] {
  const testable = rows.map((r) => groups[r.a]!.values.length >= 2 && groups[r.b]!.values.length >= 2);
  const tests = rows.map((r, i) => {
    const cv = r.design === 'paired' && r.folds !== undefined && r.folds >= 2;
    const names = cv ? { primary: DEFAULT_TESTS.paired.primary, secondary: 'correctedT' as const } : DEFAULT_TESTS[r.design];
    const [a, b] = [groups[r.a]!.values, groups[r.b]!.values];
    const nan = { statistic: NaN, pValue: NaN };
    return { names, primary: testable[i] ? runTwoSampleTest(names.primary, a, b) : nan, secondary: testable[i] ? runTwoSampleTest(names.secondary, a, b, r.folds) : nan };
  });
  const primaryAdjusted = adjustP(tests.map((t) => t.primary.pValue), options.correction, options.alpha);
  const secondaryAdjusted = adjustP(tests.map((t) => t.secondary.pValue), options.correction, options.alpha);
  return rows.map((r, i) => {
    const t = tests[i]!;
    const [A, B] = [groups[r.a]!, groups[r.b]!];
    const primary: CompareTest = { test: t.names.primary, ...t.primary, adjustedP: primaryAdjusted.adjusted[i]!, significant: primaryAdjusted.significant[i]! };
    const secondary: CompareTest = { test: t.names.secondary, ...t.secondary, adjustedP: secondaryAdjusted.adjusted[i]!, significant: secondaryAdjusted.significant[i]! };
    if (!testable[i]) {
      return {
        ...r, primary, secondary, meanDiff: NONE, hedgesG: NONE, cliffsDelta: NONE, pABeatsB: NONE,
        reading: `${A.label} vs ${B.label}: too few finished repeats to test (${A.values.length} and ${B.values.length}; at least 2 each)`,
      };
    }
    const e = effectSizes(A.values, B.values, r.design, options.bootstrap);
    const greater = e.pSuperiority;
    const pABeatsB = options.lowerIsBetter
      ? { estimate: 1 - greater.estimate, low: 1 - greater.ci.high, high: 1 - greater.ci.low }
      : { estimate: greater.estimate, low: greater.ci.low, high: greater.ci.high };
    return {
      ...r,
      primary,
      secondary,
      meanDiff: { estimate: e.meanDiff.meanDiff, low: e.meanDiff.ciLow, high: e.meanDiff.ciHigh },
      hedgesG: { estimate: e.hedgesG.estimate, low: e.hedgesG.ci.low, high: e.hedgesG.ci.high },
      cliffsDelta: { estimate: e.cliffsDelta.estimate, low: e.cliffsDelta.ci.low, high: e.cliffsDelta.ci.high },
      pABeatsB,
      reading: plainReading({
        nameA: A.label,
        nameB: B.label,
        pAGreater: greater.estimate,
        paired: r.design === 'paired',
        lowerIsBetter: options.lowerIsBetter,
        pValue: primary.adjustedP,
        correction: options.correction,
        alpha: options.alpha,
      }),
    };
  });
}
