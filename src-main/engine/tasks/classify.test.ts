import { describe, expect, it } from 'vitest';
import { ModelSpec } from '../../contract/layers.js';
import { parseSpec } from '../../contract/validate.js';
import { fusedEngine } from '../fused/index.js';
import { createTrialModel } from './train-loop.js';
import { oneHot, predictInChunks, runClassificationTrial, scoreClasses } from './classify.js';

describe('task helpers', () => {
  it('scores softmax outputs: loss, accuracy, confusion, per-class accuracy (hand-computed)', () => {
    // Two classes; rows: (0.9, 0.1) label 0 ✓, (0.4, 0.6) label 0 ✗, (0.2, 0.8) label 1 ✓.
    const s = scoreClasses(Float64Array.from([0.9, 0.1, 0.4, 0.6, 0.2, 0.8]), Float64Array.from([0, 0, 1]), 2);
    // The same float64 arithmetic as the hand formulas: rounding only.
    expect(s.accuracy).toBeCloseTo(2 / 3, 12);
    expect(s.loss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.8)) / 3, 12);
    expect(s.confusion).toEqual([[1, 1], [0, 1]]);
    expect(s.perClass).toEqual([0.5, 1]);
  });

  it('predicts in chunks exactly as in one pass, variable lengths included', async () => {
    const spec = parseSpec({
      name: 'chunks',
      data: { kind: 'varlen-sum' },
      model: ModelSpec.parse({ layers: [{ simpleRNN: { units: 3 } }, { dense: { units: 1 } }] }),
      training: { epochs: 1, batchSize: 4 },
      evaluation: { protocol: 'holdout-regression' },
      seed: 1,
    });
    const n = 7;
    const x = { data: Float64Array.from({ length: n * 5 }, (_, i) => Math.sin(i)), n, steps: 5, features: 1, lengths: Int32Array.from([5, 1, 3, 2, 5, 4, 1]) };
    const model = await createTrialModel(spec, fusedEngine, x, 9);
    const whole = await model.predict(x);
    expect(await predictInChunks(model, x, 3)).toEqual(whole);
    // Lengths matter: without them the padded steps would change the outputs.
    expect(await model.predict({ data: x.data, n, steps: 5, features: 1 })).not.toEqual(whole);
    model.dispose();
  });

  it('trains categoricalCrossentropy (the seed\'s loss) on class ids through one-hot rows: the same run as the sparse loss', async () => {
    expect(oneHot(Float64Array.from([2, 0]), 3)).toEqual(Float64Array.from([0, 0, 1, 1, 0, 0]));
    const n = 24;
    const labels = Float64Array.from({ length: n }, (_, i) => i % 3);
    const x = { data: Float64Array.from({ length: n * 4 }, (_, i) => labels[Math.floor(i / 4)]! + 0.3 * Math.sin(i)), n, steps: 4, features: 1 };
    const data = { trainX: x, trainY: labels, testX: x, testY: labels, classes: 3, testRows: Int32Array.from({ length: n }, (_, i) => i), split: {} };
    const run = (loss: string) => {
      const spec = parseSpec({ name: 'cce', data: { kind: 'mnist' }, model: { layers: [{ lstm: { units: 3 } }, { dense: { units: 3, activation: 'softmax' } }] }, training: { epochs: 3, batchSize: 6, loss }, evaluation: { protocol: 'holdout-classification' }, seed: 1 });
      const epochs: number[] = [];
      return runClassificationTrial(spec, data, fusedEngine, 5, { onEpoch: (_, m) => epochs.push(m.loss!) }).then((o) => ({ metrics: o.metrics, epochs }));
    };
    const [sparse, categorical] = await Promise.all([run('sparseCategoricalCrossentropy'), run('categoricalCrossentropy')]);
    // One loss written two ways: every epoch's training loss and the test scores agree to rounding (≤ 1e-12).
    categorical.epochs.forEach((l, i) => expect(Math.abs(l - sparse.epochs[i]!)).toBeLessThanOrEqual(1e-12));
    expect(Math.abs(categorical.metrics.loss! - sparse.metrics.loss!)).toBeLessThanOrEqual(1e-12);
    expect(categorical.metrics.accuracy).toBe(sparse.metrics.accuracy);
  });
});
