import { describe, expect, it } from 'vitest';
import type { PreprocessStep } from '../../contract/spec.js';
import { forecastBaselines } from './baselines.js';
import { readPipeline } from './pipeline.js';
import { prepareTableForecast, type TableColumns } from './prepare-table.js';

// Two features over 8 steps; the last values (a[7] = 12, b[6] = 0) lie outside the training range on purpose, so
// a scaler fitted on every row would give other numbers than one fitted on the training rows only.
const a = [3, 1, 4, 1, 5, 9, 2, 12];
const b = [2, 7, 1, 8, 2, 8, 0, 8];
const cols = (features: number[], targets: number[]): TableColumns => ({ names: ['a', 'b'], values: [Float64Array.from(a), Float64Array.from(b)], features, targets });
const sup = (lag: number, horizon: number): PreprocessStep => ({ supervised: { lag, horizon } });
const windows = (x: { data: Float64Array; n: number; steps: number; features: number }) =>
  Array.from({ length: x.n }, (_, i) => [...x.data.subarray(i * x.steps * x.features, (i + 1) * x.steps * x.features)]);

describe('multivariate windows (Keras timesteps) against hand-computed examples', () => {
  it('2 features, lag 3, horizon 1: windows of steps T−3…T−1 predict a[T]', () => {
    const d = prepareTableForecast(cols([0, 1], [0]), [sup(3, 1)], 2, 't');
    expect([d.trainX.n, d.trainX.steps, d.trainX.features, d.testX.n]).toEqual([3, 3, 2, 2]);
    // Each window is [a, b] per step, oldest first (hand-written from the columns above).
    expect(windows(d.trainX)).toEqual([
      [3, 2, 1, 7, 4, 1],
      [1, 7, 4, 1, 1, 8],
      [4, 1, 1, 8, 5, 2],
    ]);
    expect(windows(d.testX)).toEqual([
      [1, 8, 5, 2, 9, 8],
      [5, 2, 9, 8, 2, 0],
    ]);
    expect([...d.trainY]).toEqual([1, 5, 9]);
    expect([...d.testY]).toEqual([2, 12]);
    expect([...d.trainSteps]).toEqual([3, 4, 5]);
    expect([...d.testSteps]).toEqual([6, 7]);
  });

  it('horizon 2: the window ends two steps before its target, and persistence forecasts a[T − 2]', () => {
    const d = prepareTableForecast(cols([0, 1], [0]), [sup(3, 2)], 2, 't');
    expect(windows(d.trainX)).toEqual([
      [3, 2, 1, 7, 4, 1],
      [1, 7, 4, 1, 1, 8],
    ]);
    expect(windows(d.testX)).toEqual([
      [4, 1, 1, 8, 5, 2],
      [1, 8, 5, 2, 9, 8],
    ]);
    expect([...d.trainY]).toEqual([5, 9]);
    expect([...d.testY]).toEqual([2, 12]);
    expect([...d.testSteps]).toEqual([6, 7]);
    // Forecasts a[4] = 5 for a[6] = 2 and a[5] = 9 for a[7] = 12: errors 3 and 3, RMSE 3, MAE 3.
    const [p] = forecastBaselines(['persistence'], d.targets, d.testSteps, ['rmse', 'mae'], d.horizon);
    expect(p!.metrics).toEqual({ rmse: 3, mae: 3 });
    expect(p!.predictions.map((x) => x.predicted)).toEqual([5, 9]);
  });

  it('two targets, one feature that is not a target: y interleaves the targets per row, metrics per target', () => {
    const d = prepareTableForecast(cols([1], [0, 1]), [sup(2, 1)], 1, 't');
    expect(windows(d.trainX)).toEqual([[2, 7], [7, 1], [1, 8], [8, 2], [2, 8]]);
    expect([...d.trainY]).toEqual([4, 1, 1, 8, 5, 2, 9, 8, 2, 0]);
    expect([...d.testY]).toEqual([12, 8]);
    const [p] = forecastBaselines(['persistence'], d.targets, d.testSteps, ['mae'], d.horizon);
    // a: forecast 2 for 12 → 10; b: forecast 0 for 8 → 8. The plain name is the first target's.
    expect(p!.metrics).toEqual({ mae: 10, 'mae:a': 10, 'mae:b': 8 });
  });
});

