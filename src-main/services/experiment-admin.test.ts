import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { LabHandlers } from './lab-handlers.js';
import { RunManager } from './run-manager.js';

// The management methods through the API dispatcher (zod inputs, one-line refusals), on a temp database.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-admin-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const handlers = new LabHandlers(service, store, new RunManager(service), join(appRoot(import.meta.url), 'experiments'));
afterAll(async () => {
  await pool.close();
  store.close();
});
const spec = parseSpec({
  name: 'tiny', description: 'LSTM(4) on shampoo',
  data: { kind: 'csv', path: '/x.csv', column: 'v' }, preprocessing: [{ supervised: {} }],
  model: { layers: [{ dense: { units: 1 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'walk-forward', testSize: 1 }, repeats: 1, seed: 1,
});
const create = (name: string) =>
  store.createExperiment({ name, spec: { ...spec, name }, configs: [spec], headline: 'rmse', trials: [{ configIndex: 0, repeatIndex: 0, seed: 3 }] }).id;

describe('experiment management over the API', () => {
  it('renames, edits labels, deletes, restores and purges; refusals are one line', async () => {
    const a = create('a');
    const b = create('b');
    expect(await handlers.dispatch('renameExperiment', { experimentId: a, name: 'lstm-1' })).toMatchObject({ ok: true, value: { id: a, name: 'lstm-1' } });
    expect(await handlers.dispatch('renameExperiment', { experimentId: b, name: 'lstm-1' })).toEqual({
      ok: false, error: { code: 'REQUEST_INVALID', message: `name "lstm-1" is taken by experiment #${a}; names are unique per database, pick another` },
    });
    const bad = await handlers.dispatch('renameExperiment', { experimentId: b, name: 'a/b' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', message: expect.stringMatching(/^renameExperiment input: name: .*letters, digits/) } });
    const edited = await handlers.dispatch('editExperiment', { experimentId: a, description: 'LSTM(1)', tags: ['paper', ' units '], notes: '*n* = 30', starred: true });
    expect(edited).toMatchObject({ ok: true, value: { description: 'LSTM(1)', tags: ['paper', 'units'], notes: '*n* = 30', starred: true } });
    expect(await handlers.dispatch('editExperiment', { experimentId: a, tags: ['a,b'] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('a tag cannot contain a comma') } });
    // Duplicate & edit starts from the current name and description; the stored spec keeps what it ran with.
    expect(await handlers.dispatch('getSpec', { experimentId: a })).toMatchObject({ ok: true, value: { name: 'lstm-1', description: 'LSTM(1)', repeats: 1 } });
    expect(store.findExperiment(a)!.spec).toMatchObject({ name: 'a', description: 'LSTM(4) on shampoo' });

    expect(await handlers.dispatch('deleteExperiment', { experimentId: b })).toMatchObject({ ok: true, value: { id: b, deletedAt: expect.any(String) } });
    const ids = async (input: object) => ((await handlers.dispatch('listExperiments', input)) as { value: { id: number }[] }).value.map((e) => e.id);
    expect(await ids({})).toEqual([a]);
    expect(await ids({ includeDeleted: true })).toEqual([b, a]);
    expect(await handlers.dispatch('resumeExperiment', { experimentId: b })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^experiment #\d+ is deleted; restore it/) } });
    expect(await handlers.dispatch('restoreExperiment', { experimentId: b })).toMatchObject({ ok: true, value: { deletedAt: null } });
    expect(await handlers.dispatch('purgeExperiment', { experimentId: b })).toEqual({ ok: true, value: { experimentId: b, trials: 1, weightBytes: 0, vacuumed: true } });
    expect(await ids({ includeDeleted: true })).toEqual([a]);
    expect(await handlers.dispatch('purgeExperiment', { experimentId: b })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses to delete or purge an experiment that is running', async () => {
    const id = create('busy');
    const [t] = store.listTrials(id);
    store.claimTrial(t!.id, { owner: service.owner, pid: process.pid, ms: 60_000 });
    for (const method of ['deleteExperiment', 'purgeExperiment']) {
      const out = await handlers.dispatch(method, { experimentId: id });
      expect(out).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID', message: expect.stringMatching(new RegExp(`^experiment #${id} is running in process ${process.pid} on this machine; cancel it`)) } });
    }
    expect(store.findExperiment(id)!.deletedAt).toBeNull();
  });

  it('exports a table as XLSX: base64 of a workbook whose cells are the numbers on screen', async () => {
    const id = create('xlsx');
    const out = await handlers.dispatch('exportTable', { table: 'trials', format: 'xlsx', experimentIds: [id] });
    if (!out.ok) throw new Error(out.error.message);
    const value = out.value as { filename: string; mime: string; text: string; encoding: string };
    expect(value).toMatchObject({ filename: 'xlsx-3-repeats.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', encoding: 'base64' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(value.text, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('trials');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['config', 'repeat', 'seed', 'status']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['default', 1, 3, 'queued']);
    const csv = await handlers.dispatch('exportTable', { table: 'trials', format: 'csv', experimentIds: [id] });
    expect(csv).toMatchObject({ ok: true, value: { encoding: 'utf8', text: expect.stringMatching(/^config,repeat,seed,status/) } });
  });
});
