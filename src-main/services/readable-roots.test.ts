import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { LabHandlers } from './lab-handlers.js';
import { RunManager } from './run-manager.js';

// The app's API (web mode, Electron) reads data only from the folders the user has: a page must not be able to
// make RNN Lab read /etc/… or a file a symbolic link points at. The CLI has no such limit.
const root = appRoot(import.meta.url);
const experiments = join(root, 'experiments');
const dataDir = mkdtempSync(join(tmpdir(), 'rnnlab-roots-'));
const store = new SqliteExperimentStore(join(dataDir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const handlers = new LabHandlers(service, store, new RunManager(service), experiments, [dataDir]);
afterAll(async () => {
  await pool.close();
  store.close();
});

const shampoo = (path: string) => ({ ...JSON.parse(readFileSync(join(experiments, 'shampoo-lstm.json'), 'utf8')), repeats: 1, data: { kind: 'csv', path, column: 'Sales', timeColumn: 'Month' } });
const issues = async (path: string) => {
  const r = (await handlers.dispatch('validateSpec', { spec: shampoo(path) })) as { ok: true; value: { ok: boolean; issues?: { path: string; message: string }[] } };
  return r.value;
};

describe('data files the app may read', () => {
  it('the shipped data and the user data folder are readable', async () => {
    expect(await issues('../data/shampoo-sales.csv')).toMatchObject({ ok: true });
    copyFileSync(join(root, 'data/shampoo-sales.csv'), join(dataDir, 'mine.csv'));
    expect(await issues(join(dataDir, 'mine.csv'))).toMatchObject({ ok: true });
  });

  it('any other file is refused naming data.path and the fix, by validateSpec and startExperiment, storing nothing', async () => {
    const v = await issues('/etc/os-release');
    expect(v.ok).toBe(false);
    expect(v.issues![0]).toMatchObject({ path: 'data.path', message: expect.stringMatching(/^\/etc\/os-release is outside the folders the app reads .*; import the file into your data folder or run it with the rnnlab CLI$/) });
    const started = await handlers.dispatch('startExperiment', { spec: shampoo('/etc/os-release') });
    expect(started).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', message: expect.stringMatching(/^data\.path: /) } });
    expect(store.listExperiments()).toHaveLength(0);
  });

  it('a symbolic link in the data folder pointing outside it is refused too', async () => {
    symlinkSync('/etc/os-release', join(dataDir, 'link.csv'));
    expect((await issues(join(dataDir, 'link.csv'))).issues![0]!.path).toBe('data.path');
    expect((await issues(`${dataDir}/../../etc/os-release`)).ok).toBe(false);
  });

  it('a file picked in the desktop open dialog becomes readable — that file only, not its folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'rnnlab-picked-'));
    const picked = join(elsewhere, 'sales.csv');
    copyFileSync(join(root, 'data/shampoo-sales.csv'), picked);
    writeFileSync(join(elsewhere, 'other.csv'), 'a\n1\n');
    expect((await issues(picked)).ok).toBe(false);
    handlers.allowFile(picked);
    expect(await issues(picked)).toMatchObject({ ok: true });
    expect(await handlers.dispatch('inspectData', { path: picked })).toMatchObject({ ok: true, value: { rows: 36 } });
    expect(await handlers.dispatch('inspectData', { path: join(elsewhere, 'other.csv') })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    expect((await issues(join(elsewhere, 'other.csv'))).ok).toBe(false);
  });
});
