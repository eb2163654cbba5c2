import { higherIsBetter, type TrialRecord } from '../contract/results.js';
import { keepPolicy, type ExperimentSpec } from '../contract/spec.js';

/**
 * The trials whose weights stay once an experiment is complete: every done trial of an `all` configuration; for
 * `best-and-median`, per configuration, the repeat with the best headline metric and the median one (the lower
 * middle for an even count: a repeat that exists, not an average of two); none for `none`. Trials without a
 * finite headline value count as worst.
 */
export function trialsKeepingWeights(trials: readonly TrialRecord[], configs: readonly ExperimentSpec[], headline: string): number[] {
  const keep: number[] = [];
  configs.forEach((config, c) => {
    const done = trials.filter((t) => t.configIndex === c && t.status === 'done');
    const policy = keepPolicy(config);
    if (policy === 'all') keep.push(...done.map((t) => t.id));
    if (policy !== 'best-and-median' || done.length === 0) return;
    const sign = higherIsBetter(headline) ? -1 : 1;
    const score = (t: TrialRecord) => (Number.isFinite(t.metrics[headline]) ? sign * t.metrics[headline]! : Infinity);
    const ranked = [...done].sort((a, b) => score(a) - score(b) || a.repeatIndex - b.repeatIndex);
    keep.push(ranked[0]!.id);
    const median = ranked[Math.floor((ranked.length - 1) / 2)]!;
    if (median !== ranked[0]) keep.push(median.id);
  });
  return keep;
}
