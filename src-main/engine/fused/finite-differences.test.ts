import { describe, expect, it } from 'vitest';
import { gradientCases } from '../../../testing/fused/cases.js';
import { finiteDifferenceCheck } from '../../../testing/fused/gradient-checks.js';

// Central differences in Float64 over every parameter: h = 1e-5 leaves a truncation error of order
// h²·f''' ≈ 1e-10 and a rounding error of order 1e-16/h ≈ 1e-11, far below the 1e-4 bound.
const worst: Record<string, number> = {};

describe('fused gradients equal central finite differences (Float64)', () => {
  for (const c of gradientCases) {
    it(c.name, () => {
      const result = finiteDifferenceCheck(c, 1e-5);
      for (const [name, err] of Object.entries(result.errors)) expect(err, name).toBeLessThanOrEqual(1e-4);
      worst[c.name] = result.worst;
    });
  }
  it('reports the worst errors', () => {
    console.log('finite differences, max relative error per case:', worst);
  });
});
