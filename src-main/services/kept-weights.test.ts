import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentSpec } from '../contract/spec.js';
import { selectEngine } from '../engine/select.js';
import { executeTrial } from '../runner/execute-trial.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';

// Trained weights are kept with their trial, exactly as trained, and load back into either engine.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-weights-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
afterAll(async () => {
  await pool.close();
  store.close();
});

const path = join(dir, 'moves.jsonl');
writeFileSync(
  path,
  Array.from({ length: 48 }, (_, i) => {
    const up = i % 2 === 0;
    return JSON.stringify({ x: Array.from({ length: 5 }, (_, t) => [(up ? t : 5 - t) / 5, ((i * 3 + t) % 4) / 8]), kind: up ? 'up' : 'down' });
  }).join('\n'),
);
const spec = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  data: { kind: 'sequences', path, format: 'jsonl', label: 'kind' },
  model: { layers: [{ lstm: { units: 4 } }, { dense: { units: 2, activation: 'softmax' } }] },
  training: { epochs: 4, batchSize: 8, loss: 'sparseCategoricalCrossentropy', optimizer: { adam: { learningRate: 0.02 } } },
  evaluation: { protocol: 'holdout-classification', testFraction: 0.25 },
  repeats: 3,
  seed: 21,
  engine: 'fused',
  ...extra,
});

describe('kept weights', () => {
  it('are stored bit for bit as trained, in Keras names and shapes, and reload into both engines', async () => {
    const record = await service.createExperiment(spec('keep-all'));
    expect(record.configs[0]!.keep).toEqual({ weights: 'all' }); // auto, resolved by size before storing
    expect(await service.run(record.id)).toBe('done');
    const trials = store.listTrials(record.id);
    const stored = store.trialWeights(trials[1]!.id)!;
    expect(stored.map((w) => [w.name, w.shape])).toEqual([
      ['layers[0].lstm.kernel', [2, 16]],
      ['layers[0].lstm.recurrentKernel', [4, 16]],
      ['layers[0].lstm.bias', [16]],
      ['layers[1].dense.kernel', [4, 2]],
      ['layers[1].dense.bias', [2]],
    ]);
    // The same trial re-run here (same config and seed: deterministic) ends with exactly these weights.
    const again = await executeTrial({ trialId: 0, seed: trials[1]!.seed, config: record.configs[0]! }, () => {});
    if (!again.ok) throw new Error(again.error.message);
    const trained = again.outcome.weights!;
    stored.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(trained[i]!.values)));
    expect(store.weightBytes(record.id)).toBe(3 * (32 + 64 + 16 + 8 + 2) * 8);

    // Reloaded: the fused engine gives back the same weights; tfjs (float32) the same predictions within 1e-5.
    const config: ExperimentSpec = record.configs[0]!;
    const x = { data: Float64Array.from({ length: 3 * 5 * 2 }, (_, i) => Math.sin(i) / 2), n: 3, steps: 5, features: 2 };
    const build = async (engine: 'fused' | 'tfjs') =>
      (await selectEngine(engine, config.model)).create({ model: config.model, input: { batchSize: 3, steps: 5, features: 2 }, training: config.training, weights: stored, backend: 'cpu' });
    const fused = await build('fused');
    const tfjs = await build('tfjs');
    fused.getWeights().forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(stored[i]!.values)));
    const a = await fused.predict(x);
    const b = await tfjs.predict(x);
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-5));
    fused.dispose();
    tfjs.dispose();
  });

  it('best-and-median keeps two repeats per configuration once complete; none keeps nothing', async () => {
    const record = await service.createExperiment(spec('keep-two', { repeats: 5, keep: { weights: 'best-and-median' } }));
    expect(await service.run(record.id)).toBe('done');
    const trials = store.listTrials(record.id);
    const kept = trials.filter((t) => store.trialWeights(t.id) !== undefined);
    const byAccuracy = [...trials].sort((p, q) => q.metrics.accuracy! - p.metrics.accuracy! || p.repeatIndex - q.repeatIndex);
    expect(kept.map((t) => t.id).sort()).toEqual([byAccuracy[0]!.id, byAccuracy[2]!.id].sort());
    expect(store.trialsWithWeights(record.id)).toEqual(kept.map((t) => t.id).sort((x, y) => x - y));

    const none = await service.createExperiment(spec('keep-none', { repeats: 2, keep: { weights: 'none' } }));
    expect(await service.run(none.id)).toBe('done');
    expect(store.listTrials(none.id).map((t) => store.trialWeights(t.id))).toEqual([undefined, undefined]);
    expect(store.weightBytes(none.id)).toBe(0);
  });

  it('auto keeps best-and-median for a model over 2 MB of weights per trial', async () => {
    const prepared = await service.createExperiment(spec('big', { repeats: 1, model: { layers: [{ lstm: { units: 400 } }, { dense: { units: 2, activation: 'softmax' } }] } }));
    expect(prepared.configs[0]!.keep).toEqual({ weights: 'best-and-median' }); // 4·400·(2+400+1) weights ≈ 5.2 MB
  });
});
