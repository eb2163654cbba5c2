import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { listMigrations } from './migrate.js';
import { SqliteExperimentStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-manage-'));
const spec = parseSpec({
  name: 'tiny',
  description: 'LSTM(4) on shampoo',
  data: { kind: 'csv', path: '/x.csv', column: 'v' },
  preprocessing: [{ supervised: {} }],
  model: { layers: [{ dense: { units: 1 } }] },
  training: { epochs: 1 },
  evaluation: { protocol: 'walk-forward', testSize: 1 },
  repeats: 2,
  seed: 1,
});
const owner = { owner: 'host/1/1/a', pid: 1, ms: 60_000 };

/**
 * Stores an experiment whose two trials have something in every child table: final metrics, epoch chunks,
 * predictions, artifacts, kept weights (`weightValues` float64 each), a baseline and tags.
 */
function fill(store: SqliteExperimentStore, name: string, weightValues = 20_000): number {
  const e = store.createExperiment({
    name, spec: { ...spec, name }, configs: [spec], headline: 'rmse',
    trials: [{ configIndex: 0, repeatIndex: 0, seed: 5 }, { configIndex: 0, repeatIndex: 1, seed: 6 }],
    baselines: [[{ name: 'persistence', metrics: { rmse: 3 }, predictions: [{ split: 'test', step: 1, actual: 1, predicted: 1 }] }]],
  });
  for (const [k, t] of store.listTrials(e.id).entries()) {
    expect(store.claimTrial(t.id, owner)).toBe(true);
    store.appendEpochMetrics([1, 2, 3].map((epoch) => ({ trialId: t.id, epoch, name: 'loss', value: 1 / epoch })));
    const values = Float64Array.from({ length: weightValues }, (_, i) => Math.sin(i + k));
    store.finishTrial(t.id, {
      metrics: { rmse: 2 + k }, predictions: [{ split: 'test', step: 3, actual: 1, predicted: 2 }], engine: 'fused', backend: 'js-f64', durationMs: 1,
      artifacts: { split: { train: 2 } }, weights: [{ name: 'layers[0].dense.kernel', shape: [weightValues], values }],
    }, owner.owner);
  }
  store.setTags(e.id, ['shampoo', 'lstm']);
  return e.id;
}

/** Rows of every table of the schema (read from sqlite_master, so a table added later is counted too). */
function rowCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  db.close();
  return counts;
}

const fileBytes = (path: string) => statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);

