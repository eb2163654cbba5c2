import { describe, expect, it } from 'vitest';
import { gradientCases } from './cases.js';
import { compareGradients, finiteDifferenceGradients, rejected } from './gradient-checks.js';
import { FD_TOLERANCE } from './gradient-suites.js';

// The checker itself: a gradient wrong by a small planted amount must fail the finite-difference bound.
const PLANTED = 5e-5;
const FORMER_TOLERANCE = 1e-4;

/** Scales the output-gate block (gate order i, f, c, o: the last quarter of each row) of an LSTM weight tensor. */
function plantInOutputGate(values: Float64Array, units: number, factor: number): Float64Array {
  const out = Float64Array.from(values);
  const width = 4 * units;
  for (let k = 0; k < out.length; k++) if (k % width >= 3 * units) out[k] = out[k]! * factor;
  return out;
}

describe('the finite-difference checker', () => {
  for (const name of ['LSTM → Dense, mse (shampoo shape)', 'LSTM → Dense, mse, batch 4 × 6 steps']) {
    it(`rejects a planted ${PLANTED} relative error in the LSTM output-gate gradient (${name}), which ${FORMER_TOLERANCE} accepted`, () => {
      const c = gradientCases.find((g) => g.name === name)!;
      const pairs = finiteDifferenceGradients(c);
      const units = (c.layers[0] as { lstm: { units: number } }).lstm.units;
      expect(rejected(compareGradients(pairs), FD_TOLERANCE)).toEqual([]);
      // One step (shampoo shape): dW_o = xᵀ·dz_o, so scaling the o block is exactly a 5e-5 error in dz_o.
      const planted = pairs.map((p) => (p.name.includes('.lstm.') ? { ...p, analytic: plantInOutputGate(p.analytic, units, 1 + PLANTED) } : p));
      const result = compareGradients(planted);
      // The error is relative to each tensor's largest entry, so a block of small gradients dilutes it (shampoo
      // shape: the o block's largest gradient is ≈ 3 % of the tensor's, giving 1.4e-6): still above the bound.
      expect(rejected(result, FD_TOLERANCE)).toEqual(['layers[0].lstm.kernel', 'layers[0].lstm.recurrentKernel', 'layers[0].lstm.bias']);
      expect(rejected(result, FORMER_TOLERANCE)).toEqual([]);
    });

    it(`rejects one output-gate entry off by ${PLANTED} of the tensor's scale (${name}), which ${FORMER_TOLERANCE} accepted`, () => {
      const c = gradientCases.find((g) => g.name === name)!;
      const pairs = finiteDifferenceGradients(c);
      const units = (c.layers[0] as { lstm: { units: number } }).lstm.units;
      const kernel = pairs.find((p) => p.name === 'layers[0].lstm.kernel')!;
      const scale = Math.max(...Array.from(kernel.reference, Math.abs));
      const analytic = Float64Array.from(kernel.analytic);
      analytic[3 * units] = analytic[3 * units]! + PLANTED * scale; // row 0, first unit of the o block
      const result = compareGradients(pairs.map((p) => (p === kernel ? { ...p, analytic } : p)));
      expect(result.errors['layers[0].lstm.kernel']).toBeGreaterThan(0.99 * PLANTED);
      expect(rejected(result, FD_TOLERANCE)).toEqual(['layers[0].lstm.kernel']);
      expect(rejected(result, FORMER_TOLERANCE)).toEqual([]);
    });
  }

  it('rejects NaN gradients and a loss error above the bound', () => {
    expect(rejected({ errors: { w: Number.NaN }, worst: Number.NaN, loss: 0 }, 1)).toEqual(['w']);
    expect(rejected({ errors: { w: 0 }, worst: 0, loss: 2e-6 }, FD_TOLERANCE)).toEqual(['loss']);
  });
});
