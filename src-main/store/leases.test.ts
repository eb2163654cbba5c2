import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { SqliteExperimentStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-leases-'));
const spec = parseSpec({ name: 'lease', data: { kind: 'varlen-sum' }, model: { layers: [{ lstm: { units: 2 } }, { dense: { units: 1 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '');
const newStore = (name: string, trials: number) => {
  const store = new SqliteExperimentStore(join(dir, name));
  const e = store.createExperiment({ name: 'lease', spec, configs: [spec], headline: 'mse', trials: Array.from({ length: trials }, (_, i) => ({ configIndex: 0, repeatIndex: i, seed: i })) });
  return { store, e, ids: store.listTrials(e.id).map((t) => t.id) };
};
const outcome = { metrics: { mse: 1 }, predictions: [], engine: 'fused', backend: 'js-f64', durationMs: 1 };

describe('trial leases', () => {
  it('two stores on one file in two threads claim 1,000 trials: each trial exactly once', async () => {
    const { store, ids } = newStore('race.db', 1000);
    store.close();
    // The worker runs the source through tsx's loader (a test helper, not part of the build).
    const file = new URL('../../testing/store/claim-worker.ts', import.meta.url);
    const claimIn = (owner: string, order: number[]) =>
      new Promise<number[]>((resolve, reject) => {
        const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`;
        const w = new Worker(boot, { eval: true, workerData: { path: join(dir, 'race.db'), owner, trialIds: order } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    // Opposite orders make the two meet in the middle: the race is real, not one thread finishing first.
    const [a, b] = await Promise.all([claimIn('host/1/0/a', ids), claimIn('host/2/0/b', [...ids].reverse())]);
    expect(a.length + b.length).toBe(1000);
    expect(new Set([...a, ...b]).size).toBe(1000);
    const check = new SqliteExperimentStore(join(dir, 'race.db'));
    expect(check.listTrials(1).every((t) => t.status === 'running' && t.attempts === 1)).toBe(true);
    check.close();
  });

  it('an expired lease is reclaimed by another owner, and the old owner can no longer write the trial', async () => {
    const { store, ids } = newStore('expire.db', 1);
    const id = ids[0]!;
    expect(store.claimTrial(id, { owner: 'h/1/0/old', pid: 1, ms: 20 })).toBe(true);
    expect(store.claimTrial(id, { owner: 'h/2/0/new', pid: 2, ms: 60_000 })).toBe(false); // still held
    await new Promise((r) => setTimeout(r, 40));
    expect(store.claimTrial(id, { owner: 'h/2/0/new', pid: 2, ms: 60_000 })).toBe(true);
    expect(store.finishTrial(id, outcome, 'h/1/0/old')).toBe(false);
    expect(store.renewLeases('h/1/0/old', 60_000)).toBe(0);
    expect(store.finishTrial(id, outcome, 'h/2/0/new')).toBe(true);
    expect(store.listTrials(1)[0]).toMatchObject({ status: 'done', attempts: 2 });
    store.close();
  });

  it('a renewed lease is not recovered; a lapsed one is, and only if nobody renewed it meanwhile', () => {
    const { store, ids } = newStore('renew.db', 2);
    store.claimTrial(ids[0]!, { owner: 'h/1/0/a', pid: 1, ms: 60_000 });
    store.claimTrial(ids[1]!, { owner: 'h/1/0/a', pid: 1, ms: 60_000 });
    expect(store.recoverCrashed(() => false)).toBe(0);
    expect(store.renewLeases('h/1/0/a', 60_000)).toBe(2);
    expect(store.recoverCrashed(() => false, Date.now() + 120_000)).toBe(2);
    expect(store.listTrials(1).map((t) => t.status)).toEqual(['interrupted', 'interrupted']);
    store.close();
  });

  it('the experiment and its baselines are stored in one transaction', () => {
    const store = new SqliteExperimentStore(join(dir, 'baselines.db'));
    const e = store.createExperiment({
      name: 'b', spec, configs: [spec], headline: 'mse', trials: [{ configIndex: 0, repeatIndex: 0, seed: 1 }],
      baselines: [[{ name: 'persistence', metrics: { rmse: 136.761 }, predictions: [] }]],
    });
    expect(store.baselines(e.id)).toEqual([{ configIndex: 0, name: 'persistence', metrics: { rmse: 136.761 }, predictions: [] }]);
    // A failing baseline insert rolls the experiment back with it.
    expect(() =>
      store.createExperiment({ name: 'c', spec, configs: [spec], headline: 'mse', trials: [], baselines: [[{ name: 'x', metrics: {}, predictions: [] }, { name: 'x', metrics: {}, predictions: [] }].map((b) => ({ ...b, name: null as unknown as string }))] }),
    ).toThrow();
    expect(store.listExperiments().map((x) => x.name)).toEqual(['b']);
    store.close();
  });
});

describe('databases refused are left byte for byte as they were', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const cases: [string, (path: string) => void, RegExp][] = [
    [
      'a newer schema',
      (path) => {
        const db = new Database(path);
        db.exec('CREATE TABLE experiments (id INTEGER PRIMARY KEY)');
        db.pragma('user_version = 999');
        db.close();
      },
      /schema version 999 is newer than this RNN Lab understands/,
    ],
    [
      "another program's SQLite file",
      (path) => {
        const db = new Database(path);
        db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada')");
        db.close();
      },
      /an SQLite database of another program/,
    ],
    ['a text file', (path) => writeFileSync(path, 'name,value\n'.repeat(400)), /not an RNN Lab database \(file is not a database\)/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const path = join(dir, `refused-${name.replace(/\W+/g, '-')}.db`);
      make(path);
      chmodSync(path, 0o644);
      const before = sha(path);
      expect(() => new SqliteExperimentStore(path)).toThrow(message);
      expect(sha(path)).toBe(before);
    });
  }
});
