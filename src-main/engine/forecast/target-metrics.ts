import type { MetricName } from '../../contract/spec.js';
import { metricKey } from '../../contract/target-metrics.js';
import { computeMetrics } from '../metrics.js';

/**
 * The metrics of a forecast of one or more targets. The first target's are the plain names (`rmse`, `mae`, …):
 * the headline metric is the first target's, because errors of targets in different units (°C and mm) cannot be
 * averaged meaningfully, and a single series keeps exactly the metrics it always had. With several targets each
 * one's are added as `<metric>:<target>` (contract/target-metrics: the names the views list) (`rmse:temp_max`, `rmse:wind`). `actual[k]`/`predicted[k]` are target k's.
 */
export function targetMetrics(
  names: readonly MetricName[],
  targets: readonly { readonly name: string }[],
  actual: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
): Record<string, number> {
  const metrics = computeMetrics(names, actual[0]!, predicted[0]!);
  if (targets.length < 2) return metrics;
  targets.forEach((t, k) => {
    const own = computeMetrics(names, actual[k]!, predicted[k]!);
    for (const m of names) metrics[metricKey(m, t.name)] = own[m]!;
  });
  return metrics;
}
