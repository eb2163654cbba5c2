import { makeRequest, randomSequences, randomTargets } from './fixtures.js';
import { FusedModel } from './model.js';
import type { Precision } from './types.js';

/**
 * Times the shampoo workload on the calling thread: LSTM(4, stateful, batch 1, 1 step, 1 feature) → Dense(1),
 * MSE, Adam, `epochs` ordered epochs of 23 rows with a state reset after each (the seed's protocol on random
 * data of the same shape). Runs one warm-up repeat, then `repeats` timed ones.
 * Returns milliseconds per repeat and microseconds per optimizer step.
 */
export function timeShampoo(repeats = 10, epochs = 3000, precision: Precision = 'f64'): { msPerRepeat: number; usPerStep: number } {
  const x = randomSequences(23, 1, 1, 1);
  const y = randomTargets(23, 2);
  const run = (seed: number): number => {
    const request = makeRequest([{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }], { batchSize: 1, steps: 1, features: 1 }, { seed });
    const model = new FusedModel(request, { precision });
    let loss = 0;
    for (let e = 0; e < epochs; e++) {
      loss = model.trainEpochSync(x, y, undefined, false);
      model.resetStates();
    }
    return loss;
  };
  run(0);
  const start = performance.now();
  for (let r = 1; r <= repeats; r++) run(r);
  const msPerRepeat = (performance.now() - start) / repeats;
  return { msPerRepeat, usPerStep: (msPerRepeat * 1000) / (epochs * 23) };
}
