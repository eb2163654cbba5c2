/** Forecast error metrics over paired actual/predicted values (same length, ≥ 1). */

function check(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new RangeError(`metrics: need equal, non-empty lengths (actual ${actual.length}, predicted ${predicted.length})`);
  }
}

/** Root mean squared error, in the data's units. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  check(actual, predicted);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i]! - predicted[i]!) ** 2;
  return Math.sqrt(s / actual.length);
}

/** Mean absolute error, in the data's units. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  check(actual, predicted);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - predicted[i]!);
  return s / actual.length;
}

/** Mean absolute percentage error, in percent; NaN when an actual value is 0. */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  check(actual, predicted);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs((actual[i]! - predicted[i]!) / actual[i]!);
  return (100 * s) / actual.length;
}

export const forecastMetrics = { rmse, mae, mape } as const;
export type ForecastMetric = keyof typeof forecastMetrics;

/** Computes the named metrics. */
export function computeMetrics(
  names: readonly ForecastMetric[],
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, forecastMetrics[n](actual, predicted)]));
}
