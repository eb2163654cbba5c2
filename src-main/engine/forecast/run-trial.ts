import { LabError } from '../../contract/errors.js';
import { isRecurrent, layerOf } from '../../contract/layers.js';
import type { PredictionPoint, TrialOutcome } from '../../contract/results.js';
import type { ForecastSpec } from '../../contract/spec.js';
import { targetMetrics } from './target-metrics.js';
import type { Engine, SequenceModel, Sequences } from '../sequence-model.js';
import type { ForecastDataset } from './prepare.js';
import { createTrialModel, trainEpochs, type TrialHooks } from '../tasks/train-loop.js';

const row = (x: Sequences, i: number): Sequences => {
  const size = x.steps * x.features;
  return { data: x.data.subarray(i * size, (i + 1) * size), n: 1, steps: x.steps, features: x.features };
};

/** Whether a forecaster's recurrent layers carry state from step to step (the walk-forward keeps it going). */
export const carriesState = (spec: Pick<ForecastSpec, 'model'>): boolean =>
  spec.model.layers.some((l) => {
    const c = layerOf(l);
    return isRecurrent(c) && c.config.stateful;
  });

/**
 * One repeat of a walk-forward forecasting experiment (the seed's protocol):
 * train `epochs` ordered passes (resetting state per `training.resetStates`), run over the training rows to
 * build state, then forecast each test row one step ahead with the state carrying on, invert the
 * preprocessing and score against the raw values. Several targets (a table) are each scored (see
 * {@link targetMetrics}); the stored predictions are the first target's, the others' go to the artifacts.
 * Returns metrics, train/test predictions and timings.
 */
export async function runForecastTrial(
  spec: ForecastSpec,
  data: ForecastDataset,
  engine: Engine,
  seed: number,
  hooks: TrialHooks = {},
): Promise<TrialOutcome> {
  const started = performance.now();
  const { training } = spec;
  const stateful = carriesState(spec);
  if (stateful && training.batchSize !== 1) {
    throw new LabError('SPEC_INVALID', 'training.batchSize: walk-forward forecasting with a stateful model needs batchSize 1 (one step at a time)');
  }
  if (stateful && data.trainX.n % training.batchSize !== 0) {
    throw new LabError('SPEC_INVALID', `training.batchSize: stateful layers need it to divide the ${data.trainX.n} training rows`);
  }
  const model = await createTrialModel(spec, engine, data.trainX, seed);
  try {
    await trainEpochs(model, data.trainX, data.trainY, training, seed, hooks);
    return await scoreForecast(spec, data, model, started);
  } finally {
    model.dispose();
  }
}

/**
 * The evaluation half of {@link runForecastTrial}, for a model trained on `data.trainX` (by it, or in lockstep
 * with other repeats: engine/forecast/run-lockstep.ts): warm-up over the training rows, walk-forward one-step
 * forecasts, metrics, predictions and the final weights; `started` (performance.now()) dates the duration.
 */
export async function scoreForecast(spec: ForecastSpec, data: ForecastDataset, model: SequenceModel, started: number): Promise<TrialOutcome> {
  const { evaluation } = spec;
  const stateful = carriesState(spec);
  // Fitted values over the training rows; with a stateful model this also builds up the state.
  const K = data.targets.length;
  const predictions: PredictionPoint[] = [];
  // Targets after the first (a table with several): their points go to the trial's artifacts, since a trial's
  // stored predictions are one series (the headline target's) indexed by (split, step).
  const more: PredictionPoint[][] = data.targets.slice(1).map(() => []);
  const push = (k: number, p: PredictionPoint) => (k === 0 ? predictions : more[k - 1]!).push(p);
  if (evaluation.warmup || !stateful) {
    const fitted = await model.predict(data.trainX);
    data.trainSteps.forEach((t, i) => {
      for (let k = 0; k < K; k++) push(k, { split: 'train', step: t, actual: data.targets[k]!.raw[t]!, predicted: data.toRaw(fitted[i * K + k]!, t, k) });
    });
  }
  const actual: number[][] = data.targets.map(() => []);
  const forecast: number[][] = data.targets.map(() => []);
  for (let i = 0; i < data.testX.n; i++) {
    const t = data.testSteps[i]!;
    const yhat = await model.predict(row(data.testX, i));
    for (let k = 0; k < K; k++) {
      const value = data.toRaw(yhat[k]!, t, k);
      const observed = data.targets[k]!.raw[t]!;
      actual[k]!.push(observed);
      forecast[k]!.push(value);
      push(k, { split: 'test', step: t, actual: observed, predicted: value });
    }
  }
  const metrics = targetMetrics(evaluation.metrics, data.targets, actual, forecast);
  const artifacts = K > 1 ? { targets: data.targets.map((d) => d.name), targetPredictions: Object.fromEntries(data.targets.slice(1).map((d, k) => [d.name, more[k]!])) } : undefined;
  return { metrics, predictions, engine: model.engine, backend: model.backend, durationMs: performance.now() - started, ...(artifacts ? { artifacts } : {}), weights: model.getWeights() };
}
