import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientCases } from '../../../testing/fused/cases.js';
import { tfjsCheck } from '../../../testing/fused/gradient-checks.js';

// tfjs computes in float32 (the cpu backend has no float64), so its gradients carry rounding errors of
// order 1e-7 relative per operation, accumulated over steps and sums; the fused side is Float64. The
// bound below is the brief's 1e-5, measured per tensor as max|Δ| / max|reference|.
const TOLERANCE = 1e-5;
const worst: Record<string, { grad: number; loss: number }> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fused gradients equal tfjs variableGrads on the same weights and inputs', () => {
  for (const c of gradientCases) {
    it(c.name, () => {
      const result = tfjsCheck(c);
      expect(result.loss).toBeLessThanOrEqual(TOLERANCE);
      for (const [name, err] of Object.entries(result.errors)) expect(err, name).toBeLessThanOrEqual(TOLERANCE);
      worst[c.name] = { grad: result.worst, loss: result.loss };
    });
  }
  it('reports the worst errors', () => {
    console.log('tfjs variableGrads, max relative error per case:', worst);
  });
});
