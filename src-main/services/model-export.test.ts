import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { exportModel, kerasWeightNames } from './model-export.js';
import { TrainedModels } from './trained-models.js';

// Exported models load elsewhere and answer like RNN Lab: TF.js Layers files read back with tf.loadLayersModel
// give RNN Lab's outputs (≤ 1e-5: tfjs is float32), and safetensors hold the kept weights under Keras names.
const root = appRoot(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-export-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
const models = new TrainedModels(store);
afterAll(async () => {
  await pool.close();
  store.close();
});

const seqPath = join(dir, 'seqs.jsonl');
writeFileSync(seqPath, Array.from({ length: 40 }, (_, i) => JSON.stringify({ x: Array.from({ length: 6 }, (_, t) => [Math.sin(i + t), Math.cos(i * t)]), c: i % 2 ? 'odd' : 'even' })).join('\n'));
let shampoo = 0;
let classifier = 0;
beforeAll(async () => {
  const s = await service.createExperiment(JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8')), { specDir: join(root, 'experiments'), overrides: { repeats: 2, epochs: 30 } });
  const c = await service.createExperiment({
    name: 'bigru',
    data: { kind: 'sequences', path: seqPath, format: 'jsonl', label: 'c' },
    model: { layers: [{ bidirectional: { layer: { gru: { units: 3, returnSequences: true, resetAfter: false } } } }, { simpleRNN: { units: 4 } }, { dense: { units: 2, activation: 'softmax' } }] },
    training: { epochs: 3, batchSize: 8, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'holdout-classification' },
    repeats: 1,
    seed: 5,
    engine: 'fused',
  });
  expect(await service.run(s.id)).toBe('done');
  expect(await service.run(c.id)).toBe('done');
  shampoo = s.id;
  classifier = c.id;
}, 120_000);

/** tf.loadLayersModel over the two files, as a browser or Node app would read them. */
const loadExported = (folder: string) => {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const bin = readFileSync(join(folder, 'weights.bin'));
  return tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }) });
};

describe('export-model', () => {
  it('tfjs: the stateful shampoo LSTM loads with tf.loadLayersModel and forecasts step by step like RNN Lab', async () => {
    const kept = models.trial(shampoo, { repeat: 2 });
    const folder = join(dir, 'shampoo-tfjs');
    expect((await exportModel(kept, 'tfjs', folder)).map((f) => f.slice(folder.length + 1))).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadExported(folder);
    const ours = await models.load(kept, 1, 1, 1);
    for (const v of [0.1, -0.3, 0.5, 0.2, -0.8]) {
      const theirs = (loaded.predict(tf.tensor3d([v], [1, 1, 1])) as tf.Tensor).dataSync()[0]!;
      const mine = (await ours.predict({ data: Float64Array.of(v), n: 1, steps: 1, features: 1 }))[0]!;
      expect(Math.abs(theirs - mine)).toBeLessThan(1e-5); // state carried the same way from call to call
    }
    ours.dispose();
    loaded.dispose();
  });

  it('tfjs: a Bidirectional GRU → SimpleRNN classifier gives the same class probabilities, any batch size', async () => {
    const kept = models.trial(classifier, { repeat: 1 });
    const folder = join(dir, 'bigru-tfjs');
    await exportModel(kept, 'tfjs', folder);
    const loaded = await loadExported(folder);
    const x = Float64Array.from({ length: 5 * 6 * 2 }, (_, i) => Math.sin(i * 0.37));
    const theirs = (loaded.predict(tf.tensor3d(Float32Array.from(x), [5, 6, 2])) as tf.Tensor).dataSync();
    const ours = await models.load(kept, 6, 2);
    const mine = await ours.predict({ data: x, n: 5, steps: 6, features: 2 });
    expect(theirs.length).toBe(10);
    mine.forEach((p, i) => expect(Math.abs(p - theirs[i]!)).toBeLessThan(1e-5));
    ours.dispose();
    loaded.dispose();
  });

  it('tfjs: a model TF.js has no layers for is refused in one line pointing at safetensors', async () => {
    const e = await service.createExperiment({ ...JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8')), name: 'gru', model: { layers: [{ gru: { units: 2, stateful: true } }, { dense: { units: 1 } }] } }, { specDir: join(root, 'experiments'), overrides: { repeats: 1, epochs: 2 } });
    expect(await service.run(e.id)).toBe('done');
    await expect(exportModel(models.trial(e.id, { repeat: 1 }), 'tfjs', join(dir, 'gru'))).rejects.toThrow(
      /^--format tfjs: model\.layers\[0\]\.gru: tfjs-layers implements GRU only with resetAfter: false, so TF\.js could not load this model; export it with --format safetensors$/,
    );
  });

  it('safetensors: header, Keras names and shapes, and the kept weights as float32', async () => {
    const kept = models.trial(classifier, { repeat: 1 });
    const [file] = await exportModel(kept, 'safetensors', join(dir, 'bigru-st'));
    const bytes = readFileSync(file!);
    // Read per the format's definition (u64 LE header size, JSON header, little-endian data): independent of the writer.
    const size = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + size).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
    const names = Object.keys(header).filter((k) => k !== '__metadata__');
    expect(names).toEqual([
      'bidirectional_1/forward_gru_1/gru_cell/kernel',
      'bidirectional_1/forward_gru_1/gru_cell/recurrent_kernel',
      'bidirectional_1/forward_gru_1/gru_cell/bias',
      'bidirectional_1/backward_gru_1/gru_cell/kernel',
      'bidirectional_1/backward_gru_1/gru_cell/recurrent_kernel',
      'bidirectional_1/backward_gru_1/gru_cell/bias',
      'simple_rnn_1/simple_rnn_cell/kernel',
      'simple_rnn_1/simple_rnn_cell/recurrent_kernel',
      'simple_rnn_1/simple_rnn_cell/bias',
      'dense_1/kernel',
      'dense_1/bias',
    ]);
    expect(names).toEqual(kerasWeightNames(kept.config.model, kept.weights));
    expect(header['simple_rnn_1/simple_rnn_cell/kernel']!.shape).toEqual([6, 4]);
    const data = bytes.subarray(8 + size);
    kept.weights.forEach((w, i) => {
      const h = header[names[i]!]!;
      expect(h.dtype).toBe('F32');
      expect(h.shape).toEqual([...w.shape]);
      const [start, end] = h.data_offsets;
      const values = Array.from({ length: (end - start) / 4 }, (_, k) => data.readFloatLE(start + k * 4));
      expect(values).toEqual(Array.from(w.values, Math.fround));
    });
    expect(JSON.parse((header.__metadata__ as unknown as { spec: string }).spec).name).toBe('bigru');
  });
});
