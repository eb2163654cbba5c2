import { describe, expect, it } from 'vitest';
import { gradientCases } from './cases.js';
import { caseData, relativeError } from './check-data.js';
import { FusedModel } from './model.js';

// Central differences in Float64 over every parameter: h = 1e-5 leaves a truncation error of order
// h²·f''' ≈ 1e-10 and a rounding error of order 1e-16/h ≈ 1e-11, far below the 1e-4 bound.
const H = 1e-5;
const worst: Record<string, number> = {};

describe('fused gradients equal central finite differences (Float64)', () => {
  for (const c of gradientCases) {
    it(c.name, () => {
      const d = caseData(c);
      const model = new FusedModel(d.request, { loss: c.loss });
      if (c.warm) model.lossAndGradients(d.warmX, d.warmY);
      const states = model.getStates();
      model.lossAndGradients(d.x, d.y);
      const analytic = model.getGradients();
      const lossAt = (): number => {
        model.setStates(states);
        return model.lossAndGradients(d.x, d.y);
      };
      let caseWorst = 0;
      let offset = 0;
      for (const g of analytic) {
        const numeric = new Float64Array(g.values.length);
        for (let i = 0; i < g.values.length; i++) {
          const k = offset + i;
          const w = model.params[k]!;
          model.params[k] = w + H;
          const up = lossAt();
          model.params[k] = w - H;
          const down = lossAt();
          model.params[k] = w;
          numeric[i] = (up - down) / (2 * H);
        }
        offset += g.values.length;
        const err = relativeError(g.values, numeric);
        caseWorst = Math.max(caseWorst, err);
        expect(err, `${g.name}`).toBeLessThanOrEqual(1e-4);
      }
      worst[c.name] = caseWorst;
    });
  }
  it('reports the worst errors', () => {
    console.log('finite differences, max relative error per case:', worst);
  });
});
