import { describe, expect, it } from 'vitest';
import { forecastBaselines } from './baselines.js';
import { prepareForecast } from './prepare.js';
import { SHAMPOO } from '../../../testing/forecast/shampoo.js';

const steps = [{ difference: { interval: 1 } }, { supervised: { lag: 1 } }, { minmax: { min: -1, max: 1 } }];

describe('walk-forward data and the persistence baseline', () => {
  it('frames shampoo as 23 training rows and 12 test rows whose targets are months 25–36', () => {
    const data = prepareForecast(Float64Array.from(SHAMPOO), steps, 12, 'shampoo');
    expect(data.trainX.n).toBe(23);
    expect(data.testX.n).toBe(12);
    expect([...data.testSteps]).toEqual(Array.from({ length: 12 }, (_, i) => 24 + i));
    // toRaw inverts scaling and differencing: feeding the true scaled target gives the true value back.
    data.testSteps.forEach((t, i) => expect(data.toRaw(data.testY[i]!, t)).toBeCloseTo(SHAMPOO[t]!, 9));
  });

  it('persistence RMSE on shampoo is 136.761 (REFERENCE.md), to 1e-3', () => {
    const data = prepareForecast(Float64Array.from(SHAMPOO), steps, 12, 'shampoo');
    const [persistence] = forecastBaselines(['persistence'], data.raw, data.testSteps, ['rmse', 'mae', 'mape']);
    expect(persistence!.metrics.rmse).toBeCloseTo(136.761, 3);
    expect(Math.abs(persistence!.metrics.rmse! - 136.7613)).toBeLessThan(1e-3);
  });

  it('refuses a test split that leaves no training rows, naming testSize', () => {
    expect(() => prepareForecast(Float64Array.from(SHAMPOO.slice(0, 10)), steps, 12, 'short.csv')).toThrow(/testSize 12/);
  });
});
