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
    } finally {
      await parallel.dispose();
    }
  });
});
