import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relativeError } from '../../../testing/fused/check-data.js';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { FusedModel } from '../fused/model.js';
import type { Sequences } from '../sequence-model.js';
import { tfjsEngine } from './model.js';

// The tfjs engine's new layers against the fused engine on the same initial weights: equal predictions
// (float32 vs Float64: ≤ 1e-5 relative) show that the weights land in the same places (Bidirectional: forward
// then backward) and that both have the same semantics, masking included.
const TOLERANCE = 1e-5;
const worst: Record<string, number> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sgd = { sgd: { learningRate: 0.5, momentum: 0, nesterov: false } };
const tokens = (n: number, steps: number, vocab: number, seed: number): Sequences => {
  const x = randomSequences(n, steps, 1, seed);
  return { ...x, data: Float64Array.from(x.data, (v) => Math.min(vocab - 1, Math.floor(((v + 1) / 2) * vocab))) };
};

const cases: { name: string; layers: Record<string, unknown>[]; features: number; x: Sequences }[] = [
  { name: 'Bi(LSTM) concat → Dense', layers: [{ bidirectional: { layer: { lstm: { units: 3 } } } }, { dense: { units: 2 } }], features: 2, x: randomSequences(4, 5, 2, 1) },
  { name: 'Bi(GRU reset_before) sum seq → Dense', layers: [{ bidirectional: { layer: { gru: { units: 3, resetAfter: false, returnSequences: true } }, mergeMode: 'sum' } }, { dense: { units: 1 } }], features: 2, x: randomSequences(4, 5, 2, 2) },
  { name: 'Embedding → LSTM → Dropout → Dense', layers: [{ embedding: { inputDim: 7, outputDim: 3 } }, { lstm: { units: 3 } }, { dropout: { rate: 0.5 } }, { dense: { units: 2 } }], features: 1, x: tokens(4, 5, 7, 3) },
  { name: 'masked SimpleRNN seq (seed 002 lengths)', layers: [{ simpleRNN: { units: 5, returnSequences: true } }], features: 3, x: { ...randomSequences(4, 2, 3, 4), lengths: Int32Array.from([2, 1, 2, 2]) } },
  { name: 'masked Bi(LSTM) concat seq → Dense', layers: [{ bidirectional: { layer: { lstm: { units: 2, returnSequences: true } } } }, { dense: { units: 2 } }], features: 2, x: { ...randomSequences(4, 4, 2, 5), lengths: Int32Array.from([4, 1, 3, 2]) } },
  { name: 'masked LSTM → Dense', layers: [{ lstm: { units: 3 } }, { dense: { units: 2 } }], features: 2, x: { ...randomSequences(4, 4, 2, 6), lengths: Int32Array.from([1, 4, 2, 3]) } },
];

describe('tfjs engine: Bidirectional, Embedding, Dropout and masking agree with the fused engine', () => {
  afterAll(() => console.log(`tfjs engine vs fused engine, max relative error (bound ${TOLERANCE}):`, worst));
  for (const c of cases) {
    it(`${c.name}: predictions`, async () => {
      const request = makeRequest(c.layers, { batchSize: 4, steps: c.x.steps, features: c.features }, { seed: 9 });
      const ours = new FusedModel(request).predictSync(c.x);
      const model = await tfjsEngine.create(request);
      const theirs = await model.predict(c.x);
      model.dispose();
      const err = relativeError(theirs, ours);
      worst[`${c.name}: predict`] = err;
      expect(err).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('masked per-step training: one SGD epoch gives the same weights', async () => {
    const layers = [{ lstm: { units: 3, returnSequences: true } }, { dense: { units: 2 } }];
    const x = { ...randomSequences(6, 4, 2, 7), lengths: Int32Array.from([4, 1, 3, 2, 4, 2]) };
    const y = randomTargets(6 * 4 * 2, 8);
    const request = makeRequest(layers, { batchSize: 3, steps: 4, features: 2 }, { seed: 9, optimizer: sgd });
    const fused = new FusedModel(request);
    const lossOurs = await fused.trainEpoch(x, y);
    const model = await tfjsEngine.create(request);
    const lossTheirs = await model.trainEpoch(x, y);
    const wt = model.getWeights();
    model.dispose();
    expect(Math.abs(lossTheirs - lossOurs) / lossOurs).toBeLessThanOrEqual(TOLERANCE);
    let err = 0;
    fused.getWeights().forEach((w, i) => (err = Math.max(err, relativeError(wt[i]!.values, w.values))));
    worst['masked SGD epoch: weights'] = err;
    expect(err).toBeLessThanOrEqual(TOLERANCE);
  });
});
