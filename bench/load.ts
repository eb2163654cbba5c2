/**
 * `npm run bench:load`: API latency while a run trains. The web server, store, pool and services as in web
 * mode (loopback only); a 30-repeat shampoo run trains on every core; meanwhile waves of 200 concurrent API
 * calls, each on a fresh connection, ask for the experiment list, the experiment's details and its loss curves.
 * Reports p50/p99/max latency per wave and the training's wall time with and without the load (same run size,
 * measured in this one process). Bounded: at most `--waves` waves (default 5) and one run of each kind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from 'd3-array';
import { TrialPool } from '../src-main/runner/trial-pool.js';
import { startWebServer } from '../src-main/server/web-server.js';
import { ExperimentService } from '../src-main/services/experiment-service.js';
import { LabHandlers } from '../src-main/services/lab-handlers.js';
import { RunManager } from '../src-main/services/run-manager.js';
import { SqliteExperimentStore } from '../src-main/store/sqlite-store.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EPOCHS = arg('epochs', 30_000);
const WAVES = arg('waves', 5);
const CALLS = arg('calls', 200);
/** Which methods a wave calls, round robin (`--only listExperiments` to isolate one). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : undefined;
const root = fileURLToPath(new URL('../../', import.meta.url));

/** One POST on a fresh TCP connection (agent: false); resolves to its latency in ms (rejects on non-200). */
function call(port: number, token: string, method: string, body: unknown): Promise<number> {
  const t0 = performance.now();
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/api/${method}`, method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${method}: HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-load-'));
  const store = new SqliteExperimentStore(join(dir, 'load.db'));
  const pool = new TrialPool({ workers: availableParallelism(), priority: 'background' }); // as the app's backends run it
  const service = new ExperimentService(store, pool);
  const runs = new RunManager(service);
  const handlers = new LabHandlers(service, store, runs, join(root, 'experiments'));
  const server = await startWebServer({ dispatch: (m, i) => handlers.dispatch(m, i), subscribe: (l) => runs.subscribe(l), staticDir: dir });
  const spec = JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8'));
  const create = () => service.createExperiment(spec, { specDir: join(root, 'experiments'), overrides: { repeats: 30, epochs: EPOCHS } });
  const until = (id: number) =>
    new Promise<void>((resolve) => {
      const off = runs.subscribe((e) => e.type === 'run-finished' && e.experimentId === id && (off(), resolve()));
    });

  // 1. The run alone.
  const quiet = await create();
  let t0 = performance.now();
  const quietDone = until(quiet.id);
  runs.start(quiet.id);
  await quietDone;
  const alone = (performance.now() - t0) / 1000;

  // 2. The same run under waves of API calls.
  const busy = await create();
  t0 = performance.now();
  const busyDone = until(busy.id);
  let finished = false;
  void busyDone.then(() => (finished = true));
  runs.start(busy.id);
  const waves: { p50: number; p99: number; max: number; errors: number }[] = [];
  for (let w = 0; w < WAVES && !finished; w++) {
    await new Promise((r) => setTimeout(r, 1000));
    const calls = Array.from({ length: CALLS }, (_, i) => {
      const kind = only ? ['listExperiments', 'getExperiment', 'getEpochMetrics'].indexOf(only) : i % 3;
      return kind === 0
        ? call(server.port, server.token, 'listExperiments', {})
        : kind === 1
          ? call(server.port, server.token, 'getExperiment', { experimentId: busy.id })
          : call(server.port, server.token, 'getEpochMetrics', { experimentId: busy.id, name: 'loss' });
    });
    const settled = await Promise.allSettled(calls);
    const ms = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])).sort((a, b) => a - b);
    waves.push({ p50: quantile(ms, 0.5) ?? NaN, p99: quantile(ms, 0.99) ?? NaN, max: ms.at(-1) ?? NaN, errors: settled.length - ms.length });
  }
  await busyDone;
  const loaded = (performance.now() - t0) / 1000;

  console.log(`## API latency under training (${CALLS} concurrent calls per wave, fresh connections; shampoo 30 × ${EPOCHS}, ${pool.workers} workers)\n`);
  console.log('| wave | p50 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|');
  waves.forEach((w, i) => console.log(`| ${i + 1} | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.max.toFixed(1)} | ${w.errors} |`));
  const worstP99 = Math.max(...waves.map((w) => w.p99));
  console.log(`\ntraining alone ${alone.toFixed(2)} s, under load ${loaded.toFixed(2)} s (×${(loaded / alone).toFixed(3)}; target ≤ ×1.10); worst p99 ${worstP99.toFixed(0)} ms (target < 1000 ms)`);
  await server.close();
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
