import { LabError } from '../../contract/errors.js';
import type { PreprocessStep } from '../../contract/spec.js';
import type { Sequences } from '../sequence-model.js';
import { fitScaler, readPipeline, stepPath } from './pipeline.js';
import type { ForecastDataset, TableFraming } from './prepare.js';

/** Aligned columns with their roles (the data layer's SeriesColumns: the engine does not import data). */
export interface TableColumns {
  readonly names: readonly string[];
  /** One array per name, a value per time step. */
  readonly values: readonly Float64Array[];
  /** Indices into `names` of the input features and of the targets (first = headline). */
  readonly features: readonly number[];
  readonly targets: readonly number[];
}

/**
 * Frames the columns of a table for multivariate forecasting (Keras `timesteps` windows), per column:
 * 1. `difference` (interval k): column j becomes d_j[t] = x_j[t] − x_j[t − k], defined for raw steps t ≥ k;
 * 2. `supervised` (lag L, horizon H): the sample whose target is raw step T reads the window of steps
 *    T − H − L + 1 … T − H over every feature (oldest first) and predicts every target at step T — only windows
 *    with a full history are kept (no zero padding);
 * 3. `minmax` / `standardize`: each column scaled, fitted on the steps up to the last training target only
 *    (never a test target).
 * The last `testSize` samples are the test rows (targets at the last `testSize` raw steps); the rest train.
 * Returns inputs `[n, L, features]`, targets `[n, targets]`, and `toRaw` that unscales target k and adds back
 * x_k[T − k] (observed at forecast time, since k ≥ H is required). Throws LabError naming the step or field.
 */
export function prepareTableForecast(table: TableColumns, steps: readonly PreprocessStep[], testSize: number, source: string): ForecastDataset {
  const { interval, lag, horizon, scale } = readPipeline(steps);
  const n = table.values[0]!.length;
  if (interval && interval < horizon) {
    throw new LabError(
      'SPEC_INVALID',
      `${stepPath(steps, 'difference')}.interval: ${interval} is shorter than the horizon ${horizon}, so undoing the difference would need a value not yet observed at forecast time; set the interval to at least ${horizon} or drop the difference step`,
    );
  }
  // Transformed columns indexed by raw step (entries before `interval` unused).
  const columns = table.values.map((col) => {
    const out = new Float64Array(n);
    for (let t = interval; t < n; t++) out[t] = interval ? col[t]! - col[t - interval]! : col[t]!;
    return out;
  });
  const firstTarget = interval + lag + horizon - 1; // raw step of the first sample's target
  const samples = n - firstTarget;
  const trainCount = samples - testSize;
  if (trainCount < 1) {
    throw new LabError(
      'DATA_INVALID',
      `${source}: ${n} rows give ${Math.max(0, samples)} window${samples === 1 ? '' : 's'} of ${lag} step${lag === 1 ? '' : 's'} (horizon ${horizon}${interval ? `, after differencing by ${interval}` : ''}), fewer than evaluation.testSize ${testSize} + 1 training window; lower testSize or ${stepPath(steps, 'supervised')}.lag, or use a longer series`,
    );
  }
  const lastTrainTarget = firstTarget + trainCount - 1;
  const fitRows: Float64Array[] = [];
  for (let t = interval; t <= lastTrainTarget; t++) fitRows.push(Float64Array.from(columns, (c) => c[t]!));
  const scaler = fitScaler(scale, fitRows);
  const scaled = scaler ? columns.map((c, j) => c.map((x) => scaler.scale(j, x))) : columns;
  const F = table.features.length;
  const K = table.targets.length;
  /** Writes the window whose targets are at raw step T into `x` at row `i`, from the transformed value of column c at step t. */
  const window = (x: Float64Array, i: number, T: number, value: (c: number, t: number) => number) => {
    for (let s = 0; s < lag; s++) {
      const t = T - horizon - lag + 1 + s;
      table.features.forEach((c, f) => (x[(i * lag + s) * F + f] = value(c, t)));
    }
  };
  const frame = (from: number, count: number): { x: Sequences; y: Float64Array; steps: Int32Array } => {
    const x = new Float64Array(count * lag * F);
    const y = new Float64Array(count * K);
    const at = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const T = from + i;
      at[i] = T;
      window(x, i, T, (c, t) => scaled[c]![t]!);
      table.targets.forEach((c, k) => (y[i * K + k] = scaled[c]![T]!));
    }
    return { x: { data: x, n: count, steps: lag, features: F }, y, steps: at };
  };
  const unscale = (c: number, yhat: number) => (scaler ? scaler.unscale(c, yhat) : yhat);
  const overColumns = (history: readonly ArrayLike<number>[]): TableFraming => ({
    input(T) {
      const x = new Float64Array(lag * F);
      window(x, 0, T, (c, t) => {
        const v = interval ? history[c]![t]! - history[c]![t - interval]! : history[c]![t]!;
        return scaler ? scaler.scale(c, v) : v;
      });
      return x;
    },
    toRaw(yhat, T, k) {
      const c = table.targets[k]!;
      return interval ? unscale(c, yhat) + history[c]![T - interval]! : unscale(c, yhat);
    },
  });
  const train = frame(firstTarget, trainCount);
  const test = frame(firstTarget + trainCount, testSize);
  const targets = table.targets.map((c) => ({ name: table.names[c]!, raw: table.values[c]! }));
  return {
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    trainSteps: train.steps,
    testSteps: test.steps,
    raw: targets[0]!.raw,
    targets,
    horizon,
    toRaw(yhat, t, k = 0) {
      const c = table.targets[k]!;
      return interval ? unscale(c, yhat) + table.values[c]![t - interval]! : unscale(c, yhat);
    },
    overColumns,
    roles: { features: table.features, targets: table.targets, names: table.names },
  };
}
