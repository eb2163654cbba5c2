import { LabError, listValues } from '../contract/errors.js';
import type { ForecastSpec } from '../contract/spec.js';
import { loadDataset } from '../data/sources/index.js';
import { forecastTableAhead } from '../engine/forecast/forecast-ahead.js';
import { readPipeline } from '../engine/forecast/pipeline.js';
import { prepareTableForecast } from '../engine/forecast/prepare-table.js';
import type { SequenceModel } from '../engine/sequence-model.js';

/** One repeat's forecasts of a table past its end: per target, the next values and the RMSE of its walk over the observed rows. */
export interface TableRepeatForecast {
  readonly byTarget: readonly { readonly name: string; readonly ahead: readonly number[]; readonly walkRmse: number }[];
}

/**
 * Forecasts `steps` rows past the end of a table experiment's data (or `input`, a file with the same columns: the
 * table extended by newer rows) with each loaded model. Rows within the horizon read observed inputs only; further
 * rows read earlier forecasts, so every feature must then be a target — refused otherwise, naming the columns.
 */
export async function forecastTable(
  spec: ForecastSpec,
  models: readonly { readonly model: (steps: number, features: number) => Promise<SequenceModel>; readonly repeat: number }[],
  steps: number,
  input?: string,
): Promise<{ observed: number; targets: readonly string[]; repeats: readonly (TableRepeatForecast & { repeat: number })[] }> {
  if (spec.data.kind !== 'table') throw new LabError('INTERNAL', 'forecastTable: not a table experiment');
  const own = loadDataset(spec.data, spec.seed);
  if (own.shape !== 'series' || !own.columns) throw new LabError('INTERNAL', 'a table source that gave no columns');
  const data = prepareTableForecast(own.columns, spec.preprocessing, spec.evaluation.testSize, own.source);
  const roles = data.roles!;
  const { horizon } = readPipeline(spec.preprocessing);
  const inputsOnly = roles.features.filter((c) => !roles.targets.includes(c)).map((c) => roles.names[c]!);
  if (steps > horizon && inputsOnly.length) {
    throw new LabError(
      'REQUEST_INVALID',
      `--steps ${steps}: past ${horizon} step${horizon === 1 ? '' : 's'} ahead (the horizon) the model would need future values of ${listValues(inputsOnly)}, which it does not forecast; use --steps ${horizon} or make them targets too`,
    );
  }
  let history = own.columns.values;
  if (input) {
    const other = loadDataset({ ...spec.data, path: input }, spec.seed);
    if (other.shape !== 'series' || !other.columns) throw new LabError('INTERNAL', 'a table source that gave no columns');
    history = other.columns.values;
  }
  const need = data.trainSteps[data.trainSteps.length - 1]! + 1;
  if (history[0]!.length < need) throw new LabError('DATA_INVALID', `${input}: ${history[0]!.length} rows, but the model's training rows alone cover ${need}; give the whole table (extended by newer rows)`);
  const targets = roles.targets.map((c) => roles.names[c]!);
  const repeats = [];
  for (const m of models) {
    const model = await m.model(data.trainX.steps, data.trainX.features);
    try {
      const f = await forecastTableAhead(model, spec, data, history, steps);
      repeats.push({
        repeat: m.repeat,
        byTarget: targets.map((name, k) => ({
          name,
          ahead: f.ahead.map((row) => row[k]!),
          walkRmse: Math.sqrt(f.walk.reduce((s, w) => s + (w.predicted[k]! - w.actual[k]!) ** 2, 0) / Math.max(1, f.walk.length)),
        })),
      });
    } finally {
      model.dispose();
    }
  }
  return { observed: history[0]!.length, targets, repeats };
}
