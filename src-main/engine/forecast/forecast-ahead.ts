import { isRecurrent, layerOf } from '../../contract/layers.js';
import type { ForecastSpec } from '../../contract/spec.js';
import type { SequenceModel } from '../sequence-model.js';
import type { ForecastDataset } from './prepare.js';

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
  const framing = data.over!(history);
  const stateful = spec.model.layers.some((l) => {
    const c = layerOf(l);
    return isRecurrent(c) && c.config.stateful;
  });
  model.resetStates();
  if (spec.evaluation.warmup || !stateful) await model.predict(data.trainX);
  const series = Array.from(history);
  const first = data.testSteps[0] ?? data.trainSteps[data.trainSteps.length - 1]! + 1;
  const one = async (t: number) => (await model.predict({ data: framing.input(t), n: 1, steps: 1, features: data.trainX.features }))[0]!;
  const walk: { step: number; actual: number; predicted: number }[] = [];
  for (let t = first; t < series.length; t++) walk.push({ step: t, actual: series[t]!, predicted: framing.toRaw(await one(t), t) });
  const ahead: number[] = [];
  const extended = data.over!(series);
  for (let h = 0; h < steps; h++) {
    const t = series.length;
    const x = extended.input(t);
    const yhat = (await model.predict({ data: x, n: 1, steps: 1, features: data.trainX.features }))[0]!;
    const value = extended.toRaw(yhat, t);
    series.push(value); // `extended` reads `series`, so the next input sees this forecast
    ahead.push(value);
  }
  return { walk, ahead };
}