describe('per-column scalers fitted on the training rows only, and their inverses', () => {
  it('minmax: ranges from steps 0–5 (a: 1…9, b: 1…8), so test values outside them map outside [−1, 1]', () => {
    const d = prepareTableForecast(cols([0, 1], [0]), [sup(3, 1), { minmax: { min: -1, max: 1 } }], 2, 't');
    expect(d.testY[1]).toBeCloseTo(((12 - 1) / 8) * 2 - 1, 14); // 1.75
    // b[6] = 0 is the last step of the last test window: (0 − 1) / 7 · 2 − 1.
    expect(d.testX.data[(1 * 3 + 2) * 2 + 1]).toBeCloseTo(((0 - 1) / 7) * 2 - 1, 14);
    expect(d.trainX.data[0]).toBeCloseTo(((3 - 1) / 8) * 2 - 1, 14);
    d.testSteps.forEach((t, i) => expect(d.toRaw(d.testY[i]!, t)).toBeCloseTo(a[t]!, 12));
  });

  it('standardize: mean 23/6 and population std √269/6 of a[0…5], so a[7] = 12 maps to 49/√269', () => {
    const d = prepareTableForecast(cols([0, 1], [0]), [sup(3, 1), { standardize: {} }], 2, 't');
    expect(d.testY[1]).toBeCloseTo(49 / Math.sqrt(269), 13);
    // b[0…5] = 2 7 1 8 2 8: mean 14/3, Σx² = 186, variance 186/6 − (14/3)² = 83/9.
    expect(d.trainX.data[1]).toBeCloseTo((2 - 14 / 3) / Math.sqrt(83 / 9), 13);
    d.trainSteps.forEach((t, i) => expect(d.toRaw(d.trainY[i]!, t)).toBeCloseTo(a[t]!, 12));
    d.testSteps.forEach((t, i) => expect(d.toRaw(d.testY[i]!, t)).toBeCloseTo(a[t]!, 12));
  });

  it('difference + standardize: windows of changes, and toRaw adds back the value observed before each target', () => {
    const d = prepareTableForecast(cols([0, 1], [0, 1]), [{ difference: { interval: 1 } }, sup(2, 1), { standardize: {} }], 2, 't');
    // Changes start at step 1; the first target is step 1 + 2 = 3; 5 samples, 3 train.
    expect([...d.trainSteps]).toEqual([3, 4, 5]);
    for (const [k, col] of [a, b].entries()) {
      d.trainSteps.forEach((t, i) => expect(d.toRaw(d.trainY[i * 2 + k]!, t, k)).toBeCloseTo(col[t]!, 12));
      d.testSteps.forEach((t, i) => expect(d.toRaw(d.testY[i * 2 + k]!, t, k)).toBeCloseTo(col[t]!, 12));
    }
    // The scaler saw the changes of steps 1–5 only: Δa = −2 3 −3 4 4, mean 6/5.
    const da = [-2, 3, -3, 4, 4];
    const sd = Math.sqrt(da.reduce((s, v) => s + v * v, 0) / 5 - (6 / 5) ** 2);
    expect(d.testY[2]).toBeCloseTo((12 - 2 - 6 / 5) / sd, 13); // Δa[7] = 10
  });
});

describe('table framing refusals', () => {
  it('refuses a difference interval shorter than the horizon, naming the step', () => {
    expect(() => prepareTableForecast(cols([0], [0]), [{ difference: { interval: 1 } }, sup(2, 2)], 1, 't')).toThrow(/^preprocessing\[0\]\.difference\.interval: 1 is shorter than the horizon 2/);
  });
  it('refuses a table too short for lag, horizon and testSize', () => {
    expect(() => prepareTableForecast(cols([0], [0]), [sup(3, 2)], 4, 't.csv')).toThrow(/^t\.csv: 8 rows give 4 windows of 3 steps \(horizon 2\), fewer than evaluation\.testSize 4 \+ 1 training window/);
  });
  it('reads a stored spec from before horizons (supervised without one) as horizon 1', () => {
    expect(readPipeline([{ supervised: { lag: 2 } } as PreprocessStep]).horizon).toBe(1);
  });
});
