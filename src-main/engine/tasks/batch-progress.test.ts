import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { tfjsEngine } from '../tfjs/model.js';
import { trainEpochs } from './train-loop.js';
import { FusedModel } from '../fused/model.js';

// Progress within an epoch: after every optimizer step, the rows trained so far — and reporting it changes nothing.
const layers = [{ simpleRNN: { units: 3 } }, { dense: { units: 1 } }];
const request = makeRequest(layers, { batchSize: 4, steps: 3, features: 2 }, { optimizer: { sgd: { learningRate: 0.1, momentum: 0, nesterov: false } } });
const x = randomSequences(10, 3, 2, 1);
const y = randomTargets(10, 2);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('onBatch', () => {
  it('fused: is called after each batch of 4, 4 and 2 rows with the rows so far, and the loss is the same bit for bit', async () => {
    const calls: [number, number][] = [];
    const withHook = await new FusedModel(request).trainEpoch(x, y, { onBatch: (done, rows) => calls.push([done, rows]) });
    const without = await new FusedModel(request).trainEpoch(x, y);
    expect(calls).toEqual([[4, 10], [8, 10], [10, 10]]);
    expect(withHook).toBe(without);
  });

  it('tfjs: the same calls from its batch loop', async () => {
    const model = await tfjsEngine.create(request);
    const calls: [number, number][] = [];
    await model.trainEpoch(x, y, { onBatch: (done, rows) => calls.push([done, rows]) });
    model.dispose();
    expect(calls).toEqual([[4, 10], [8, 10], [10, 10]]);
  });

  it("trainEpochs: the trial's hook hears each epoch's number and the fraction of its rows", async () => {
    const heard: [number, number][] = [];
    const training = { epochs: 2, batchSize: 4, shuffle: false, resetStates: 'never' } as Parameters<typeof trainEpochs>[3];
    await trainEpochs(new FusedModel(request), x, y, training, 1, { onBatch: (epoch, fraction) => heard.push([epoch, fraction]) });
    expect(heard).toEqual([[1, 0.4], [1, 0.8], [1, 1], [2, 0.4], [2, 0.8], [2, 1]]);
  });
});
