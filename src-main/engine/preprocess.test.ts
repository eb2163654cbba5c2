import { describe, expect, it } from 'vitest';
import { difference, fitMinMax, scaleRows, scaleValue, supervised, undifference, unscaleValue } from './preprocess.js';
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
});
