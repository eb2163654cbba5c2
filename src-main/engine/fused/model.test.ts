import { describe, expect, it } from 'vitest';
import { layerOf, ModelSpec } from '../../contract/layers.js';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { resolveKernelTier } from '../kernels/tiers.js';
import { fusedEngine } from './index.js';
import { FusedModel } from './model.js';

const shampoo = [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }];

describe('FusedModel', () => {
  it('is created by fusedEngine with Keras weight names and shapes', async () => {
    const request = makeRequest(shampoo, { batchSize: 1, steps: 1, features: 1 });
    const model = await fusedEngine.create(request);
    expect(model.engine).toBe('fused');
    // The kernel tier is part of the backend: 'js-f64', or e.g. 'native-avx512-f64' when the addon is built.
    expect(model.backend).toBe(`${resolveKernelTier('auto').label}-f64`);
    const weights = model.getWeights();
    expect(weights.map((w) => [w.name, w.shape])).toEqual(request.weights.map((w) => [w.name, w.shape]));
    weights.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(request.weights[i]!.values)));
    model.dispose();
    expect(() => model.getWeights()).toThrow(/dispose/);
  });

  it('supports() accepts RNN/Dense stacks and rejects an RNN after a last-step RNN', () => {
    const layers = (l: Record<string, unknown>[]) => ModelSpec.parse({ layers: l }).layers.map(layerOf);
    expect(fusedEngine.supports(layers([{ gru: { units: 2, returnSequences: true } }, { simpleRNN: { units: 2 } }, { dense: { units: 1 } }]))).toBe(true);
    expect(fusedEngine.supports(layers([{ lstm: { units: 2 } }, { lstm: { units: 2 } }]))).toBe(false);
  });

  it('trainEpoch returns the row-weighted mean of batch losses, each taken before that batch’s update', async () => {
    const request = makeRequest([{ simpleRNN: { units: 3 } }, { dense: { units: 1 } }], { batchSize: 4, steps: 3, features: 2 }, { optimizer: { sgd: { learningRate: 0.1, momentum: 0, nesterov: false } } });
    const x = randomSequences(10, 3, 2, 1);
    const y = randomTargets(10, 2);
    const order = Int32Array.from([9, 2, 5, 0, 1, 3, 8, 7, 6, 4]);
    const a = new FusedModel(request);
    const epochLoss = await a.trainEpoch(x, y, { order });
    // Replay by hand: batches of 4, 4, 2 rows (a final partial batch is allowed when stateless).
    const b = new FusedModel(request);
    let sum = 0;
    for (const rows of [[9, 2, 5, 0], [1, 3, 8, 7], [6, 4]]) {
      const data = new Float64Array(rows.length * 6);
      rows.forEach((r, i) => data.set(x.data.subarray(r * 6, r * 6 + 6), i * 6));
      const yb = Float64Array.from(rows, (r) => y[r]!);
      sum += b.lossAndGradients({ data, n: rows.length, steps: 3, features: 2 }, yb) * rows.length;
      for (let i = 0; i < b.params.length; i++) b.params[i] = b.params[i]! - 0.1 * b.grads[i]!;
    }
    expect(epochLoss).toBeCloseTo(sum / 10, 12); // the same Float64 sums in the same order, up to the final division
    a.getWeights().forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(b.getWeights()[i]!.values)));
  });

  it('stateful layers carry state across predict calls until resetStates', async () => {
    const model = new FusedModel(makeRequest(shampoo, { batchSize: 1, steps: 1, features: 1 }));
    const x = randomSequences(3, 1, 1, 5);
    const first = await model.predict(x);
    const second = await model.predict(x);
    expect(Array.from(second)).not.toEqual(Array.from(first));
    model.resetStates();
    expect(Array.from(await model.predict(x))).toEqual(Array.from(first));
  });

  it('rejects a partial batch for stateful layers and a cross-entropy without softmax', async () => {
    const stateful = new FusedModel(makeRequest([{ lstm: { units: 2, stateful: true } }, { dense: { units: 1 } }], { batchSize: 2, steps: 2, features: 1 }));
    await expect(stateful.trainEpoch(randomSequences(3, 2, 1, 1), randomTargets(3, 1))).rejects.toThrow(/batchSize=2/);
    expect(() => new FusedModel(makeRequest([{ lstm: { units: 2 } }, { dense: { units: 3 } }], { batchSize: 2, steps: 2, features: 1 }), { loss: 'categoricalCrossentropy' })).toThrow(/softmax/);
  });

  it('predict returns n × steps × outputs (row-major) for per-step heads', () => {
    const model = new FusedModel(makeRequest([{ gru: { units: 3, returnSequences: true } }, { dense: { units: 2 } }], { batchSize: 2, steps: 4, features: 1 }));
    const x = randomSequences(3, 4, 1, 9);
    const all = model.predictSync(x);
    expect(all.length).toBe(3 * 4 * 2);
    // Row 2 alone (a batch of one) gives the same numbers: the layout is row-major.
    const alone = model.predictSync({ data: x.data.slice(8), n: 1, steps: 4, features: 1 });
    expect(Array.from(alone)).toEqual(Array.from(all.slice(16)));
  });

  it('Float32 storage trains like Float64 (loss within 1e-6 relative after 5 epochs)', () => {
    const request = makeRequest([{ lstm: { units: 8 } }, { dense: { units: 1 } }], { batchSize: 8, steps: 5, features: 2 });
    const x = randomSequences(32, 5, 2, 3);
    const y = randomTargets(32, 4);
    // The js tier on both: this checks float32 storage alone (the native tier's float32 arithmetic: kernels/).
    const f64 = new FusedModel(request, { kernels: 'js' });
    const f32 = new FusedModel(request, { precision: 'f32', kernels: 'js' });
    expect(f32.backend).toBe('js-f32');
    let l64 = 0;
    let l32 = 0;
    for (let e = 0; e < 5; e++) {
      l64 = f64.trainEpochSync(x, y, undefined, false);
      l32 = f32.trainEpochSync(x, y, undefined, false);
    }
    // float32 storage rounds every weight, slot and activation (ε = 6e-8) over 5 epochs × 4 Adam steps: measured
    // 3.4e-8 relative; 1e-6 (was 1e-4) keeps a 30× margin without hiding a wrong f32 path.
    expect(Math.abs(l32 - l64) / l64).toBeLessThan(1e-6);
  });
});
