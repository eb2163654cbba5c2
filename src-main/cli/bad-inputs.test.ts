import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { ARGUMENT_CASES, DB_CASES, SPEC_FILE_CASES, type CliCase } from '../../testing/bad-inputs/cli-cases.js';
import { builtin, caseDir, messageLines, rnnlabAsync, sha256, STACK, storedExperiments, SUITE_DIR, write, type CliResult } from '../../testing/bad-inputs/fixtures.js';
import { api, HTTP_CASES, SOCKET_CASES, upgrade, type Target } from '../../testing/bad-inputs/http-cases.js';
import { SCHEMA_CASES } from '../../testing/bad-inputs/schema-cases.js';
import { TABLE_CASES } from '../../testing/bad-inputs/table-cases.js';
import { CV_CASES, TOKEN_CASES } from '../../testing/bad-inputs/cv-cases.js';
import { PAIRS_CASES } from '../../testing/bad-inputs/pairs-cases.js';
import { CSV_CASES, MNIST_CASES, TEXT_CASES, type SpecCase } from '../../testing/bad-inputs/spec-cases.js';
import { MAX_MESSAGE } from '../contract/errors.js';
import { TrialPool } from '../runner/trial-pool.js';
import { appRoot } from '../services/app-root.js';
import { ExperimentService } from '../services/experiment-service.js';
import { LabHandlers } from '../services/lab-handlers.js';
import { RunManager } from '../services/run-manager.js';
import { startWebServer, type WebServer } from '../server/web-server.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';

// The project's bad-input suite (issue 13). Every case is written into its own temp folder and must get ONE
// line naming the field, line or path and the fix — no stack, no silent wrong result, nothing stored for an
// invalid experiment, a refused database left byte for byte, and the web server still answering afterwards.
// The tables live in testing/bad-inputs/; each spec case runs through the real CLI and the real server alike.

const SPEC_CASES: SpecCase[] = [...CSV_CASES, ...TABLE_CASES, ...SCHEMA_CASES, ...MNIST_CASES, ...TEXT_CASES, ...CV_CASES, ...TOKEN_CASES, ...PAIRS_CASES];
const CLI_CASES: CliCase[] = [...SPEC_FILE_CASES, ...ARGUMENT_CASES, ...DB_CASES];

// The web server in-process over a real store, as in web-server.test.ts.
const webDb = join(SUITE_DIR, 'web.db');
const staticDir = join(SUITE_DIR, 'renderer');
mkdirSync(staticDir);
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>RNN Lab</title>');
const store = new SqliteExperimentStore(webDb);
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const runs = new RunManager(service);
// The app reads data files from its database's folder (the suite's temp folder), as web mode does.
const handlers = new LabHandlers(service, store, runs, join(appRoot(import.meta.url), 'experiments'), [SUITE_DIR]);
let server: WebServer;
let target: Target;
/** A database holding one finished experiment (#1 shampoo-lstm), for show / export / resume cases. */
let lab: string;

