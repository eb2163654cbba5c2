import { requireFinite } from './checks.js';
import { bootstrapInterval, type BootstrapInterval, type BootstrapOptions, type Design } from './bootstrap.js';
import { cliffsDelta, hedgesG, probabilityOfSuperiority } from './effect-sizes.js';
import { pairedT } from './paired-t.js';
import type { TTestResult } from './t-test.js';
import { welchT } from './welch-t.js';

/** A point estimate with its seeded percentile-bootstrap interval. */
export interface BootstrappedEstimate {
  readonly estimate: number;
  readonly ci: BootstrapInterval;
}

/** Effect sizes of A vs B, each with a CI, for one comparison row. */
export interface EffectSizes {
  readonly design: Design;
  /** Mean difference A − B with its t CI (paired t over a − b, or Welch when unpaired) and that test's p. */
  readonly meanDiff: TTestResult;
  /** Hedges' g (pooled-SD standardiser, exact small-sample correction). */
  readonly hedgesG: BootstrappedEstimate;
  /** Cliff's δ over all nA·nB pairs. */
  readonly cliffsDelta: BootstrappedEstimate;
  /** P(A > B), ties ½: over paired repeats when paired, over all pairs otherwise. */
  readonly pSuperiority: BootstrappedEstimate;
}

/**
 * Every effect size of A vs B with a confidence interval: the mean difference by the t distribution, the rest by
 * one seeded percentile bootstrap each (resampling pairs together when `design` is 'paired'). Reproducible: the
 * same data, design and options give the same numbers. Throws a LabError for non-finite values or (paired)
 * unequal lengths.
 */
export function effectSizes(a: readonly number[], b: readonly number[], design: Design, options: BootstrapOptions): EffectSizes {
  requireFinite(a, 'effectSizes: sample A');
  requireFinite(b, 'effectSizes: sample B');
  const paired = design === 'paired';
  const meanDiff = paired ? pairedT(a, b, options.level ?? 0.95) : welchT(a, b, options.level ?? 0.95);
  const boot = (statistic: (x: readonly number[], y: readonly number[]) => number): BootstrappedEstimate => ({
    estimate: statistic(a, b),
    ci: bootstrapInterval(a, b, design, statistic, options),
  });
  return {
    design,
    meanDiff,
    hedgesG: boot(hedgesG),
    cliffsDelta: boot(cliffsDelta),
    pSuperiority: boot((x, y) => probabilityOfSuperiority(x, y, paired)),
  };
}
