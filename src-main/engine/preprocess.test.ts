import { describe, expect, it } from 'vitest';
import { difference, fitMinMax, fitStandardize, scaleRows, scaleValue, standardizeValue, supervised, undifference, unscaleValue, unstandardizeValue } from './preprocess.js';
import { SHAMPOO } from '../../testing/forecast/shampoo.js';

describe('preprocessing (the seed protocol)', () => {
  it('difference → supervised → scale → inverse scale → undifference reproduces the series', () => {
    const d = difference(SHAMPOO, 1);
    expect(d).toHaveLength(35);
    const rows = supervised(d, 1);
    const train = rows.slice(0, rows.length - 12);
    const scaler = fitMinMax(train, -1, 1);
    const scaled = scaleRows(scaler, rows);
    // Invert each target: scale column 1 back, then add the previous raw value.
    scaled.forEach((row, i) => {
      const t = i + 1; // raw index of row i's target
      const back = undifference(unscaleValue(scaler, 1, row[1]!), SHAMPOO, t, 1);
      expect(back).toBeCloseTo(SHAMPOO[t]!, 9); // scale and unscale of values ≈ 100–700 in float64: rounding ≈ 1e-13
    });
  });

  it('frames lag columns like pandas shift + fillna(0)', () => {
    expect(supervised([1, 2, 3], 1).map((r) => [...r])).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(supervised([1, 2, 3], 2).map((r) => [...r])).toEqual([[0, 0, 1], [1, 0, 2], [2, 1, 3]]);
  });

  it('fits the scaler on training rows only: training extremes map to ±1, test values may fall outside', () => {
    const rows = supervised(difference(SHAMPOO, 1), 1);
    const train = rows.slice(0, 23);
    const scaler = fitMinMax(train, -1, 1);
    const trainTargets = train.map((r) => r[1]!);
    expect(scaler.dataMin[1]).toBe(Math.min(...trainTargets));
    expect(scaler.dataMax[1]).toBe(Math.max(...trainTargets));
    // The largest test difference (+274.4, month 32→33) exceeds every training difference.
    const testMax = Math.max(...rows.slice(23).map((r) => r[1]!));
    expect(testMax).toBeCloseTo(274.4, 9); // 682.0 − 407.6 in float64: off by rounding (≈ 1e-13) only
    expect(scaleValue(scaler, 1, testMax)).toBeGreaterThan(1);
    // Hand check of one value: x = min → -1, x = max → +1, midpoint → 0.
    expect(scaleValue(scaler, 1, scaler.dataMin[1]!)).toBe(-1);
    expect(scaleValue(scaler, 1, (scaler.dataMin[1]! + scaler.dataMax[1]!) / 2)).toBeCloseTo(0, 12); // float64 rounding only
  });

  it('rejects a series too short to difference', () => {
    expect(() => difference([1], 1)).toThrow(/too short/);
  });

  it('standardize: per-column mean and population std (sklearn StandardScaler), a constant column std 1, inverse exact', () => {
    // Column 0: 1 2 3 6 → mean 3, squared deviations 4 1 0 9 → variance 14/4, std √3.5. Column 1 constant.
    const s = fitStandardize([Float64Array.of(1, 5), Float64Array.of(2, 5), Float64Array.of(3, 5), Float64Array.of(6, 5)]);
    expect([...s.mean]).toEqual([3, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(s.std[1]).toBe(1);
    expect(standardizeValue(s, 0, 6)).toBeCloseTo(3 / Math.sqrt(3.5), 15);
    expect(standardizeValue(s, 1, 5)).toBe(0);
    for (const x of [-4, 0, 2.5, 1e3]) expect(unstandardizeValue(s, 0, standardizeValue(s, 0, x))).toBeCloseTo(x, 12);
    expect(() => fitStandardize([])).toThrow(/no rows/);
  });
});
