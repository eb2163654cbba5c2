import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { trialsTable } from '../export/ui-tables.js';
import { resultsTable } from '../export/result-tables.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';

// The threads a trial trained on are stored with it, like its engine and backend, and shown where they are.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-threads-'));
const path = join(dir, 'lab.db');
const store = new SqliteExperimentStore(path);
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
afterAll(async () => {
  await pool.close();
  store.close();
});

const spec = (repeats: number) => ({
  name: `digits-${repeats}`,
  data: { kind: 'mnist', source: 'bundled', limit: 200 },
  model: { layers: [{ simpleRNN: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }] },
  training: { epochs: 1, batchSize: 150, loss: 'sparseCategoricalCrossentropy' },
  evaluation: { protocol: 'holdout-classification', testFraction: 0.2 },
  engine: 'fused',
  repeats,
  seed: 5,
});

describe('threads stored per trial', () => {
  it('one repeat on 2 workers: stored as 2 threads; two repeats: 1 each; the trials and results tables show them', async () => {
    const one = await service.createExperiment(spec(1));
    expect(await service.run(one.id)).toBe('done');
    expect(store.listTrials(one.id).map((t) => [t.status, t.engine, t.threads])).toEqual([['done', 'fused', 2]]);
    const two = await service.createExperiment(spec(2));
    expect(await service.run(two.id)).toBe('done');
    expect(store.listTrials(two.id).map((t) => t.threads)).toEqual([1, 1]);

    const table = trialsTable(service.details(one.id));
    expect(table.columns.slice(-3)).toEqual(['engine', 'backend', 'threads']);
    expect(table.rows[0]!.slice(-1)).toEqual([2]);
    const results = resultsTable(service.details(two.id));
    expect(results.columns.slice(-3)).toEqual(['engine', 'backend', 'threads']);
    expect(results.rows.filter((r) => r[0] === 'repeat').map((r) => r.at(-1))).toEqual([1, 1]);
  });

  it('a claimed (re-run) trial forgets its old count until it finishes again', async () => {
    const record = await service.createExperiment(spec(1));
    expect(await service.run(record.id)).toBe('done');
    const [trial] = store.listTrials(record.id);
    expect(trial!.threads).toBe(2);
    expect(store.claimTrial(trial!.id, { owner: 'host/1/1/x', pid: 1, ms: 60_000 })).toBe(false); // done: not claimable
    const raw = new Database(path);
    raw.prepare(`UPDATE trials SET status = 'interrupted' WHERE id = ?`).run(trial!.id);
    raw.close();
    expect(store.claimTrial(trial!.id, { owner: 'host/1/1/x', pid: 1, ms: 60_000 })).toBe(true);
    expect(store.listTrials(record.id)[0]!.threads).toBeNull();
  });

  it('migration 0010 adds the column to an older database: its finished trials read threads null', async () => {
    const old = join(dir, 'old.db');
    const before = new SqliteExperimentStore(old);
    const id = (await new ExperimentService(before, pool).createExperiment(spec(1))).id;
    await new ExperimentService(before, pool).run(id);
    before.close();
    const raw = new Database(old);
    raw.exec(`ALTER TABLE trials DROP COLUMN threads`);
    raw.pragma('user_version = 9');
    raw.close();
    const migrated = new SqliteExperimentStore(old);
    try {
      expect(migrated.listTrials(id).map((t) => [t.status, t.engine, t.threads])).toEqual([['done', 'fused', null]]);
    } finally {
      migrated.close();
    }
  });
});
