import { LabError } from '../../contract/errors.js';
import { isRecurrent, layerOf } from '../../contract/layers.js';
import type { PredictionPoint, TrialOutcome } from '../../contract/results.js';
import type { ForecastSpec } from '../../contract/spec.js';
import { computeMetrics } from '../metrics.js';
import type { Engine, Sequences } from '../sequence-model.js';
import type { ForecastDataset } from './prepare.js';
import { createTrialModel, trainEpochs, type TrialHooks } from '../tasks/train-loop.js';

const row = (x: Sequences, i: number): Sequences => {
  const size = x.steps * x.features;
  return { data: x.data.subarray(i * size, (i + 1) * size), n: 1, steps: x.steps, features: x.features };
};

/**
 * One repeat of a walk-forward forecasting experiment (the seed's protocol):
 * train `epochs` ordered passes (resetting state per `training.resetStates`), run over the training rows to
 * build state, then forecast each test row one step ahead with the state carrying on, invert the
 * preprocessing and score against the raw values. Returns metrics, train/test predictions and timings.
 */
export async function runForecastTrial(
  spec: ForecastSpec,
  data: ForecastDataset,
  engine: Engine,
  seed: number,
  hooks: TrialHooks = {},
): Promise<TrialOutcome> {
  const started = performance.now();
  const { training, evaluation } = spec;
  const stateful = spec.model.layers.some((l) => {
    const c = layerOf(l);
    return isRecurrent(c) && c.config.stateful;
  });
  if (stateful && training.batchSize !== 1) {
    throw new LabError('SPEC_INVALID', 'training.batchSize: walk-forward forecasting with a stateful model needs batchSize 1 (one step at a time)');
  }
  if (stateful && data.trainX.n % training.batchSize !== 0) {
    throw new LabError('SPEC_INVALID', `training.batchSize: stateful layers need it to divide the ${data.trainX.n} training rows`);
  }
  const model = await createTrialModel(spec, engine, data.trainX, seed);
  try {
    await trainEpochs(model, data.trainX, data.trainY, training, seed, hooks);
    // Fitted values over the training rows; with a stateful model this also builds up the state.
    const predictions: PredictionPoint[] = [];
    if (evaluation.warmup || !stateful) {
      const fitted = await model.predict(data.trainX);
      data.trainSteps.forEach((t, i) => {
        predictions.push({ split: 'train', step: t, actual: data.raw[t]!, predicted: data.toRaw(fitted[i]!, t) });
      });
    }
    const actual: number[] = [];
    const forecast: number[] = [];
    for (let i = 0; i < data.testX.n; i++) {
      const t = data.testSteps[i]!;
      const yhat = (await model.predict(row(data.testX, i)))[0]!;
      const value = data.toRaw(yhat, t);
      actual.push(data.raw[t]!);
      forecast.push(value);
      predictions.push({ split: 'test', step: t, actual: data.raw[t]!, predicted: value });
    }
    const metrics = computeMetrics(evaluation.metrics, actual, forecast);
    return { metrics, predictions, engine: model.engine, backend: model.backend, durationMs: performance.now() - started, weights: model.getWeights() };
  } finally {
    model.dispose();
  }
}
