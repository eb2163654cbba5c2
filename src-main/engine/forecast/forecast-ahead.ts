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
