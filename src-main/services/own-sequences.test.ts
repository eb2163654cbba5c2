import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';

// A person's own labeled sequences (JSONL, variable lengths) trained and stored end to end through the same
// classification and regression tasks as MNIST and the sine series.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-own-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
afterAll(async () => {
  await pool.close();
  store.close();
});

// Rising sequences are "up", falling ones "down"; lengths 3–6; a number per line for regression: the last step.
const lines = Array.from({ length: 80 }, (_, i) => {
  const length = 3 + (i % 4);
  const up = i % 2 === 0;
  const x = Array.from({ length }, (_, t) => [(up ? t : length - t) / 6, ((i * 7 + t) % 5) / 10]);
  return JSON.stringify({ x, kind: up ? 'up' : 'down', last: x[length - 1]![0] });
});
const path = join(dir, 'moves.jsonl');
writeFileSync(path, `${lines.join('\n')}\n`);
const base = { repeats: 2, seed: 3, training: { epochs: 3, batchSize: 8, optimizer: { rmsprop: { learningRate: 0.01 } } } };

describe("your own labeled sequences", () => {
  it('classification: trained, scored, class names stored with each trial', async () => {
    const record = await service.createExperiment({
      ...base,
      name: 'moves',
      data: { kind: 'sequences', path, format: 'jsonl', label: 'kind' },
      model: { layers: [{ lstm: { units: 6 } }, { dense: { units: 2, activation: 'softmax' } }] },
      training: { ...base.training, loss: 'sparseCategoricalCrossentropy' },
      evaluation: { protocol: 'holdout-classification', testFraction: 0.25 },
    });
    expect(await service.run(record.id)).toBe('done');
    const trials = store.listTrials(record.id);
    expect(trials.map((t) => t.status)).toEqual(['done', 'done']);
    for (const t of trials) {
      expect(t.metrics.accuracy).toBeGreaterThanOrEqual(0);
      expect(store.artifacts(t.id).split).toMatchObject({ classes: ['down', 'up'], train: 60, test: 20 });
    }
  });

  it('regression on a numeric target, and a model that does not fit the class count is refused before storing', async () => {
    const record = await service.createExperiment({
      ...base,
      name: 'moves-last',
      data: { kind: 'sequences', path, format: 'jsonl', target: 'last' },
      model: { layers: [{ gru: { units: 4 } }, { dense: { units: 1 } }] },
      evaluation: { protocol: 'holdout-regression' },
    });
    expect(await service.run(record.id)).toBe('done');
    expect(store.listTrials(record.id).every((t) => Number.isFinite(t.metrics.mse))).toBe(true);
    const before = store.listExperiments().length;
    await expect(
      service.createExperiment({
        ...base,
        name: 'moves-3',
        data: { kind: 'sequences', path, format: 'jsonl', label: 'kind' },
        model: { layers: [{ lstm: { units: 6 } }, { dense: { units: 3, activation: 'softmax' } }] },
        training: { ...base.training, loss: 'sparseCategoricalCrossentropy' },
        evaluation: { protocol: 'holdout-classification' },
      }),
    ).rejects.toThrow(/^model\.layers\[1\]\.dense\.units: .* needs 2 outputs \(one per class\); set "units": 2$/);
    expect(store.listExperiments()).toHaveLength(before);
  });
});
