/**
 * `npm run bench:queue`: one shampoo grid (default 24 repeats × 200 epochs) through the real service and SQLite
 * store, on local worker threads and then on 1, 2 and 4 `rnnlab worker` processes through BullMQ on a Redis started
 * here (free loopback port, no persistence). Prints throughput (trials per minute) and the queue's overhead per trial:
 * the time a worker lane spends on a trial beyond training it (enqueue → result stored, minus the trial's own
 * duration), from wall time × lanes / trials − mean trial duration.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { QueuePool } from '../src-main/queue/queue-pool.js';
import { databaseTag } from '../src-main/queue/workers-list.js';
import { TrialPool, type TrialRunner } from '../src-main/runner/trial-pool.js';
import { ExperimentService } from '../src-main/services/experiment-service.js';
import { SqliteExperimentStore } from '../src-main/store/sqlite-store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/rnnlab.js');
const { values: args } = parseArgs({
  options: { repeats: { type: 'string', default: '24' }, epochs: { type: 'string', default: '200' }, workers: { type: 'string', default: '1,2,4' } },
});
const repeats = Number(args.repeats);
const epochs = Number(args.epochs);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

/** Resolves when the child's stderr/stdout has printed `text`. */
const printed = (child: ChildProcess, text: string) =>
  new Promise<void>((resolve, reject) => {
    let out = '';
    const on = (c: Buffer) => ((out += c.toString()), out.includes(text) && resolve());
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing "${text}": ${out}`)));
  });

const ended = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));

/** The grid through the service on `runner`; wall seconds and the trials' mean duration (ms). */
async function grid(makeRunner: (dbPath: string) => Promise<TrialRunner>) {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-bench-queue-'));
  const dbPath = join(dir, 'bench.db');
  const store = new SqliteExperimentStore(dbPath);
  const runner = await makeRunner(dbPath);
  const service = new ExperimentService(store, runner);
  const spec = JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8'));
  const record = await service.createExperiment(spec, { specDir: join(root, 'experiments'), overrides: { repeats, epochs } });
  const t0 = performance.now();
  const status = await service.run(record.id);
  const wall = (performance.now() - t0) / 1000;
  const trials = service.details(record.id).trials;
  await runner.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (status !== 'done') throw new Error(`bench grid ended ${status}`);
  return { wall, meanMs: trials.reduce((s, t) => s + (t.durationMs ?? 0), 0) / trials.length, engine: `${trials[0]!.engine}/${trials[0]!.backend}` };
}

const cores = availableParallelism();
console.log(`RNN Lab bench: trials through BullMQ on Redis — shampoo LSTM(4), ${repeats} repeats × ${epochs} epochs, ${cores} cores, Node ${process.version}`);
// On a shared machine the other processes' load moves every figure: it is printed with them.
console.log(`load average at start ${loadavg()[0]!.toFixed(1)}\n`);
const rows: string[][] = [];
const report = (label: string, lanes: number, r: { wall: number; meanMs: number; engine: string }) => {
  const perLane = (r.wall * 1000 * lanes) / repeats;
  rows.push([label, r.wall.toFixed(2), ((repeats / r.wall) * 60).toFixed(0), r.meanMs.toFixed(0), (perLane - r.meanMs).toFixed(0), r.engine]);
};

const localLanes = Math.min(cores, repeats);
report(`local threads (${localLanes})`, localLanes, await grid(async () => new TrialPool({ workers: localLanes })));

const port = await freePort();
const url = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
try {
  await printed(redis, 'Ready to accept connections');
  for (const n of args.workers.split(',').map(Number)) {
    const workers = Array.from({ length: n }, (_, i) => spawn(process.execPath, [cli, 'worker', '--queue', url, '--name', `bench-${i + 1}`], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] }));
    try {
      await Promise.all(workers.map((w) => printed(w, 'waiting for trials')));
      report(`queue, ${n} worker process${n === 1 ? '' : 'es'}`, Math.min(n, repeats), await grid(async (dbPath) => QueuePool.open({ url, dbTag: databaseTag(dbPath), desk: 'bench' })));
    } finally {
      await Promise.all(workers.map(ended));
    }
  }
} finally {
  await ended(redis);
}

const header = ['runner', 'wall s', 'trials/min', 'trial ms (mean)', 'overhead ms/trial', 'engine'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
console.log(`load average at end ${loadavg()[0]!.toFixed(1)}`);
console.log('\noverhead ms/trial = wall × lanes / trials − mean trial duration: what a lane spends per trial beyond training');
console.log('(queue: enqueue, worker pickup, progress, result transfer, storing; lanes beyond the cores also wait for CPU).');