beforeAll(async () => {
  server = await startWebServer({ dispatch: (m, i) => handlers.dispatch(m, i), subscribe: (l) => runs.subscribe(l), staticDir });
  target = { url: server.url, port: server.port, token: server.token };
  const dir = caseDir('lab');
  lab = join(dir, 'lab.db');
  const made = await rnnlabAsync(['run', write(dir, 'ok.json', JSON.stringify(builtin('shampoo-lstm'))), '--db', lab, '--no-progress'], { trains: true });
  expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => {
  await server.close();
  await pool.close();
  store.close();
  rmSync(SUITE_DIR, { recursive: true, force: true }); // ~40 MB of junk files and databases
});

/** The one message line of a CLI result: no stack, not a bug, capped; returns it. */
function oneLine(expect: ExpectStatic, r: CliResult, what: string): string {
  const lines = messageLines(r.stderr);
  expect(r.stderr + r.stdout, what).not.toMatch(STACK);
  expect(lines, `${what}: ${r.stderr}`).toHaveLength(1);
  expect(lines[0], what).not.toMatch(/internal error|a bug in RNN Lab/);
  expect(lines[0]!.length, what).toBeLessThanOrEqual(MAX_MESSAGE + 'rnnlab: '.length);
  return lines[0]!;
}

interface Reply {
  ok: boolean;
  value?: { ok: boolean; issues?: { path: string; message: string }[] };
  error?: { code: string; message: string };
}

/** The server answers a valid call after a bad one, and has stored nothing. */
async function stillAnswers(expect: ExpectStatic): Promise<void> {
  expect((await api(target, 'listExperiments', {})).status).toBe(200);
  expect(storedExperiments(webDb)).toBe(0);
}

/** A spec path in the form validateSpec's issues name (`grid["…"]` and file paths come as the whole line). */
const PATH = /^[\w$]+(?:\[\d+\]|\.[\w$-]+)*$/;

describe.concurrent('bad specs and data files: rnnlab run and the API refuse them with the same line, storing nothing', () => {
  for (const c of SPEC_CASES) {
    it(`${c.category}: ${c.name}`, async ({ expect }) => {
      const dir = caseDir(c.name);
      const spec = c.spec(dir);
      const file = write(dir, 'spec.json', JSON.stringify(spec));
      const db = join(dir, 'lab.db');
      // The CLI and the API at once (the API's answers do not depend on the CLI's): the suite stays CPU-bound.
      const [r, validated, started] = await Promise.all([
        rnnlabAsync(['run', file, '--db', db, '--no-progress', ...(c.accepted ? ['--json'] : [])], { trains: c.accepted === true }),
        api(target, 'validateSpec', { spec }),
        c.accepted ? undefined : api(target, 'startExperiment', { spec }),
      ]);
      if (c.secret) expect(r.stdout + r.stderr).not.toContain(c.secret);
      expect(validated.status).toBe(200);
      const v = JSON.parse(validated.text) as Reply;
      if (c.accepted) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(STACK);
        const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { status: string; baselines: { metrics: { rmse?: number } }[] };
        expect(result.status).toBe('done');
        // The persistence baseline depends on the data alone: the same value proves the same series was read.
        expect(result.baselines[0]?.metrics.rmse?.toFixed(3) ?? 'none').toMatch(c.message);
        expect(storedExperiments(db)).toBe(1);
        expect(v).toMatchObject({ ok: true, value: { ok: true } });
        return stillAnswers(expect);
      }
      expect(r.code, r.stderr).toBe(1);
      const line = oneLine(expect, r, c.name);
      expect(line.startsWith('rnnlab: '), line).toBe(true);
      expect(line.slice('rnnlab: '.length)).toMatch(c.message);
      expect(storedExperiments(db)).toBe(0);

      // validateSpec: ok, with issues whose first names the path; startExperiment: the CLI's line, nothing stored.
      expect(v).toMatchObject({ ok: true, value: { ok: false } });
      const issue = v.value!.issues![0]!;
      if (c.api) {
        // The app refuses files outside its folders before reading them: its own line, still nothing stored.
        expect(issue.path).toBe(c.api.path);
        expect(`${issue.path}: ${issue.message}`).toMatch(c.api.message);
        expect(started!.status).toBe(400);
        expect((JSON.parse(started!.text) as Reply).error!.message).toMatch(c.api.message);
        return stillAnswers(expect);
      }
      expect(issue.path).toBe(c.path && PATH.test(c.path) ? c.path : '(top level)');
      const issueLine = issue.path === '(top level)' ? issue.message : `${issue.path}: ${issue.message}`;
      expect(started!.status).toBe(400);
      const s = JSON.parse(started!.text) as Reply;
      expect(s.ok).toBe(false);
      expect(s.error!.code).not.toBe('INTERNAL');
      expect(s.error!.message.startsWith(issueLine), `${s.error!.message}\nvs issue ${issueLine}`).toBe(true);
      expect(`rnnlab: ${s.error!.message}`).toBe(line);
      if (c.secret) expect(validated.text + started!.text).not.toContain(c.secret);
      await stillAnswers(expect);
    });
  }
});

describe.concurrent('spec files, command lines and databases: one line, exit 1, nothing stored or changed', () => {
  for (const c of CLI_CASES) {
    it(`${c.category}: ${c.name}`, async ({ expect }) => {
      const dir = caseDir(c.name);
      const setup = c.setup(dir, lab);
      const before = setup.unchanged ? sha256(setup.unchanged) : undefined;
      const r = await rnnlabAsync(setup.args, { trains: c.code === 0 });
      expect(r.code, r.stderr).toBe(c.code ?? 1);
      if (c.secret) expect(r.stdout + r.stderr).not.toContain(c.secret);
      if ((c.code ?? 1) === 0) {
        expect(r.stderr).not.toMatch(STACK);
        expect(r.stderr.split('\n')[0]).toMatch(c.message);
      } else expect(oneLine(expect, r, c.name)).toMatch(c.message);
      if (setup.db) expect(storedExperiments(setup.db)).toBe(c.stored ?? 0);
      if (setup.unchanged) {
        expect(sha256(setup.unchanged)).toBe(before);
        expect(existsSync(`${setup.unchanged}-wal`) || existsSync(`${setup.unchanged}-shm`)).toBe(false);
      }
      if (setup.absent) expect(existsSync(setup.absent)).toBe(false);
    });
  }
});

describe('bad HTTP requests: a status and one line, and the server keeps answering', () => {
  for (const c of HTTP_CASES) {
    it(`http: ${c.name} → ${c.status}`, async () => {
      const answer = await c.send(target);
      expect(answer.status, answer.text.slice(0, 300)).toBe(c.status);
      expect(answer.text).not.toMatch(STACK);
      if (c.message) {
        const body = JSON.parse(answer.text) as Reply;
        expect(body.ok).toBe(false);
        expect(body.error!.code).not.toBe('INTERNAL');
        expect(body.error!.message).toMatch(c.message);
        expect(body.error!.message).not.toContain('\n');
      }
      if (c.text) expect(answer.text).toMatch(c.text);
      await stillAnswers(expect);
    });
  }
  for (const c of SOCKET_CASES) {
    it(`http: a WebSocket upgrade with ${c.name} is refused`, async () => {
      expect(await upgrade(c.url(target), c.origin)).toBe('refused');
      await stillAnswers(expect);
    });
  }
  it('(control) a sound WebSocket upgrade opens, so the refusals above are not a broken socket', async () => {
    expect(await upgrade(`${target.url.replace('http', 'ws')}events?token=${target.token}`, target.url.slice(0, -1))).toBe('open');
  });
});
