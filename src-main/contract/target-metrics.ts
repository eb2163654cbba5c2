import type { ExperimentSpec } from './spec.js';

/** The stored name of a metric of one target of several (a table forecasting several columns): `rmse:temp_max`. */
export const metricKey = (metric: string, target: string): string => `${metric}:${target}`;

/**
 * The metric names a spec's trials store, in display order: the evaluation's metrics (for a forecast of several
 * targets these are the first target's, the headline), then — with several targets — each target's as
 * `<metric>:<target>`, target by target.
 */
export function storedMetricNames(spec: Pick<ExperimentSpec, 'data' | 'evaluation'>): string[] {
  const names: string[] = [...spec.evaluation.metrics];
  const targets = spec.data.kind === 'table' ? spec.data.targets : [];
  if (targets.length < 2) return names;
  return [...names, ...targets.flatMap((t) => spec.evaluation.metrics.map((m) => metricKey(m, t)))];
}
