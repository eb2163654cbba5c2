import type { BaselineOutcome, PredictionPoint } from '../../contract/results.js';
import type { BaselineName, MetricName } from '../../contract/spec.js';
import { targetMetrics } from './target-metrics.js';

/**
 * Naive forecasts scored like the model, so every result has a reference line.
 * `persistence`: the forecast for step t is the last value observed at forecast time, t − `horizon`
 * (one step ahead: the previous month). `targets` are the raw target series (the first is the headline one; a
 * single series passes one), `steps` the raw-series indices of the test targets (each ≥ horizon). Metrics are
 * named like the model's (see targetMetrics); the predictions are the first target's.
 */
export function forecastBaselines(
  names: readonly BaselineName[],
  targets: readonly { readonly name: string; readonly raw: Float64Array }[],
  steps: Int32Array,
  metrics: readonly MetricName[],
  horizon = 1,
): BaselineOutcome[] {
  return names.map((name) => {
    const actual = targets.map((d) => Array.from(steps, (t) => d.raw[t]!));
    const predicted = targets.map((d) => Array.from(steps, (t) => d.raw[t - horizon]!));
    const predictions: PredictionPoint[] = actual[0]!.map((a, i) => ({ split: 'test', step: steps[i]!, actual: a, predicted: predicted[0]![i]! }));
    return { name, metrics: targetMetrics(metrics, targets, actual, predicted), predictions };
  });
}
