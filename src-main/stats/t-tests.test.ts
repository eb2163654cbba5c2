import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { correctedResampledT } from './corrected-t.js';
import { pairedT } from './paired-t.js';
import { welchT } from './welch-t.js';
import type { TTestResult } from './t-test.js';
import type { TFixture } from '../../testing/stats/fixtures.js';

// Tolerance: 1e-6 absolute on t, p and CI ends (the bar); scipy and jstat agree far closer than that.
function expectMatches(r: TTestResult, f: TFixture) {
  expect(Math.abs(r.t - f.t)).toBeLessThan(1e-6);
  expect(Math.abs(r.df - f.df)).toBeLessThan(1e-6);
  expect(Math.abs(r.pValue - f.p)).toBeLessThan(1e-6);
  expect(Math.abs(r.ciLow - f.ciLow)).toBeLessThan(1e-6);
  expect(Math.abs(r.ciHigh - f.ciHigh)).toBeLessThan(1e-6);
}

describe('t tests against scipy', () => {
  for (const c of statsFixtures.unpaired) {
    it(`Welch (ttest_ind equal_var=False): ${c.name}`, () => expectMatches(welchT(c.a, c.b), c.welch));
  }
  for (const c of statsFixtures.paired) {
    it(`paired (ttest_rel): ${c.name}`, () => expectMatches(pairedT(c.a, c.b), c.pairedT));
  }
  for (const c of statsFixtures.corrected) {
    it(`corrected resampled (Weka's formula): ${c.name}`, () =>
      expectMatches(correctedResampledT(c.differences, { nTrain: c.nTrain, nTest: c.nTest }), c.expected));
  }

  it('the corrected test is more conservative than the plain one-sample t on the same differences', () => {
    const d = statsFixtures.corrected[0]!.differences;
    const plain = pairedT(d, d.map(() => 0));
    const corrected = correctedResampledT(d, { nTrain: 900, nTest: 100 });
    expect(corrected.pValue).toBeGreaterThan(plain.pValue);
    // Same estimate; the variance factor is (1/k + 1/9)/(1/k) = 1 + 100/9, so |t| shrinks by √(1 + 100/9).
    expect(corrected.t).toBeCloseTo(plain.t / Math.sqrt(1 + 100 / 9), 12);
  });

  it('refuses unequal paired lengths and non-finite values with one line', () => {
    expect(() => pairedT([1, 2, 3], [1, 2])).toThrow(/paired samples need equal lengths \(A has 3, B has 2\)/);
    expect(() => welchT([1, NaN], [1, 2])).toThrow(/sample A: value 1 is NaN/);
    expect(() => correctedResampledT([0.1, 0.2], { nTrain: 0, nTest: 10 })).toThrow(/must be positive/);
  });

  it('gives NaN p below two values and p = 1 for equal constant samples', () => {
    expect(pairedT([1], [2]).pValue).toBeNaN();
    expect(welchT([2, 2], [2, 2]).pValue).toBe(1);
  });
});
