import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LabEvent } from '../contract/api.js';
import { TrialPool } from '../runner/trial-pool.js';
import { appRoot } from '../services/app-root.js';
import { ExperimentService } from '../services/experiment-service.js';
import { LabHandlers } from '../services/lab-handlers.js';
import { RunManager } from '../services/run-manager.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { startWebServer, type WebServer } from './web-server.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-web-'));
const staticDir = join(dir, 'renderer');
mkdirSync(staticDir);
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>RNN Lab</title>');
const store = new SqliteExperimentStore(join(dir, 'web.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const runs = new RunManager(service);
const handlers = new LabHandlers(service, store, runs, join(appRoot(import.meta.url), 'experiments'));
let server: WebServer;

beforeAll(async () => {
  server = await startWebServer({ dispatch: (m, i) => handlers.dispatch(m, i), subscribe: (l) => runs.subscribe(l), staticDir });
});
afterAll(async () => {
  await server.close();
  await pool.close();
  store.close();
});

interface Body<T = unknown> {
  ok: boolean;
  value: T;
  error: { code: string; message: string };
}
/** The JSON reply of a response, typed by the caller. */
const j = async <T = unknown>(res: Response) => (await res.json()) as Body<T>;

const call = (method: string, body: unknown, token: string | null = server.token) =>
  fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('web mode server', () => {
  it('listens on 127.0.0.1 with a random port and serves the app with a strict CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses API calls and event sockets without the token', async () => {
    const none = await call('listExperiments', {}, null);
    expect(none.status).toBe(401);
    expect((await j(none)).error.code).toBe('UNAUTHORIZED');
    expect((await call('listExperiments', {}, 'wrong-token')).status).toBe(401);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}events?token=wrong`);
    const outcome = await new Promise((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('validates inputs on the server side: clear errors, no crash', async () => {
    const bad = await call('getExperiment', { experimentId: 'one' });
    expect(bad.status).toBe(400);
    const body = await j(bad);
    expect(body).toEqual({ ok: false, error: expect.objectContaining({ code: 'REQUEST_INVALID' }) });
    expect(body.error.message).toMatch(/^getExperiment input: experimentId: /);
    expect((await j(await call('getExperiment', { experimentId: 1, extra: true }))).error.message).toMatch(/extra: unknown key/);
    expect((await j(await call('noSuchMethod', {}))).error.message).toMatch(/unknown method "noSuchMethod"/);
    const notJson = await call('listExperiments', '{oops');
    expect(notJson.status).toBe(400);
    expect((await j(notJson)).error.message).toMatch(/not valid JSON/);
    const missing = await call('getExperiment', { experimentId: 999 });
    expect(missing.status).toBe(404);
    expect((await call('cancelRun', { experimentId: 999 })).status).toBe(404);
    // A spec nested 10,000 levels deep: one line, not a stack overflow.
    const nested = await call('startExperiment', `{"spec":{"name":"deep","data":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`);
    expect(nested.status).toBe(400);
    expect((await j(nested)).error.message).toMatch(/^\(top level\): the spec is nested more than 64 levels deep/);
    // The server still answers after all of that.
    expect((await call('listExperiments', {})).status).toBe(200);
  });

  it('starts a run from a spec and pushes its events over the socket', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}events?token=${server.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const events: LabEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as LabEvent;
        events.push(event);
        if (event.type === 'run-finished') resolve();
      }),
    );
    const builtins = (await j<{ name: string; spec: unknown }[]>(await call('listBuiltins', {}))).value;
    const shampoo = builtins.find((b) => b.name === 'shampoo-lstm')!;
    const started = await j<{ experimentId: number }>(await call('startExperiment', { spec: shampoo.spec, repeats: 2, epochs: 5 }));
    expect(started.ok).toBe(true);
    await finished;
    ws.close();
    expect(events.filter((e) => e.type === 'trial-done')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'done' });
    const details = (await j<{ experiment: { trialsDone: number } }>(await call('getExperiment', { experimentId: started.value.experimentId }))).value;
    expect(details.experiment.trialsDone).toBe(2);
    const csv = (await j<{ filename: string; text: string }>(await call('exportTable', { table: 'results', format: 'csv', experimentIds: [started.value.experimentId] }))).value;
    expect(csv.filename).toMatch(/\.csv$/);
    expect(csv.text.split('\n')[0]).toBe('kind,config,repeat,seed,rmse,mae,mape,duration_s,engine,backend,threads');
  });

  it('answers 413 with a message for a body over the limit, and keeps answering', async () => {
    const big = await call('listExperiments', JSON.stringify({ spec: 'x'.repeat(11 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await j(big)).error.message).toMatch(/request body over 10 MB/);
    expect((await call('listExperiments', {})).status).toBe(200);
  });

  it('answers 400, not 500, for malformed %-escapes in the method or a static path', async () => {
    const method = await fetch(`${server.url}api/list%E0%A4%A`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` } });
    expect(method.status).toBe(400);
    expect((await j(method)).error.message).toMatch(/malformed %-escape/);
    const file = await fetch(`${server.url}assets/%E0%A4%A.js`);
    expect(file.status).toBe(400);
  });

  it("refuses API calls and event sockets from another origin's page, even with the token", async () => {
    const post = (origin: string) =>
      fetch(`${server.url}api/listExperiments`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, origin }, body: '{}' });
    expect((await post('http://evil.example')).status).toBe(403);
    expect((await post('null')).status).toBe(403);
    expect((await post(server.url.slice(0, -1))).status).toBe(200);
    const referer = await fetch(`${server.url}api/listExperiments`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, referer: 'http://evil.example/page' }, body: '{}' });
    expect(referer.status).toBe(403);
    const socket = (origin: string) =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}events?token=${server.token}`, { origin });
        ws.on('open', () => (ws.close(), resolve('open')));
        ws.on('error', () => resolve('refused'));
      });
    expect(await socket('http://evil.example')).toBe('refused');
    expect(await socket('null')).toBe('refused');
    expect(await socket(server.url.slice(0, -1))).toBe('open');
  });

  it('refuses an address that keeps guessing the token (429), on a server of its own', async () => {
    const own = await startWebServer({ dispatch: (m, i) => handlers.dispatch(m, i), subscribe: () => () => {}, staticDir });
    try {
      const guess = (token: string) => fetch(`${own.url}api/listExperiments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
      for (let i = 0; i < 20; i++) expect((await guess(`guess-${i}`)).status).toBe(401);
      const blocked = await guess('guess-21');
      expect(blocked.status).toBe(401);
      expect((await guess(own.token)).status).toBe(429); // even the right token waits out the window
    } finally {
      await own.close();
    }
  });
});
