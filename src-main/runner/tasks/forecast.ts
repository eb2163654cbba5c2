import { LabError } from '../../contract/errors.js';
import { modelOutput } from '../../contract/model-checks.js';
import type { ForecastSpec } from '../../contract/spec.js';
import { forecastBaselines } from '../../engine/forecast/baselines.js';
import { prepareForecast } from '../../engine/forecast/prepare.js';
import { prepareTableForecast } from '../../engine/forecast/prepare-table.js';
import { lockstepModels, runForecastLockstep } from '../../engine/forecast/run-lockstep.js';
import { runForecastTrial } from '../../engine/forecast/run-trial.js';
import { checkModelForTask } from '../task-checks.js';
import { defineTask } from './types.js';

/**
 * Walk-forward forecasting of a series with the naive baselines: one CSV column framed the seed's way (the
 * shampoo protocol), or a table's features in windows of `lag` steps forecasting every target `horizon` ahead.
 */
export const forecastTask = defineTask({
  kind: 'forecast',
  accepts: ['series'],
  needs: 'a numeric series (e.g. a "csv" column or a "table")',
  prepare(config, series) {
    if (config.evaluation.protocol !== 'walk-forward') throw new LabError('INTERNAL', 'forecastTask: the spec is not walk-forward');
    const spec = config as ForecastSpec;
    const e = spec.evaluation;
    const data = series.columns
      ? prepareTableForecast(series.columns, spec.preprocessing, e.testSize, series.source)
      : prepareForecast(series.values, spec.preprocessing, e.testSize, series.source);
    checkModelForTask(config, 'forecast', { features: data.trainX.features, outputs: data.targets.length, perStep: false });
    const out = modelOutput(config.model, data.trainX.features);
    if (data.trainX.steps > 1 && out.sequence) {
      throw new LabError(
        'SPEC_INVALID',
        `${out.path}: a forecast is one value per target after each window of ${data.trainX.steps} steps, but the model outputs one row per step; set "returnSequences": false on the last recurrent layer`,
      );
    }
    return {
      task: 'forecast',
      input: { steps: data.trainX.steps, features: data.trainX.features },
      baselines: forecastBaselines(e.baselines, data.targets, data.testSteps, e.metrics, data.horizon),
      examples: { x: data.testX, labels: Array.from(data.testSteps, (t) => `${data.targets[0]!.name || 'value'} at t=${t}: ${data.raw[t]}`) },
      run: (engine, seed, hooks) => runForecastTrial(spec, data, engine, seed, hooks),
      async lockstep(engine, seeds, hooks) {
        const models = await lockstepModels(spec, data, engine, seeds);
        if (typeof models === 'string') return models;
        await runForecastLockstep(spec, data, models, seeds, hooks);
        return null;
      },
    };
  },
});
