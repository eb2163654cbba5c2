import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradientCase } from './cases.js';
import { finiteDifferenceCheck, tfjsCheck } from './gradient-checks.js';

/** Bound for central finite differences in Float64 (h = 1e-5: truncation ≈ 1e-10, rounding ≈ 1e-11). */
export const FD_TOLERANCE = 1e-4;
/** Bound against tfjs, which computes in float32 (relative rounding ≈ 1e-7 per operation, accumulated). */
export const TFJS_TOLERANCE = 1e-5;

/**
 * Registers the two gradient suites for `cases` (test helper): central finite differences for every case and
 * tfjs `variableGrads` for the cases tfjs can express; logs the worst error per case.
 */
export function gradientSuites(title: string, cases: readonly GradientCase[]): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  describe(`${title}: fused gradients equal central finite differences (Float64)`, () => {
    const worst: Record<string, number> = {};
    for (const c of cases) {
      it(c.name, () => {
        const r = finiteDifferenceCheck(c);
        for (const [name, err] of Object.entries(r.errors)) expect(err, name).toBeLessThanOrEqual(FD_TOLERANCE);
        worst[c.name] = r.worst;
      });
    }
    it('reports the worst errors', () => console.log(`${title}, finite differences, max relative error:`, worst));
  });
  describe(`${title}: fused gradients equal tfjs variableGrads`, () => {
    const worst: Record<string, { grad: number; loss: number }> = {};
    for (const c of cases) {
      if (c.noTfjs !== undefined) continue;
      it(c.name, () => {
        const r = tfjsCheck(c);
        expect(r.loss).toBeLessThanOrEqual(TFJS_TOLERANCE);
        for (const [name, err] of Object.entries(r.errors)) expect(err, name).toBeLessThanOrEqual(TFJS_TOLERANCE);
        worst[c.name] = { grad: r.worst, loss: r.loss };
      });
    }
    it('reports the worst errors', () => console.log(`${title}, tfjs variableGrads, max relative error:`, worst));
  });
}
