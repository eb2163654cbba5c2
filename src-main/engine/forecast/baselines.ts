import type { BaselineOutcome, PredictionPoint } from '../../contract/results.js';
import type { BaselineName, MetricName } from '../../contract/spec.js';
import { computeMetrics } from '../metrics.js';

/**
 * Naive forecasts scored like the model, so every result has a reference line.
 * `persistence`: the forecast for month t is the observed value at t − 1.
 * `steps` are the raw-series indices of the test targets (each ≥ 1).
 */
export function forecastBaselines(
  names: readonly BaselineName[],
  raw: Float64Array,
  steps: Int32Array,
  metrics: readonly MetricName[],
): BaselineOutcome[] {
  return names.map((name) => {
    const actual = Array.from(steps, (t) => raw[t]!);
    const predicted = Array.from(steps, (t) => raw[t - 1]!);
    const predictions: PredictionPoint[] = actual.map((a, i) => ({ split: 'test', step: steps[i]!, actual: a, predicted: predicted[i]! }));
    return { name, metrics: computeMetrics(metrics, actual, predicted), predictions };
  });
}
