import type { PredictionPoint, TrialOutcome } from '../../contract/results.js';
import type { ExperimentSpec } from '../../contract/spec.js';
import type { Engine, Sequences } from '../sequence-model.js';
import { predictInChunks } from './classify.js';
import { createTrialModel, trainEpochs, type TrialHooks } from './train-loop.js';

/** A sequence-regression data set: targets per row (n × outputs), plus what to plot. */
export interface RegressionData {
  readonly trainX: Sequences;
  readonly trainY: Float64Array;
  readonly testX: Sequences;
  readonly testY: Float64Array;
  /** One sequence to plot predicted vs actual (the seed's instance), with its x positions. */
  readonly instance?: { readonly x: Sequences; readonly y: Float64Array; readonly positions: Float64Array };
  readonly split: Readonly<Record<string, unknown>>;
}

/** Mean squared and absolute error over all outputs. */
export function regressionErrors(actual: Float64Array, predicted: Float64Array): { mse: number; mae: number } {
  let se = 0;
  let ae = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = predicted[i]! - actual[i]!;
    se += d * d;
    ae += Math.abs(d);
  }
  return { mse: se / actual.length, mae: ae / actual.length };
}

/**
 * One repeat of a hold-out sequence regression (the sine-like series, variable-length sums): train with the
 * spec's loss (validation MSE each epoch when asked), score MSE and MAE on the held-out sequences, and keep the
 * plotted instance's predictions (or the first test sequences' when there is no instance) as predictions.
 */
export async function runRegressionTrial(spec: ExperimentSpec, data: RegressionData, engine: Engine, seed: number, hooks: TrialHooks): Promise<TrialOutcome> {
  const started = performance.now();
  const validateEach = (spec.evaluation.protocol === 'holdout-regression' || spec.evaluation.protocol === 'cross-validation') && spec.evaluation.validateEachEpoch;
  const model = await createTrialModel(spec, engine, data.trainX, seed);
  try {
    const chunk = Math.max(spec.training.batchSize, 500);
    const validate = validateEach
      ? async () => {
          const e = regressionErrors(data.testY, await predictInChunks(model, data.testX, chunk));
          return { val_mse: e.mse, val_mae: e.mae };
        }
      : undefined;
    await trainEpochs(model, data.trainX, data.trainY, spec.training, seed, hooks, validate);
    const predictedTest = await predictInChunks(model, data.testX, chunk);
    const errors = regressionErrors(data.testY, predictedTest);
    const predictions: PredictionPoint[] = [];
    if (data.instance) {
      const yhat = await model.predict(data.instance.x);
      data.instance.positions.forEach((_, i) => predictions.push({ split: 'test', step: i, actual: data.instance!.y[i]!, predicted: yhat[i]! }));
    } else {
      const perRow = data.testY.length / data.testX.n;
      for (let i = 0; i < Math.min(50, data.testX.n); i++) {
        predictions.push({ split: 'test', step: i, actual: data.testY[i * perRow]!, predicted: predictedTest[i * perRow]! });
      }
    }
    return {
      metrics: { mse: errors.mse, mae: errors.mae },
      predictions,
      engine: model.engine,
      backend: model.backend,
      durationMs: performance.now() - started,
      weights: model.getWeights(),
      artifacts: {
        split: data.split,
        ...(data.instance ? { instancePositions: [...data.instance.positions] } : {}),
      },
    };
  } finally {
    model.dispose();
  }
}
