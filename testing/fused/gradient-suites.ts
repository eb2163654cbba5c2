import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradientCase } from './cases.js';
import { finiteDifferenceCheck, rejected, tfjsCheck } from './gradient-checks.js';

/**
 * Bound for central finite differences in Float64, max|Δ| / max|g| per tensor (DESIGN.md: ≤ 1e-6). With
 * h = 1e-5 the truncation error is ≈ h²·|f'''|/6 ≈ 1e-11 and the rounding error ≈ ε·|loss|/h ≈ 1e-11 relative to
 * gradients of order 0.1–1; the worst measured over all 58 cases is 5.4e-8 (small gradients against that rounding).
 * 1e-6 keeps an 18× margin over it and rejects a planted 5e-5 error in the LSTM output-gate gradient
 * (testing/fused/gradient-checks.test.ts), which the former 1e-4 let through.
 */
export const FD_TOLERANCE = 1e-6;
/**
 * Bound against tfjs (DESIGN.md: ≤ 1e-5): tfjs' cpu backend computes in float32 (ε ≈ 6e-8 per operation,
 * accumulated over steps and sums; worst measured ≈ 1.4e-6), the fused side in Float64.
 */
export const TFJS_TOLERANCE = 1e-5;

/** Registers the finite-difference suite for `cases` (test helper); reports the worst error per case after it. */
export function finiteDifferenceSuite(title: string, cases: readonly GradientCase[]): void {
  describe(`${title}: fused gradients equal central finite differences (Float64)`, () => {
    const worst: Record<string, number> = {};
    afterAll(() => console.log(`${title}, finite differences, max relative error (bound ${FD_TOLERANCE}):`, worst));
    for (const c of cases) {
      it(c.name, () => {
        const r = finiteDifferenceCheck(c);
        worst[c.name] = r.worst;
        expect(rejected(r, FD_TOLERANCE), JSON.stringify(r.errors)).toEqual([]);
      });
    }
  });
}

/** Registers the tfjs `variableGrads` suite for the cases tfjs can express (test helper); reports after it. */
export function tfjsSuite(title: string, cases: readonly GradientCase[]): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  describe(`${title}: fused gradients equal tfjs variableGrads`, () => {
    const worst: Record<string, { grad: number; loss: number }> = {};
    afterAll(() => console.log(`${title}, tfjs variableGrads, max relative error (bound ${TFJS_TOLERANCE}):`, worst));
    for (const c of cases) {
      if (c.noTfjs !== undefined) continue;
      it(c.name, () => {
        const r = tfjsCheck(c);
        worst[c.name] = { grad: r.worst, loss: r.loss };
        expect(rejected(r, TFJS_TOLERANCE), JSON.stringify(r)).toEqual([]);
      });
    }
  });
}

/** Both suites for `cases`: finite differences for every case, tfjs for those it can express. */
export function gradientSuites(title: string, cases: readonly GradientCase[]): void {
  finiteDifferenceSuite(title, cases);
  tfjsSuite(title, cases);
}
