import { describe, expect, it } from 'vitest';
import { fmt, fmtDuration, fmtMeanStd, fmtP } from './format.js';
import { fiveNumbers, jitter, mean, niceExtent, niceInterval, quantile, std } from './stats.js';

describe('stats', () => {
  it('computes mean, sample std and linear quantiles', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(fiveNumbers([5, 1, 3])).toEqual([1, 2, 3, 4, 5]);
  });

  it('jitters reproducibly inside the width', () => {
    for (let i = 0; i < 200; i++) {
      expect(Math.abs(jitter(2, i, 0.4))).toBeLessThanOrEqual(0.2);
      expect(jitter(2, i, 0.4)).toBe(jitter(2, i, 0.4));
    }
    expect(jitter(0, 1)).not.toBe(jitter(1, 0));
  });

  it('finds nice axis extents that cover the data', () => {
    expect(niceExtent(93.2, 148.7)).toEqual([80, 160]);
    expect(niceExtent(0.1, 0.3)).toEqual([0.05, 0.35]);
    const [lo, hi] = niceExtent(5, 5);
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(5);
  });
});

describe('format', () => {
  it('shows three decimals and dashes for missing values', () => {
    expect(fmt(1.23456)).toBe('1.235');
    expect(fmt(null)).toBe('—');
    expect(fmt(NaN)).toBe('—');
    expect(fmtP(0.0001)).toBe('< 0.001');
    expect(fmtP(0.04567)).toBe('0.046');
    expect(fmtMeanStd(1, 0.5)).toBe('1.000 ± 0.500');
    expect(fmtDuration(1500)).toBe('1.5 s');
    expect(fmtDuration(125_000)).toBe('2 min 05 s');
  });
});

describe('niceInterval', () => {
  it('picks a 1-2-5 step that meets both ends of the extent', () => {
    expect(niceInterval(0.8, 1)).toBeCloseTo(0.05, 12);
    expect(niceInterval(0.76, 0.84)).toBeCloseTo(0.02, 12);
    expect(niceInterval(0, 10)).toBe(2);
    expect(niceInterval(0.7, 1.3, 5)).toBeCloseTo(0.1, 12);
  });

  it('falls back to even fifths and survives an empty extent', () => {
    expect(niceInterval(0.13, 0.91)).toBeCloseTo(0.78 / 5, 12);
    expect(niceInterval(1, 1)).toBe(1);
  });
});
