import { describe as suite, expect, it } from 'vitest';
import { describe, summarize } from './describe.js';

suite('describe() as pandas', () => {
  it('matches quantiles worked out by hand on [1, 2, 4, 7, 11]', () => {
    // Linear interpolation at position p·(n − 1): 25 % → index 1 → 2; 50 % → index 2 → 4; 75 % → index 3 → 7.
    const d = describe([7, 1, 11, 4, 2]);
    expect(d).toMatchObject({ count: 5, mean: 5, min: 1, q25: 2, q50: 4, q75: 7, max: 11 });
    // Sample variance: Σ(x − 5)² / 4 = (16 + 9 + 1 + 4 + 36) / 4 = 16.5.
    expect(d.std).toBeCloseTo(Math.sqrt(16.5), 12); // the same float64 value up to rounding of 5 terms
  });

  it('interpolates between order statistics on an even count', () => {
    // [10, 20, 30, 40]: 25 % at position 0.75 → 10 + 0.75·10 = 17.5; 50 % at 1.5 → 25; 75 % at 2.25 → 32.5.
    const d = describe([40, 10, 30, 20]);
    expect([d.q25, d.q50, d.q75]).toEqual([17.5, 25, 32.5]);
  });

  it('gives NaN std for one value and NaN everything for none, like pandas', () => {
    expect(describe([3]).std).toBeNaN();
    expect(describe([]).count).toBe(0);
    expect(describe([]).mean).toBeNaN();
  });

  it('adds SEM and a t-based 95 % CI', () => {
    const s = summarize([7, 1, 11, 4, 2]);
    expect(s.sem).toBeCloseTo(Math.sqrt(16.5) / Math.sqrt(5), 12); // float64 rounding only
    // t(0.975, 4) = 2.776445 (tables, 6 decimals): 5 decimals of the half-width (sem ≈ 1.8) allows for that rounding.
    expect(s.ciHigh - s.mean).toBeCloseTo(2.776445 * s.sem, 5);
  });
});
