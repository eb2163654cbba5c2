import { quantileSorted } from 'd3-array';
import { createRng } from '../common/rng.js';
import { LabError } from '../contract/errors.js';
import { requireLevel } from './checks.js';

/** Settings of a seeded bootstrap; store them with the result so it can be reproduced. */
export interface BootstrapOptions {
  /** Seed of the resampling (the same seed and data give the same interval, bit for bit). */
  readonly seed: number;
  /** Number of bootstrap resamples (default 2000). */
  readonly resamples?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

/** A percentile bootstrap confidence interval. */
export interface BootstrapInterval {
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly resamples: number;
  readonly seed: number;
  readonly method: 'percentile';
  /** Resamples whose statistic was NaN (e.g. a zero-variance resample for Hedges' g); left out of the quantiles. */
  readonly undefinedResamples: number;
}

/** How the two samples are resampled: 'paired' draws one set of indices for both (pairs stay together). */
export type Design = 'paired' | 'unpaired';

/**
 * Percentile bootstrap CI of `statistic(a*, b*)`: `resamples` times, a* and b* are drawn with replacement —
 * with the same indices for both when `design` is 'paired' (a and b then have equal length), independently
 * otherwise (each keeps its size). The interval is the (1 − level)/2 and (1 + level)/2 quantiles of the
 * statistics by linear interpolation (numpy's default). Percentile, not BCa: BCa's jackknife acceleration is
 * ill-defined for the two-sample, paired-or-not designs used here, and percentile is what Bouthillier et al.
 * use for P(A > B). Hand-written because no npm bootstrap takes a seed (simple-statistics' is unseeded); the
 * numbers come from common/rng (seedrandom's alea, stream "bootstrap").
 */
export function bootstrapInterval(
  a: readonly number[],
  b: readonly number[],
  design: Design,
  statistic: (a: readonly number[], b: readonly number[]) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  requireLevel(level, 'bootstrap');
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new LabError('REQUEST_INVALID', `bootstrap: resamples ${resamples} must be a positive whole number (e.g. 2000)`);
  }
  if (a.length === 0 || b.length === 0) throw new LabError('REQUEST_INVALID', 'bootstrap: both samples need values');
  if (design === 'paired' && a.length !== b.length) {
    throw new LabError('REQUEST_INVALID', `bootstrap: paired samples need equal lengths (A has ${a.length}, B has ${b.length})`);
  }
  const rng = createRng(options.seed, 'bootstrap');
  const sa = new Array<number>(a.length);
  const sb = new Array<number>(b.length);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) {
      const j = rng.int(a.length);
      sa[i] = a[j]!;
      if (design === 'paired') sb[i] = b[j]!;
    }
    if (design === 'unpaired') for (let i = 0; i < b.length; i++) sb[i] = b[rng.int(b.length)]!;
    const s = statistic(sa, sb);
    if (!Number.isNaN(s)) stats.push(s);
  }
  stats.sort((x, y) => x - y);
  const q = (p: number) => (stats.length > 0 ? (quantileSorted(stats, p) ?? NaN) : NaN);
  return {
    low: q((1 - level) / 2),
    high: q((1 + level) / 2),
    level,
    resamples,
    seed: options.seed,
    method: 'percentile',
    undefinedResamples: resamples - stats.length,
  };
}
