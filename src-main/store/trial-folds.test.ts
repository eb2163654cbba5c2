import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { listMigrations } from './migrate.js';
import { SqliteExperimentStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-folds-'));
const spec = parseSpec({ name: 'old', data: { kind: 'varlen-sum' }, model: { layers: [{ lstm: { units: 2 } }, { dense: { units: 1 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '');
const lease = { owner: 'host/1/1/a', pid: 1, ms: 60_000 };

/** A database as RNN Lab wrote it before folds (schema version 5): one experiment, a done and an interrupted trial. */
function version5(path: string): void {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  for (const m of listMigrations().filter((m) => m.version <= 5)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  db.prepare(`INSERT INTO experiments (id, name, spec_json, configs_json, headline, created_at, data_files_json) VALUES (1, 'old', ?, ?, 'mse', '2026-01-01', '[]')`).run(JSON.stringify(spec), JSON.stringify([spec]));
  db.prepare(`INSERT INTO trials (id, experiment_id, config_index, repeat_index, seed, status, engine, attempts, duration_ms) VALUES (10, 1, 0, 0, 5, 'done', 'fused', 1, 12.5)`).run();
  db.prepare(`INSERT INTO trials (id, experiment_id, config_index, repeat_index, seed, status, attempts) VALUES (11, 1, 0, 1, 6, 'interrupted', 1)`).run();
  db.prepare(`INSERT INTO trial_metrics (trial_id, name, value) VALUES (10, 'mse', 0.25)`).run();
  db.prepare(`INSERT INTO epoch_chunks (trial_id, name, first_epoch, values_json) VALUES (10, 'loss', 1, '[0.5]')`).run();
  db.prepare(`INSERT INTO trial_artifacts (trial_id, name, json) VALUES (10, 'split', '{"kind":"random"}')`).run();
  db.prepare(`INSERT INTO predictions (trial_id, split, step, actual, predicted) VALUES (10, 'test', 0, 1, 2)`).run();
  db.close();
}

describe('migration 0006 (trial folds)', () => {
  it('rebuilds trials keeping every old row, id, column and child row; the old experiment resumes', () => {
    const path = join(dir, 'v5.db');
    version5(path);
    const store = new SqliteExperimentStore(path);
    const trials = store.listTrials(1);
    expect(trials.map((t) => [t.id, t.repeatIndex, t.fold, t.seed, t.splitSeed, t.status, t.attempts])).toEqual([
      [10, 0, null, 5, null, 'done', 1],
      [11, 1, null, 6, null, 'interrupted', 1],
    ]);
    expect(trials[0]!).toMatchObject({ engine: 'fused', durationMs: 12.5, metrics: { mse: 0.25 } });
    // Children of the rebuilt table survived (a DROP TABLE with foreign keys on would have cascaded them away).
    expect(store.epochMetrics(1, 'loss')).toEqual([{ trialId: 10, epoch: 1, name: 'loss', value: 0.5 }]);
    expect(store.artifacts(10)).toEqual({ split: { kind: 'random' } });
    expect(store.predictions(10)).toHaveLength(1);
    expect(store.integrityCheck()).toEqual(['ok']);
    // Resume: the interrupted trial is claimed and finished; the done one is never claimed again.
    expect(store.claimTrial(10, lease)).toBe(false);
    expect(store.claimTrial(11, lease)).toBe(true);
    expect(store.finishTrial(11, { metrics: { mse: 0.5 }, predictions: [], engine: 'fused', backend: 'js-f64', durationMs: 1 }, lease.owner)).toBe(true);
    expect(store.listExperiments()[0]).toMatchObject({ status: 'done', trialsDone: 2, mean: 0.375 });
    store.close();
    const raw = new Database(path, { readonly: true });
    const indexes = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'trials' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['trials_key', 'trials_status']);
    expect(raw.pragma('foreign_key_list(epoch_chunks)')).toMatchObject([{ table: 'trials' }]);
    raw.close();
  });

  it('keys a trial by (experiment, config, repeat, fold): folds of one repeat coexist, duplicates are refused', () => {
    const store = new SqliteExperimentStore(join(dir, 'key.db'));
    const e = store.createExperiment({
      name: 'cv', spec, configs: [spec], headline: 'mse',
      trials: [0, 1, 2].map((fold) => ({ configIndex: 0, repeatIndex: 0, fold, seed: 100 + fold, splitSeed: 77 })),
    });
    expect(store.listTrials(e.id).map((t) => [t.repeatIndex, t.fold, t.seed, t.splitSeed])).toEqual([[0, 0, 100, 77], [0, 1, 101, 77], [0, 2, 102, 77]]);
    const dup = (fold: number | null) => () => store.createExperiment({ name: 'dup', spec, configs: [spec], headline: 'mse', trials: [{ configIndex: 0, repeatIndex: 0, fold, seed: 1 }, { configIndex: 0, repeatIndex: 0, fold, seed: 2 }] });
    expect(dup(1)).toThrow(/UNIQUE constraint failed/);
    // A NULL fold (every other protocol) still allows one trial per (config, repeat), as before.
    expect(dup(null)).toThrow(/UNIQUE constraint failed/);
    expect(store.listExperiments()).toHaveLength(1);
    store.close();
  });
});
