import { describe, expect, it } from 'vitest';
import { statsFixtures } from '../../testing/stats/fixtures.js';
import { cliffsDelta, hedgesCorrection, hedgesG, probabilityOfSuperiority } from './effect-sizes.js';

describe('effect sizes against the fixture script (numpy, scipy.special.gamma, brute-force pair counts)', () => {
  for (const c of statsFixtures.unpaired) {
    it(`unpaired: ${c.name}`, () => {
      expect(Math.abs(hedgesG(c.a, c.b) - c.hedgesG)).toBeLessThan(1e-9);
      expect(Math.abs(probabilityOfSuperiority(c.a, c.b, false) - c.pSuperiority)).toBeLessThan(1e-12);
      expect(Math.abs(cliffsDelta(c.a, c.b) - c.cliffsDelta)).toBeLessThan(1e-12);
    });
  }
  for (const c of statsFixtures.paired) {
    it(`paired P(A > B): ${c.name}`, () => {
      expect(Math.abs(probabilityOfSuperiority(c.a, c.b, true) - c.pSuperiorityPaired)).toBeLessThan(1e-12);
    });
  }

  it("uses Hedges' exact correction J(df) = Γ(df/2)/(√(df/2)·Γ((df − 1)/2))", () => {
    for (const [df, j] of Object.entries(statsFixtures.hedgesCorrection)) {
      expect(Math.abs(hedgesCorrection(Number(df)) - j)).toBeLessThan(1e-9);
    }
    // …close to the usual approximation 1 − 3/(4·df − 1), whose error is O(1/df²) (≈ 1e-5 at df = 58).
    expect(hedgesCorrection(58)).toBeCloseTo(1 - 3 / (4 * 58 - 1), 4);
  });

  it('counts ties as half and relates δ to U', () => {
    // a = [1, 2], b = [2, 3]: pairs (1,2) <, (1,3) <, (2,2) =, (2,3) < → P(A > B) = 0.5/4, δ = 2·0.125 − 1.
    expect(probabilityOfSuperiority([1, 2], [2, 3], false)).toBe(0.125);
    expect(cliffsDelta([1, 2], [2, 3])).toBe(-0.75);
    // Paired: (1,2) <, (2,3) < → 0; a repeat that ties counts ½.
    expect(probabilityOfSuperiority([1, 3], [2, 3], true)).toBe(0.25);
  });

  it('gives NaN for g when it cannot be formed', () => {
    expect(hedgesG([1], [1, 2])).toBeNaN();
    expect(hedgesG([1, 1], [1, 1])).toBeNaN();
  });
});
