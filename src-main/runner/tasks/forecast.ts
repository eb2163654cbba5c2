import { LabError } from '../../contract/errors.js';
import type { ForecastSpec } from '../../contract/spec.js';
import { forecastBaselines } from '../../engine/forecast/baselines.js';
import { prepareForecast } from '../../engine/forecast/prepare.js';
import { runForecastTrial } from '../../engine/forecast/run-trial.js';
import { checkModelForTask } from '../task-checks.js';
import { defineTask } from './types.js';

/** Walk-forward one-step forecasting of a series (the seed's shampoo protocol), with the naive baselines. */
export const forecastTask = defineTask({
  kind: 'forecast',
  accepts: ['series'],
  needs: 'a numeric series (e.g. a "csv" column)',
  prepare(config, series) {
    if (config.evaluation.protocol !== 'walk-forward') throw new LabError('INTERNAL', 'forecastTask: the spec is not walk-forward');
    const spec = config as ForecastSpec;
    const e = spec.evaluation;
    const data = prepareForecast(series.values, spec.preprocessing, e.testSize, series.source);
    checkModelForTask(config, 'forecast', { features: data.trainX.features, outputs: 1, perStep: false });
    return {
      task: 'forecast',
      input: { steps: data.trainX.steps, features: data.trainX.features },
      baselines: forecastBaselines(e.baselines, data.raw, data.testSteps, e.metrics),
      run: (engine, seed, hooks) => runForecastTrial(spec, data, engine, seed, hooks),
    };
  },
});
