import { describe, expect, it } from 'vitest';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { FusedModel } from './model.js';

const input = { batchSize: 4, steps: 3, features: 2 };
const withDropout = (rate: number) => [{ lstm: { units: 3, returnSequences: true } }, { dropout: { rate } }, { lstm: { units: 3 } }, { dense: { units: 2 } }];
const without = [{ lstm: { units: 3, returnSequences: true } }, { lstm: { units: 3 } }, { dense: { units: 2 } }];
const x = randomSequences(4, 3, 2, 1);
const y = randomTargets(4 * 2, 2);

describe('Dropout (fused)', () => {
  it('rate 0 is exactly the model without the layer (same weights, loss, gradients, predictions)', () => {
    const a = new FusedModel(makeRequest(withDropout(0), input, { seed: 4 }));
    const b = new FusedModel(makeRequest(without, input, { seed: 4 }));
    expect(a.lossAndGradients(x, y)).toBe(b.lossAndGradients(x, y));
    const ga = a.getGradients();
    b.getGradients().forEach((g, i) => expect(Array.from(ga[i]!.values)).toEqual(Array.from(g.values)));
    expect(Array.from(a.predictSync(x))).toEqual(Array.from(b.predictSync(x)));
  });

  it('is the identity in predict at any rate', () => {
    const a = new FusedModel(makeRequest(withDropout(0.5), input, { seed: 4 }));
    const b = new FusedModel(makeRequest(without, input, { seed: 4 }));
    expect(Array.from(a.predictSync(x))).toEqual(Array.from(b.predictSync(x)));
  });

  it('draws masks from the request seed: the same seed repeats a training loss, another changes it', () => {
    const loss = (seed: number) => new FusedModel({ ...makeRequest(withDropout(0.5), input, { seed: 4 }), seed }).lossAndGradients(x, y);
    expect(loss(1)).toBe(loss(1));
    expect(loss(1)).not.toBe(loss(2));
  });

  it('zeros about `rate` of the values and scales the rest by 1/(1 − rate) (inverted dropout)', () => {
    const rate = 0.3;
    const n = 64;
    const request = { ...makeRequest([{ dropout: { rate } }], { batchSize: n, steps: 5, features: 10 }), seed: 9 };
    const m = new FusedModel(request);
    const ones = { data: new Float64Array(n * 5 * 10).fill(1), n, steps: 5, features: 10 };
    // mse against 0 of the dropped-out ones: d(loss)/d(out) = 2·out/count; the gradient is not needed, the loss
    // is: mean(out²) = (1 − dropped)·(1/(1 − rate))².
    const loss = m.lossAndGradients(ones, new Float64Array(n * 5 * 10));
    const kept = loss * (1 - rate) ** 2;
    // 3,200 Bernoulli(0.3) draws: the dropped share has sd √(0.3·0.7/3200) = 0.008, so 0.03 is 3.7 sd.
    expect(Math.abs(1 - kept - rate)).toBeLessThan(0.03);
  });
});