describe('experiment management in the store', () => {
  it('renames, refusing a name another experiment has (naming its id)', () => {
    const store = new SqliteExperimentStore(join(dir, 'rename.db'));
    const a = fill(store, 'a');
    const b = fill(store, 'b');
    store.rename(a, 'lstm-1');
    expect(store.findExperiment(a)!.name).toBe('lstm-1');
    expect(store.findExperiment('lstm-1')!.id).toBe(a);
    expect(() => store.rename(b, 'lstm-1')).toThrow(`name "lstm-1" is taken by experiment #${a}; names are unique per database, pick another`);
    store.rename(a, 'lstm-1'); // its own name is no clash
    store.softDelete(a);
    expect(() => store.rename(b, 'lstm-1')).toThrow(`taken by experiment #${a} (deleted: \`rnnlab purge ${a}\` frees the name)`);
    expect(() => store.rename(999, 'x')).toThrow(/experiment 999 not found/);
    expect(store.findExperiment(b)!.name).toBe('b');
    store.close();
  });

  it('keeps description, tags, notes and star, and leaves the stored spec as it ran', () => {
    const path = join(dir, 'labels.db');
    const store = new SqliteExperimentStore(path);
    const id = fill(store, 'a');
    expect(store.findExperiment(id)!.description).toBe('LSTM(4) on shampoo');
    store.setDescription(id, 'LSTM(1) on shampoo');
    store.setTags(id, [' lstm', 'paper', 'lstm', '']);
    store.setNotes(id, '# Notes\n\n*units* = 1');
    store.setStarred(id, true);
    store.close();
    const again = new SqliteExperimentStore(path); // as stored, not as cached
    const r = again.findExperiment(id)!;
    expect(r).toMatchObject({ description: 'LSTM(1) on shampoo', tags: ['lstm', 'paper'], notes: '# Notes\n\n*units* = 1', starred: true, deletedAt: null });
    expect(r.spec.description).toBe('LSTM(4) on shampoo');
    expect(again.listExperiments()[0]).toMatchObject({ id, task: 'forecast', description: 'LSTM(1) on shampoo', tags: ['lstm', 'paper'], starred: true });
    again.setStarred(id, false);
    expect(again.listExperiments()[0]!.starred).toBe(false);
    again.close();
  });

  it('soft delete hides an experiment from lists and names until restored', () => {
    const store = new SqliteExperimentStore(join(dir, 'soft.db'));
    const a = fill(store, 'a');
    const b = fill(store, 'b');
    store.softDelete(a);
    expect(store.listExperiments().map((e) => e.id)).toEqual([b]);
    expect(store.listExperiments({ includeDeleted: true }).map((e) => [e.id, e.deletedAt !== null])).toEqual([[b, false], [a, true]]);
    expect(store.findExperiment('a')).toBeUndefined();
    expect(store.findExperiment('a', { includeDeleted: true })!.id).toBe(a);
    expect(store.findExperiment(a)!.deletedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(store.listTrials(a)).toHaveLength(2); // results kept
    store.restore(a);
    expect(store.listExperiments().map((e) => e.id)).toEqual([b, a]);
    store.close();
  });

  it('refuses a name several experiments share, listing their ids', () => {
    const store = new SqliteExperimentStore(join(dir, 'shared.db'));
    const first = fill(store, 'same');
    const second = fill(store, 'same');
    expect(() => store.findExperiment('same')).toThrow(`"same" names 2 experiments (#${second}, #${first}); give the id instead, e.g. ${second}`);
    expect(store.findExperiment(first)!.id).toBe(first);
    store.softDelete(second);
    expect(store.findExperiment('same')!.id).toBe(first); // one live experiment has it
    store.close();
  });

  it('purge removes every row the experiment owns in every table, keeps the other, and VACUUM shrinks the file', () => {
    const path = join(dir, 'purge.db');
    const only = join(dir, 'only-b.db');
    const store = new SqliteExperimentStore(path);
    const a = fill(store, 'a');
    fill(store, 'b');
    const reference = new SqliteExperimentStore(only); // the same database without experiment a
    fill(reference, 'b');
    reference.close();
    store.close();
    const before = rowCounts(path);
    for (const table of ['trials', 'trial_metrics', 'epoch_chunks', 'predictions', 'trial_artifacts', 'trial_weights', 'baselines', 'experiment_tags']) {
      expect(before[table], table).toBe(2 * rowCounts(only)[table]!); // a and b fill each table alike
    }
    const again = new SqliteExperimentStore(path);
    const size = fileBytes(path);
    const report = again.purge(a);
    expect(report).toEqual({ experimentId: a, trials: 2, weightBytes: 2 * 20_000 * 8, vacuumed: true });
    expect(again.findExperiment(a)).toBeUndefined();
    expect(again.listExperiments({ includeDeleted: true }).map((e) => e.name)).toEqual(['b']);
    expect(again.integrityCheck()).toEqual(['ok']);
    again.close();
    expect(rowCounts(path)).toEqual(rowCounts(only));
    // Two trials × 160 kB of weights went; without VACUUM the file would keep their pages.
    expect(size - fileBytes(path)).toBeGreaterThan(2 * 20_000 * 8 * 0.9);
  });

  it('migrates a database written before management: descriptions from the specs, no tags, nothing deleted', () => {
    const path = join(dir, 'old.db');
    const store = new SqliteExperimentStore(path);
    const id = fill(store, 'old');
    store.close();
    const raw = new Database(path);
    raw.exec(`DROP TABLE experiment_tags; ALTER TABLE experiments DROP COLUMN description; ALTER TABLE experiments DROP COLUMN notes;
              ALTER TABLE experiments DROP COLUMN starred; ALTER TABLE experiments DROP COLUMN deleted_at;
              ALTER TABLE trials DROP COLUMN threads;`); // a database from before management had no later column either
    const version = listMigrations().find((m) => m.name.endsWith('_experiment_management.sql'))!.version;
    raw.pragma(`user_version = ${version - 1}`);
    raw.close();
    const migrated = new SqliteExperimentStore(path);
    expect(migrated.findExperiment(id)).toMatchObject({ description: 'LSTM(4) on shampoo', tags: [], notes: '', starred: false, deletedAt: null });
    migrated.close();
  });
});
