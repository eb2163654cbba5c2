import { describe, expect, it } from 'vitest';
import { makeRequest, randomClasses, randomSequences } from '../../../testing/fused/fixtures.js';
import { FusedModel } from '../../engine/fused/model.js';
import { DataParallelModel } from './model.js';

describe('DataParallelModel', () => {
  it('takes the same steps on 2 threads as one model on the whole batch', async () => {
    const request = makeRequest([{ lstm: { units: 6 } }, { dense: { units: 3, activation: 'softmax' } }], { batchSize: 7, steps: 4, features: 3 });
    const single = new FusedModel(request, { loss: 'sparseCategoricalCrossentropy' });
    const parallel = await DataParallelModel.create(request, { loss: 'sparseCategoricalCrossentropy', threads: 2 });
    try {
      for (let b = 0; b < 4; b++) {
        // Batches of 7 rows, then a partial batch of 5.
        const n = b === 3 ? 5 : 7;
        const x = randomSequences(n, 4, 3, 10 + b);
        const y = randomClasses(n, 3, 20 + b, true);
        const expected = single.trainEpochSync(x, y, undefined, false);
        // Float64 on every share; only the order of the row sums differs (≈ 1e-16 per operation).
        expect(parallel.trainBatch(x, y)).toBeCloseTo(expected, 12);
      }
      const a = single.getWeights();
      parallel.getWeights().forEach((w, i) => {
        for (let k = 0; k < w.values.length; k++) expect(Math.abs(w.values[k]! - a[i]!.values[k]!)).toBeLessThan(1e-12);
      });
      // Predicting 17 rows: batches of 7, 7 and 3 rows, each split over the threads; rows are independent in a
      // forward pass, so the split gives one thread's outputs of the same weights (to rounding of other shapes).
      const x = randomSequences(17, 4, 3, 40);
      const expected = parallel.model.predictSync(x);
      const got = parallel.predict(x);
      expect(got).toHaveLength(17 * 3);
      got.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-15));
      // And the epoch loop over shuffled rows takes the same steps as one thread's.
      const order = Int32Array.from([4, 0, 9, 2, 8, 1, 3, 5, 7, 6]);
      const xs = randomSequences(10, 4, 3, 50);
      const ys = randomClasses(10, 3, 60, true);
      expect(parallel.trainEpoch(xs, ys, order)).toBeCloseTo(single.trainEpochSync(xs, ys, order, false), 12);
      const b = single.getWeights();
      parallel.getWeights().forEach((w, i) => {
        for (let k = 0; k < w.values.length; k++) expect(Math.abs(w.values[k]! - b[i]!.values[k]!)).toBeLessThan(1e-12);
      });
    } finally {
      await parallel.dispose();
    }
  });
});
