import { LabError } from '../../contract/errors.js';
import { chosen } from '../../contract/one-of.js';
import type { PreprocessStep } from '../../contract/spec.js';
import { difference, fitMinMax, scaleRows, supervised, undifference, unscaleValue, type MinMaxScaler } from '../preprocess.js';
import type { Sequences } from '../sequence-model.js';

/** A series framed for one-step forecasting, split into train and test rows, with the way back to raw units. */
export interface ForecastDataset {
  /** Training inputs: rows × 1 step × lag features (the seed reshapes X to (n, 1, lag)). */
  readonly trainX: Sequences;
  /** Training targets, scaled: one per row. */
  readonly trainY: Float64Array;
  readonly testX: Sequences;
  readonly testY: Float64Array;
  /** Raw-series index of each training row's and test row's target. */
  readonly trainSteps: Int32Array;
  readonly testSteps: Int32Array;
  /** The raw series. */
  readonly raw: Float64Array;
  /** Turns a model output for the target at raw index `t` back into the series' units. */
  toRaw(yhat: number, t: number): number;
}

/**
 * Applies the preprocessing steps of a spec (difference → supervised → minmax, in that order) and
 * splits off the last `testSize` observations, fitting the scaler on the training rows only.
 * Throws LabError('SPEC_INVALID') for an unusable pipeline and LabError('DATA_INVALID') for a series too short.
 */
export function prepareForecast(raw: Float64Array, steps: readonly PreprocessStep[], testSize: number, source: string): ForecastDataset {
  let interval = 0;
  let lag = 0;
  let range: { min: number; max: number } | undefined;
  steps.forEach((step, i) => {
    const s = chosen(step);
    const where = `preprocessing[${i}].${s.kind}`;
    if (s.kind === 'difference') {
      if (interval || lag) throw new LabError('SPEC_INVALID', `${where}: difference must come first and only once`);
      interval = s.config.interval;
    } else if (s.kind === 'supervised') {
      if (lag) throw new LabError('SPEC_INVALID', `${where}: supervised framing appears twice; keep one`);
      lag = s.config.lag;
    } else {
      if (!lag || range) throw new LabError('SPEC_INVALID', `${where}: minmax goes after supervised, once`);
      if (!(s.config.max > s.config.min)) throw new LabError('SPEC_INVALID', `${where}.max: must be greater than min`);
      range = s.config;
    }
  });
  if (!lag) {
    throw new LabError('SPEC_INVALID', 'preprocessing: forecasting needs a { "supervised": { "lag": 1 } } step to frame inputs and targets');
  }
  const at = (kind: string) => `preprocessing[${steps.findIndex((x) => chosen(x).kind === kind)}].${kind}`;
  // An interval as long as the series is the culprit only when the series is otherwise long enough for testSize
  // (36 values, interval 36); a series of one value is simply too short, which the length check below says.
  if (interval && interval >= raw.length && raw.length >= testSize + 2) {
    throw new LabError('DATA_INVALID', `${at('difference')}.interval: ${interval} is not shorter than the series (${raw.length} values in ${source}); use an interval below ${raw.length}, usually 1`);
  }
  const series = interval ? (interval < raw.length ? difference(raw, interval) : new Float64Array(0)) : Float64Array.from(raw);
  const rows = supervised(series, lag);
  const trainCount = rows.length - testSize;
  if (trainCount >= 1 && lag >= trainCount) {
    throw new LabError(
      'DATA_INVALID',
      `${at('supervised')}.lag: ${lag} is not smaller than the ${trainCount} training rows of ${source}, so the inputs would be mostly the zero padding; use a lag below ${trainCount}`,
    );
  }
  if (trainCount < 1) {
    throw new LabError(
      'DATA_INVALID',
      `${source}: ${raw.length} ${raw.length === 1 ? 'value gives' : 'values give'} ${rows.length} row${rows.length === 1 ? '' : 's'} after differencing and framing, fewer than evaluation.testSize ${testSize} + 1 training row; lower testSize or use a longer series`,
    );
  }
  const trainRows = rows.slice(0, trainCount);
  const scaler: MinMaxScaler | undefined = range ? fitMinMax(trainRows, range.min, range.max) : undefined;
  const scaled = scaler ? scaleRows(scaler, rows) : rows;
  const frame = (part: Float64Array[]): { x: Sequences; y: Float64Array } => {
    const x = new Float64Array(part.length * lag);
    const y = new Float64Array(part.length);
    part.forEach((row, i) => {
      x.set(row.subarray(0, lag), i * lag);
      y[i] = row[lag]!;
    });
    return { x: { data: x, n: part.length, steps: 1, features: lag }, y };
  };
  const train = frame(scaled.slice(0, trainCount));
  const test = frame(scaled.slice(trainCount));
  const stepOf = (i: number) => i + interval;
  return {
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    trainSteps: Int32Array.from({ length: trainCount }, (_, i) => stepOf(i)),
    testSteps: Int32Array.from({ length: testSize }, (_, i) => stepOf(trainCount + i)),
    raw,
    toRaw(yhat, t) {
      const unscaled = scaler ? unscaleValue(scaler, lag, yhat) : yhat;
      return interval ? undifference(unscaled, raw, t, interval) : unscaled;
    },
  };
}
