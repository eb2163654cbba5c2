import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientCases } from './cases.js';
import { caseData, relativeError } from './check-data.js';
import { FusedModel } from './model.js';
import { TfjsOracle } from './tfjs-oracle.js';

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
      const d = caseData(c);
      const model = new FusedModel(d.request, { loss: c.loss });
      if (c.warm) model.lossAndGradients(d.warmX, d.warmY);
      const states = model.getStates();
      const loss = model.lossAndGradients(d.x, d.y);
      const ours = model.getGradients();
      const oracle = new TfjsOracle(d.request.model, d.x.n, c.steps, c.features, model.getWeights());
      const ref = oracle.lossAndGradients(d.x, d.y, c.loss, states);
      oracle.dispose();
      const lossErr = Math.abs(loss - ref.loss) / Math.abs(ref.loss);
      expect(lossErr).toBeLessThanOrEqual(TOLERANCE);
      let gradErr = 0;
      ours.forEach((g, i) => {
        const err = relativeError(g.values, ref.grads[i]!);
        gradErr = Math.max(gradErr, err);
        expect(err, g.name).toBeLessThanOrEqual(TOLERANCE);
      });
      worst[c.name] = { grad: gradErr, loss: lossErr };
    });
  }
  it('reports the worst errors', () => {
    console.log('tfjs variableGrads, max relative error per case:', worst);
  });
});
