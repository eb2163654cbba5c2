import { mean } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { bootstrapInterval } from './bootstrap.js';
import { effectSizes } from './effect-size-cis.js';
import { cliffsDelta, hedgesG, probabilityOfSuperiority } from './effect-sizes.js';
import { pairedT } from './paired-t.js';

const meanDiff = (a: readonly number[], b: readonly number[]) => (mean(a) ?? NaN) - (mean(b) ?? NaN);
const pairedMeanDiff = (a: readonly number[], b: readonly number[]) => (mean(a.map((v, i) => v - b[i]!)) ?? NaN);
const pairedCase = (name: string) => statsFixtures.paired.find((c) => c.name === name)!;
const unpairedCase = (name: string) => statsFixtures.unpaired.find((c) => c.name === name)!;

describe('seeded percentile bootstrap', () => {
  const { a, b } = pairedCase('60 pairs, continuous');

  it('is reproducible per seed and changes with the seed', () => {
    const one = bootstrapInterval(a, b, 'paired', pairedMeanDiff, { seed: 7 });
    const again = bootstrapInterval(a, b, 'paired', pairedMeanDiff, { seed: 7 });
    const other = bootstrapInterval(a, b, 'paired', pairedMeanDiff, { seed: 8 });
    expect(again).toEqual(one);
    expect(other.low).not.toBe(one.low);
    expect(one).toMatchObject({ level: 0.95, resamples: 2000, seed: 7, method: 'percentile', undefinedResamples: 0 });
  });

  it('keeps pairs together in the paired design', () => {
    // A = B pair by pair: every paired resample has difference 0; unpaired resamples do not.
    const x = [1, 2, 3, 4];
    expect(bootstrapInterval(x, x, 'paired', meanDiff, { seed: 1 })).toMatchObject({ low: 0, high: 0 });
    const unpaired = bootstrapInterval(x, x, 'unpaired', meanDiff, { seed: 1 });
    expect(unpaired.low).toBeLessThan(0);
    expect(unpaired.high).toBeGreaterThan(0);
  });

  it('takes the percentiles of the exact bootstrap law on a tiny sample', () => {
    // Two pairs with differences 1 and 3: a resampled mean is 1, 2 or 3 with probability ¼, ½, ¼, so the 2.5 % and
    // 97.5 % quantiles of 2000 resamples are 1 and 3 unless fewer than 51 of them hit an end (probability < 1e-80).
    expect(bootstrapInterval([1, 3], [0, 0], 'paired', pairedMeanDiff, { seed: 3 })).toMatchObject({ low: 1, high: 3 });
    const narrow = bootstrapInterval([1, 3], [0, 0], 'paired', pairedMeanDiff, { seed: 3, level: 0.4 });
    expect([narrow.low, narrow.high]).toEqual([2, 2]); // 30 % and 70 % quantiles fall inside the ½ mass at 2
  });

  it('agrees with the t interval of a mean difference on 60 normal-ish pairs', () => {
    // Percentile bootstrap ≈ mean ± 1.96·sd/√n vs t(0.975, 59) = 2.001: ends within 10 % of the half-width
    // (the t/z gap is 2 %, Monte-Carlo error of a 2.5 % quantile from 4000 resamples is about 4 %).
    const t = pairedT(a, b);
    const boot = bootstrapInterval(a, b, 'paired', pairedMeanDiff, { seed: 11, resamples: 4000 });
    const half = (t.ciHigh - t.ciLow) / 2;
    expect(Math.abs(boot.low - t.ciLow)).toBeLessThan(0.1 * half);
    expect(Math.abs(boot.high - t.ciHigh)).toBeLessThan(0.1 * half);
  });

  it('counts resamples whose statistic is undefined', () => {
    // Hedges' g is NaN when both resamples are constant: b always is, and a resample of a = [1, 1, 2] is constant
    // with probability (2/3)³ + (1/3)³ = 1/3, so about a third of the resamples are dropped, not all.
    const r = bootstrapInterval([1, 1, 2], [5, 5, 5], 'unpaired', hedgesG, { seed: 5 });
    // Binomial(2000, 1/3): mean 667, sd 21; ±6 sd.
    expect(Math.abs(r.undefinedResamples - 2000 / 3)).toBeLessThan(6 * 21);
  });

  it('refuses bad settings with one line', () => {
    expect(() => bootstrapInterval([1], [1], 'paired', meanDiff, { seed: 1, resamples: 0 })).toThrow(/resamples 0 must be a positive whole number/);
    expect(() => bootstrapInterval([1, 2], [1], 'paired', meanDiff, { seed: 1 })).toThrow(/paired samples need equal lengths/);
    expect(() => bootstrapInterval([1], [1], 'paired', meanDiff, { seed: 1, level: 95 })).toThrow(/level 95 must lie strictly between 0 and 1/);
  });
});

describe('effect sizes with CIs', () => {
  it('puts each point estimate inside its interval and reproduces per seed', () => {
    const { a, b } = pairedCase('30 pairs, continuous');
    const r = effectSizes(a, b, 'paired', { seed: 42 });
    expect(r.meanDiff).toEqual(pairedT(a, b));
    expect(r.hedgesG.estimate).toBe(hedgesG(a, b));
    expect(r.cliffsDelta.estimate).toBe(cliffsDelta(a, b));
    expect(r.pSuperiority.estimate).toBe(probabilityOfSuperiority(a, b, true));
    for (const e of [r.hedgesG, r.cliffsDelta, r.pSuperiority]) {
      expect(e.ci.low).toBeLessThanOrEqual(e.estimate);
      expect(e.ci.high).toBeGreaterThanOrEqual(e.estimate);
    }
    expect(effectSizes(a, b, 'paired', { seed: 42 })).toEqual(r);
  });

  it('uses Welch for the mean difference and all-pairs P(A > B) when unpaired', () => {
    const c = unpairedCase('30 vs 30, rounded (ties)');
    const r = effectSizes(c.a, c.b, 'unpaired', { seed: 1, resamples: 200 });
    expect(Math.abs(r.meanDiff.pValue - c.welch.p)).toBeLessThan(1e-6);
    expect(Math.abs(r.pSuperiority.estimate - c.pSuperiority)).toBeLessThan(1e-12);
  });
});
