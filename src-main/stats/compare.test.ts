import { describe, expect, it } from 'vitest';
import { welch } from './compare.js';

describe('Welch t test', () => {
  it('matches a worked example (independent: Simpson integration of the t density)', () => {
    // a = [1, 2, 3, 4], b = [2, 4, 6, 8, 10]: diff −3.5, se² = 1.6667/4 + 10/5 = 2.41667, se = 1.55456,
    // t = −2.25144, ν = 2.41667² / (0.41667²/3 + 2²/4) = 5.5208; p = 0.0691336 (2·∫ t-density from |t| to ∞, Simpson, 2e5 panels).
    const r = welch([1, 2, 3, 4], [2, 4, 6, 8, 10]);
    expect(r.meanDiff).toBeCloseTo(-3.5, 12); // exact in float64 up to rounding
    expect(r.pValue).toBeCloseTo(0.0691336, 6); // the worked p is given to 7 decimals (Simpson error ≪ 1e-7)
    expect(r.ciHigh - r.meanDiff).toBeCloseTo(r.meanDiff - r.ciLow, 12);
  });

  it('returns NaN where a group has fewer than two values', () => {
    expect(welch([1], [1, 2]).pValue).toBeNaN();
  });
});
