import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { seq2seqArchitecture } from '../engine/seq2seq/architecture.js';
import { selectSeq2seqEngine } from '../engine/seq2seq/select.js';
import { framePairs } from '../runner/pair-frames.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';
import { exportModel } from './model-export.js';
import { TrainedModels } from './trained-models.js';
import { translate } from './translations.js';

// A trained translator exported as the seed's two TF.js inference models and loaded back with tf.loadLayersModel:
// step by step, the loaded decoder's distributions equal RNN Lab's decoder session's (fused float64 vs tfjs
// float32: ≤ 1e-5), and greedy decoding with them writes RNN Lab's translation.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-s2s-export-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const models = new TrainedModels(store);
afterAll(async () => {
  await pool.close();
  store.close();
});

async function trained(name: string, seq2seq: Record<string, unknown>) {
  const e = await service.createExperiment({
    name,
    data: { kind: 'pairs', source: 'cldr', maxPairs: 200, maxSourceLength: 20, maxTargetLength: 24 },
    model: { seq2seq },
    training: { epochs: 3, optimizer: { rmsprop: { learningRate: 0.01 } } },
    evaluation: { protocol: 'translation', samples: 3 },
    repeats: 1,
    seed: 9,
  });
  expect(await service.run(e.id)).toBe('done');
  return e.id;
}

const load = (folder: string) => {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]; userDefinedMetadata: Record<string, unknown> };
  const bin = readFileSync(join(folder, 'weights.bin'));
  const data = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return { json, model: tf.loadLayersModel(tf.io.fromMemory(json.modelTopology, json.weightsManifest[0]!.weights, data)) };
};

describe('seq2seq export to TF.js (the seed’s inference models)', () => {
  it('the loaded encoder and decoder give RNN Lab’s distributions at every step and its greedy translation', async () => {
    const id = await trained('export-plain', { encoder: [{ lstm: { units: 8 } }, { lstm: { units: 6 } }], decoder: [{ lstm: { units: 8 } }, { lstm: { units: 6 } }] });
    const kept = models.trial(id, { repeat: 1 });
    const files = await exportModel(kept, 'tfjs', join(dir, 'plain'), models.artifacts(kept));
    expect(files.map((f) => f.slice(dir.length + 7))).toEqual(['encoder/model.json', 'encoder/weights.bin', 'decoder/model.json', 'decoder/weights.bin']);
    const enc = load(join(dir, 'plain', 'encoder'));
    const dec = load(join(dir, 'plain', 'decoder'));
    const encoder = await enc.model;
    const decoder = await dec.model;
    const source = enc.json.userDefinedMetadata.sourceCharacters as string[];
    const target = enc.json.userDefinedMetadata.targetCharacters as string[];
    const maxLength = enc.json.userDefinedMetadata.maxTargetLength as number;
    const phrase = 'red heart';
    const oneHot = (ids: number[], vocab: number) => tf.oneHot(tf.tensor1d(ids, 'int32'), vocab).expandDims(0).toFloat();

    // RNN Lab's own session over the same weights.
    const spec = kept.config.model.seq2seq!;
    const architecture = seq2seqArchitecture(spec, source.length, target.length);
    const engine = await selectSeq2seqEngine('fused');
    const own = await engine.create({ architecture, training: kept.config.training, weights: kept.weights, backend: kept.config.backend });
    const session = own.startDecoding(framePairs([{ source: phrase, target: '\t\n' }], { source, target }).tensors);

    let states = encoder.predict(oneHot([...phrase].map((c) => source.indexOf(c)), source.length)) as tf.Tensor[];
    expect(states).toHaveLength(4);
    let token = target.indexOf('\t');
    let written = '';
    let maxDiff = 0;
    // The seed's decode_sequence: until `\n`, or once the text is longer than the longest target.
    while (written.length <= maxLength) {
      const [probs, ...next] = decoder.predict([oneHot([token], target.length), ...states]) as tf.Tensor[];
      const theirs = probs!.dataSync();
      const ours = session.step(Int32Array.of(token)).probs;
      for (let j = 0; j < target.length; j++) maxDiff = Math.max(maxDiff, Math.abs(theirs[j]! - ours[j]!));
      states = next;
      token = ours.indexOf(Math.max(...ours));
      if (target[token] === '\n') break;
      written += target[token];
    }
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    own.dispose();
    const t = await translate(store, id, { repeats: [1] }, phrase, { attention: true });
    expect(written).toBe(t.repeats[0]!.translation);
    expect(t.repeats[0]!.attention).toBeNull(); // no attention layer: no α (the app draws no heatmap)
  });

  it('attention has no TF.js layer: refused, pointing to safetensors', async () => {
    const id = await trained('export-attention', { encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }], attention: 'bahdanau' });
    const kept = models.trial(id, { repeat: 1 });
    await expect(exportModel(kept, 'tfjs', join(dir, 'att'))).rejects.toThrow('--format tfjs: model.seq2seq.attention: "bahdanau" has no TF.js layer, so only the plain encoder–decoder exports as TF.js inference models; export it with --format safetensors');
  });
});
