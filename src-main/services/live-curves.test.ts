import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { startWebServer, type WebServer } from '../server/web-server.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { LabHandlers } from './lab-handlers.js';
import { RunManager } from './run-manager.js';

// getEpochMetrics answers repeated calls from a cache keyed by the store's version: a running trial's curve must
// still grow with every epoch written, whoever writes it.
const experiments = join(appRoot(import.meta.url), 'experiments');
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-curves-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const writer = new SqliteExperimentStore(join(dir, 'lab.db')); // another process's connection
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const handlers = new LabHandlers(service, store, new RunManager(service), experiments);
let server: WebServer;
beforeAll(async () => {
  server = await startWebServer({ dispatch: (m, i) => handlers.dispatch(m, i), subscribe: () => () => {}, staticDir: dir });
});
afterAll(async () => {
  await server.close();
  await pool.close();
  writer.close();
  store.close();
});

type Curves = { trialId: number; epochs: number[]; values: number[] }[];
const direct = async (experimentId: number) => ((await handlers.dispatch('getEpochMetrics', { experimentId, name: 'loss' })) as { value: Curves }).value;
/** Through the web server (which reuses the JSON text of a cached answer). */
const curves = async (experimentId: number) => {
  const res = await fetch(`${server.url}api/getEpochMetrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ experimentId, name: 'loss' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: Curves }).value;
};

describe('live curves through the API', () => {
  it('follow the epochs of a running trial written by this process or another one', async () => {
    const spec = JSON.parse(readFileSync(join(experiments, 'shampoo-lstm.json'), 'utf8'));
    const e = await service.createExperiment(spec, { specDir: experiments, overrides: { repeats: 1, epochs: 5 } });
    const [trial] = store.listTrials(e.id);
    expect(writer.claimTrial(trial!.id, { owner: 'elsewhere/1/1/x', pid: 1, ms: 60_000 })).toBe(true);
    expect(await curves(e.id)).toEqual([]);
    store.appendEpochMetrics([{ trialId: trial!.id, epoch: 1, name: 'loss', value: 0.5 }]);
    expect((await curves(e.id))[0]).toMatchObject({ trialId: trial!.id, epochs: [1], values: [0.5] });
    expect(await direct(e.id)).toBe(await direct(e.id)); // unchanged store: the same answer, not recomputed
    expect((await curves(e.id))[0]).toMatchObject({ epochs: [1], values: [0.5] });
    writer.appendEpochMetrics([{ trialId: trial!.id, epoch: 2, name: 'loss', value: 0.25 }]);
    expect((await curves(e.id))[0]).toMatchObject({ epochs: [1, 2], values: [0.5, 0.25] });
  });
});
