import { deviation, mean, quantileSorted } from 'd3-array';
import jStat from 'jstat';
import type { Describe, Summary } from '../contract/results.js';

/**
 * pandas `Series.describe()` of finite values: count, mean, sample std (n − 1), min, 25/50/75 %
 * quantiles by linear interpolation between order statistics (numpy's default, d3's R-7), max.
 * NaN fields for an empty input; std is NaN for a single value, as in pandas.
 */
export function describe(values: readonly number[]): Describe {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p: number) => quantileSorted(sorted, p) ?? NaN;
  return {
    count: sorted.length,
    mean: mean(sorted) ?? NaN,
    std: deviation(sorted) ?? NaN,
    min: sorted[0] ?? NaN,
    q25: q(0.25),
    q50: q(0.5),
    q75: q(0.75),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}


/** describe() with SEM = std/√n and the 95 % CI mean ± t(0.975, n − 1)·SEM (NaN below 2 values). */
export function summarize(values: readonly number[]): Summary {
  const d = describe(values);
  const sem = d.count > 1 ? d.std / Math.sqrt(d.count) : NaN;
  const t = d.count > 1 ? (jStat.studentt.inv(0.975, d.count - 1) as number) : NaN;
  return { ...d, sem, ciLow: d.mean - t * sem, ciHigh: d.mean + t * sem };
}
