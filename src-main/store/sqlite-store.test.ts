import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { parseSpec } from '../contract/validate.js';
import { listMigrations } from './migrate.js';
import { deriveStatus, SqliteExperimentStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-store-'));
const spec = parseSpec({
  name: 'tiny',
  data: { kind: 'csv', path: '/x.csv', column: 'v' },
  preprocessing: [{ supervised: {} }],
  model: { layers: [{ dense: { units: 1 } }] },
  training: { epochs: 1 },
  evaluation: { protocol: 'walk-forward', testSize: 1 },
  repeats: 2,
  seed: 1,
});

describe('SqliteExperimentStore', () => {
  it('creates the schema with WAL and foreign keys, and refuses a newer database', () => {
    const path = join(dir, 'a.db');
    new SqliteExperimentStore(path).close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(listMigrations().at(-1)!.version);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => new SqliteExperimentStore(path)).toThrow(LabError);
    expect(() => new SqliteExperimentStore(path)).toThrow(/schema version 999 is newer/);
  });

  it('walks a trial through its states and keeps a crash recoverable', () => {
    const store = new SqliteExperimentStore(join(dir, 'b.db'));
    const e = store.createExperiment({
      name: 'tiny', spec, configs: [spec], headline: 'rmse',
      trials: [{ configIndex: 0, repeatIndex: 0, seed: 5 }, { configIndex: 0, repeatIndex: 1, seed: 6 }],
    });
    const [t1, t2] = store.listTrials(e.id);
    const a = { owner: 'host/1/1/a', pid: 1, ms: 60_000 };
    const b = { owner: 'host/424242/1/b', pid: 424242, ms: 60_000 };
    expect(store.claimTrial(t1!.id, a)).toBe(true);
    store.appendEpochMetrics([{ trialId: t1!.id, epoch: 1, name: 'loss', value: 0.5 }]);
    const outcome = { metrics: { rmse: 2 }, predictions: [{ split: 'test' as const, step: 3, actual: 1, predicted: 2 }], engine: 'fused', backend: 'js-f64', durationMs: 10 };
    expect(store.finishTrial(t1!.id, outcome, b.owner)).toBe(false); // not b's trial: nothing written
    expect(store.finishTrial(t1!.id, outcome, a.owner)).toBe(true);
    expect(store.claimTrial(t2!.id, b)).toBe(true);
    expect(store.claimTrial(t2!.id, a)).toBe(false); // held by b's live lease: losing is normal, not an error
    expect(store.listExperiments()[0]).toMatchObject({ status: 'running', trialsDone: 1, trialsTotal: 2, mean: 2 });
    expect(store.heldTrials(e.id)).toEqual([{ trialId: t2!.id, owner: b.owner, pid: 424242, leaseUntil: expect.any(Number) }]);
    expect(store.recoverCrashed((_owner, pid) => pid === 424242)).toBe(1);
    expect(store.listTrials(e.id).map((t) => t.status)).toEqual(['done', 'interrupted']);
    expect(store.listExperiments()[0]!.status).toBe('interrupted');
    expect(store.claimTrial(t1!.id, a)).toBe(false); // done trials are never re-run
    expect(store.listTrials(e.id).map((t) => t.attempts)).toEqual([1, 1]);
    expect(store.predictions(t1!.id)).toEqual([{ split: 'test', step: 3, actual: 1, predicted: 2 }]);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });

  it('derives experiment status from trial counts', () => {
    expect(deriveStatus({ done: 2 }, 2)).toBe('done');
    expect(deriveStatus({ done: 1, queued: 1 }, 2)).toBe('interrupted');
    expect(deriveStatus({ queued: 2 }, 2)).toBe('queued');
    expect(deriveStatus({ done: 1, failed: 1 }, 2)).toBe('failed');
  });
});

describe('epoch metrics', () => {
  it('stores consecutive epochs as chunks and reads every value back in order', () => {
    const store = new SqliteExperimentStore(join(dir, 'c.db'));
    const e = store.createExperiment({ name: 'tiny', spec, configs: [spec], headline: 'rmse', trials: [{ configIndex: 0, repeatIndex: 0, seed: 1 }, { configIndex: 0, repeatIndex: 1, seed: 2 }] });
    const [a, b] = store.listTrials(e.id);
    store.appendEpochMetrics([1, 2, 3].map((epoch) => ({ trialId: a!.id, epoch, name: 'loss', value: epoch / 10 })));
    store.appendEpochMetrics([
      { trialId: b!.id, epoch: 1, name: 'loss', value: 5 },
      { trialId: a!.id, epoch: 4, name: 'loss', value: NaN },
      { trialId: a!.id, epoch: 5, name: 'loss', value: 0.5 },
    ]);
    const values = store.epochMetrics(e.id, 'loss');
    expect(values.filter((m) => m.trialId === a!.id).map((m) => [m.epoch, m.value])).toEqual([[1, 0.1], [2, 0.2], [3, 0.3], [4, NaN], [5, 0.5]]);
    expect(values.filter((m) => m.trialId === b!.id).map((m) => m.value)).toEqual([5]);
    store.close();
  });
});
