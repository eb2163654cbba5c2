import { LabError } from '../../contract/errors.js';
import type { PreprocessStep } from '../../contract/spec.js';
import { difference, supervised, undifference } from '../preprocess.js';
import { fitScaler, readPipeline, stepPath } from './pipeline.js';
import type { Sequences } from '../sequence-model.js';

/** A series framed for forecasting, split into train and test rows, with the way back to raw units. */
export interface ForecastDataset {
  /** Training inputs: rows × 1 step × lag features (a CSV column: the seed reshapes X to (n, 1, lag)), or rows × lag steps × features (a table). */
  readonly trainX: Sequences;
  /** Training targets, scaled: rows × targets (one per row for a single series). */
  readonly trainY: Float64Array;
  readonly testX: Sequences;
  readonly testY: Float64Array;
  /** Raw-series index of each training row's and test row's target. */
  readonly trainSteps: Int32Array;
  readonly testSteps: Int32Array;
  /** The raw series (a table: its first target's). */
  readonly raw: Float64Array;
  /** Each target's name and raw series, in output order (a single CSV column: one, named ''). */
  readonly targets: readonly { readonly name: string; readonly raw: Float64Array }[];
  /** Steps between the last observed input and the target (1: one step ahead); the persistence baseline uses it. */
  readonly horizon: number;
  /** Turns a model output for target `k` (default 0) at raw index `t` back into the series' units. */
  toRaw(yhat: number, t: number, k?: number): number;
  /**
   * One CSV column only: the same framing over another raw series `history` (the data extended by new values or
   * forecasts), with the scaler fitted on this data's training rows — for forecasting past the data's end.
   */
  readonly over?: (history: ArrayLike<number>) => SeriesFraming;
  /**
   * A table only: the same framing over other columns `history` (one array per table column, in the table's
   * order: the data extended by new rows or by forecasts), scaled by this data's training fit.
   */
  readonly overColumns?: (history: readonly ArrayLike<number>[]) => TableFraming;
  /** A table only: the columns of the table the model reads (features) and forecasts (targets), as indices. */
  readonly roles?: { readonly features: readonly number[]; readonly targets: readonly number[]; readonly names: readonly string[] };
}

/** A table framed like a trial's data: the scaled window whose targets are at raw step `T`, and the way back. */
export interface TableFraming {
  /** The model input (lag steps × features, oldest first) forecasting raw step `T`. */
  input(T: number): Float64Array;
  /** The model output for target `k` at raw step `T`, in the column's units. */
  toRaw(yhat: number, T: number, k: number): number;
}

/** A series framed like a trial's data: the scaled input row that forecasts raw index `t`, and the way back. */
export interface SeriesFraming {
  /** The model input (1 step × lag features) whose target is raw index `t` (t ≥ 1; earlier values padded with 0). */
  input(t: number): Float64Array;
  /** The model output for raw index `t` in the series' units. */
  toRaw(yhat: number, t: number): number;
}

/**
 * Frames one CSV column the seed's way (difference → supervised → minmax or standardize, in that order) and
 * splits off the last `testSize` observations, fitting the scaler on the training rows only.
 * Throws LabError('SPEC_INVALID') for an unusable pipeline and LabError('DATA_INVALID') for a series too short.
 */
export function prepareForecast(raw: Float64Array, steps: readonly PreprocessStep[], testSize: number, source: string): ForecastDataset {
  const { interval, lag, horizon, scale } = readPipeline(steps);
  if (horizon !== 1) {
    throw new LabError('SPEC_INVALID', `${stepPath(steps, 'supervised')}.horizon: a "csv" column is framed the seed's way, one step ahead; use data.kind "table" to forecast ${horizon} steps ahead`);
  }
  const at = (kind: string) => stepPath(steps, kind);
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
  const scaler = fitScaler(scale, trainRows);
  const scaled = scaler ? rows.map((row) => row.map((x, j) => scaler.scale(j, x))) : rows;
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
    targets: [{ name: '', raw }],
    horizon: 1,
    toRaw(yhat, t) {
      const unscaled = scaler ? scaler.unscale(lag, yhat) : yhat;
      return interval ? undifference(unscaled, raw, t, interval) : unscaled;
    },
    over: (history) => ({
      // As supervised() frames row i of the (differenced) series: [v[i−1], …, v[i−lag]], zeros before the start.
      input(t) {
        const i = t - interval;
        const v = (j: number) => (j < 0 ? 0 : interval ? history[j + interval]! - history[j]! : history[j]!);
        return Float64Array.from({ length: lag }, (_, k) => (scaler ? scaler.scale(k, v(i - 1 - k)) : v(i - 1 - k)));
      },
      toRaw(yhat, t) {
        const unscaled = scaler ? scaler.unscale(lag, yhat) : yhat;
        return interval ? undifference(unscaled, history, t, interval) : unscaled;
      },
    }),
  };
}
