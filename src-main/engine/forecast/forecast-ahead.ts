import type { ForecastSpec } from '../../contract/spec.js';
import type { SequenceModel } from '../sequence-model.js';
import type { ForecastDataset } from './prepare.js';
import { carriesState } from './run-trial.js';

/** A trained model's walk over a series and its forecasts past the end. */
export interface AheadForecast {
  /** One-step forecasts of every observed value after the training rows (the trial's test walk, and beyond). */
  readonly walk: readonly { readonly step: number; readonly actual: number; readonly predicted: number }[];
  /** The next `steps` values after the last observed one, each forecast from the previous forecasts. */
  readonly ahead: readonly number[];
}

/**
 * Forecasts past the end of `history` (the trial's series, or it extended by newer observations) with a kept
 * model, the way its trial evaluated: from a fresh state, over the training rows (to build a stateful model's
 * state; the trial's warm-up), then one step ahead over every later observed value with the observed values
 * carried in, then `steps` values ahead, each fed back as the next observation. The scaler is the trial's
 * (fitted on its training rows). `data.over` must exist (a single CSV column).
 */
export async function forecastAhead(model: SequenceModel, spec: ForecastSpec, data: ForecastDataset, history: ArrayLike<number>, steps: number): Promise<AheadForecast> {
  model.resetStates();
  if (spec.evaluation.warmup || !carriesState(spec)) await model.predict(data.trainX);
  // One framing over `series`: the walk reads only observed values (indices below t); past the end each forecast
  // is pushed onto `series`, so the next input sees it.
  const series = Array.from(history);
  const framing = data.over!(series);
  const forecastAt = async (t: number) =>
    framing.toRaw((await model.predict({ data: framing.input(t), n: 1, steps: 1, features: data.trainX.features }))[0]!, t);
  const first = data.testSteps[0] ?? data.trainSteps[data.trainSteps.length - 1]! + 1;
  const walk: { step: number; actual: number; predicted: number }[] = [];
  for (let t = first; t < series.length; t++) walk.push({ step: t, actual: series[t]!, predicted: await forecastAt(t) });
  const ahead: number[] = [];
  for (let h = 0; h < steps; h++) {
    const value = await forecastAt(series.length);
    series.push(value);
    ahead.push(value);
  }
  return { walk, ahead };
}

/** A trained table model's walk over the observed rows and its forecasts past the end, per target. */
export interface TableAheadForecast {
  /** One-step (horizon-step) forecasts of every observed row after the training rows: per row, a value per target. */
  readonly walk: readonly { readonly step: number; readonly actual: readonly number[]; readonly predicted: readonly number[] }[];
  /** `steps` rows past the end: per row, a value per target. */
  readonly ahead: readonly (readonly number[])[];
}

/**
 * Forecasts past the end of a table's columns `history` (the trial's, or extended by newer rows) with a kept model,
 * as its trial evaluated (fresh state, the training rows first, then the observed rows after them). Past the end
 * each forecast row is appended to the target columns, so later windows read it: every feature must be a target
 * once a window reaches past the observed rows (beyond the horizon) — the caller checks that.
 */
export async function forecastTableAhead(model: SequenceModel, spec: ForecastSpec, data: ForecastDataset, history: readonly ArrayLike<number>[], steps: number): Promise<TableAheadForecast> {
  const roles = data.roles!;
  model.resetStates();
  if (spec.evaluation.warmup || !carriesState(spec)) await model.predict(data.trainX);
  const columns = history.map((c) => Array.from(c));
  const n = columns[0]!.length;
  const framing = data.overColumns!(columns);
  const K = roles.targets.length;
  const forecastAt = async (T: number) => {
    const yhat = await model.predict({ data: framing.input(T), n: 1, steps: data.trainX.steps, features: data.trainX.features });
    return Array.from({ length: K }, (_, k) => framing.toRaw(yhat[k]!, T, k));
  };
  const first = data.testSteps[0] ?? data.trainSteps[data.trainSteps.length - 1]! + 1;
  const walk = [];
  for (let T = first; T < n; T++) walk.push({ step: T, actual: roles.targets.map((c) => columns[c]![T]!), predicted: await forecastAt(T) });
  const ahead: number[][] = [];
  for (let h = 0; h < steps; h++) {
    const row = await forecastAt(n + h);
    roles.targets.forEach((c, k) => (columns[c]![n + h] = row[k]!));
    ahead.push(row);
  }
  return { walk, ahead };
}
