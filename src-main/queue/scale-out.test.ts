import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rnnlab, ROOT } from '../../testing/cli/run-cli.js';
import { peek, resultsOf, startDesk, trialsOf } from '../../testing/queue/desk.js';
import { redisMissing, redisRequired, startRedis, type TestRedis } from '../../testing/queue/redis-server.js';
import { startWorker, type TestWorker } from '../../testing/queue/workers.js';

// Scale-out end to end: a real Redis on a free loopback port, workers as real `rnnlab worker` processes (dist/), the
// desk as the real CLI. Skipped where redis-server is missing, unless RNNLAB_REQUIRE_REDIS=1 (.ci/run), where it fails.
const missing = redisMissing();
if (missing && !redisRequired) console.warn(`scale-out.test: skipped, ${missing} (RNNLAB_REQUIRE_REDIS=1 makes this a failure)`);

const SPEC = 'experiments/shampoo-lstm.json';
// Short job locks so a killed worker's trial moves on within seconds (production: 60 s / 30 s).
const FAST_STALL = ['--lock-duration', '2000', '--stalled-interval', '1000'];

describe.skipIf(missing !== null && !redisRequired)('trials on queue workers (BullMQ on Redis)', () => {
  let redis: TestRedis;
  let client: Redis;
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-queue-'));
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    client?.disconnect();
    await redis?.stop();
  });

  /** Job hashes of trials left in Redis (a desk removes each job once its result is stored). */
  const leftoverJobs = async () => (await client.keys('bull:rnnlab-trials:*-t*')).filter((k) => /-t\d+$/.test(k));

  it('3 workers run a 30-repeat experiment, each trial once, bit-identical to local threads', async () => {
    workers.push(...(await Promise.all(['a', 'b', 'c'].map((n) => startWorker(redis.url, n)))));
    const remoteDb = join(dir, 'remote.db');
    const desk = startDesk(['run', SPEC, '--repeats', '30', '--epochs', '15', '--db', remoteDb, '--queue', redis.url, '--json', '--no-progress']);
    const remote = await desk.done;
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stderr).toMatch(/3 workers on redis:\/\/127\.0\.0\.1:\d+: a \(/);

    const local = rnnlab(['run', SPEC, '--repeats', '30', '--epochs', '15', '--db', join(dir, 'local.db'), '--workers', '2', '--json', '--no-progress']);
    expect(local.code, local.stderr).toBe(0);
    const localResults = resultsOf(join(dir, 'local.db'));
    const remoteResults = resultsOf(remoteDb);
    expect(remoteResults).toHaveLength(30);
    // Seeds, metrics, predictions, curves and kept weights: equal as doubles (toStrictEqual compares with Object.is).
    expect(remoteResults).toStrictEqual(localResults);
    expect(remoteResults.filter((t) => t.weights !== null).length).toBeGreaterThan(0);

    const trials = trialsOf(remoteDb);
    for (const t of trials) {
      expect(t.attempts).toBe(1);
      expect(t.runs.map((r) => r.result)).toEqual(['stored']);
      expect(['a', 'b', 'c']).toContain(t.runs[0]!.worker);
      expect(t.runs[0]!.versions.code).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(trials.map((t) => t.runs[0]!.worker)).size).toBeGreaterThanOrEqual(2);
    expect(await leftoverJobs()).toEqual([]);
    // `rnnlab workers` lists them with what each did (the heartbeats' counts add up to the 30 trials).
    const listed = rnnlab(['workers', '--queue', redis.url, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const status = JSON.parse(listed.stdout) as { worker: string; trialsDone: number; current: number[]; cores: number }[];
    expect(status.map((w) => w.worker)).toEqual(['a', 'b', 'c']);
    expect(status.reduce((n, w) => n + w.trialsDone, 0)).toBe(30);
    expect(status.every((w) => w.current.length === 0 && w.cores >= 1)).toBe(true);
  });

  it('a worker killed mid-trial: the trial runs again on another worker, 30/30, no duplicate, no partial epochs', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    workers.push(...(await Promise.all(['k', 'm', 'n'].map((n) => startWorker(redis.url, n, FAST_STALL)))));
    const victim = workers[0]!;
    const db = join(dir, 'killed.db');
    const epochs = 3000; // long enough (≈ 1–2 s a trial) that the kill lands inside the trial it caught, not after it
    const desk = startDesk(['run', SPEC, '--repeats', '30', '--epochs', String(epochs), '--db', db, '--queue', redis.url, '--json', '--no-progress']);
    // Mid-trial: a trial of the victim's whose epochs reached the desk in two writes or more already (so the retry's
    // writes cannot simply overwrite them: a leak would show as epochs counted twice). One that ends first is skipped.
    let trialId = 0;
    const deadline = Date.now() + 60_000;
    for (let seen = 0; trialId === 0; ) {
      if (Date.now() > deadline) throw new Error(`no trial of the victim was caught mid-run: ${victim.log()}`);
      const started = [...victim.log().matchAll(/trial (\d+) \(job \S+, attempt 1\) started/g)].map((m) => Number(m[1]));
      const candidate = started[seen];
      if (candidate === undefined) {
        await sleep(10);
        continue;
      }
      const status = peek<{ s: string }>(db, `SELECT status AS s FROM trials WHERE id = ?`, candidate)[0]?.s;
      if (status === 'done') seen += 1;
      else if (peek(db, `SELECT 1 FROM epoch_chunks WHERE trial_id = ? AND name = 'loss'`, candidate).length >= 2) trialId = candidate;
      else await sleep(5);
    }
    victim.child.kill('SIGKILL');
    const run = await desk.done;
    expect(run.code, run.stderr).toBe(0);

    const trials = trialsOf(db);
    expect(trials.filter((t) => t.status === 'done')).toHaveLength(30);
    for (const t of trials) expect(t.runs.filter((r) => r.result === 'stored')).toHaveLength(1);
    expect(trials.flatMap((t) => t.runs).filter((r) => r.result === 'duplicate')).toEqual([]);
    // The trial caught mid-run, unless the victim finished it in the moment between the check and the kill (a busy
    // machine): then another trial the victim had started and never finished is the one retried elsewhere.
    const unfinished = [...victim.log().matchAll(/trial (\d+) \(job \S+, attempt 1\) started/g)]
      .map((m) => Number(m[1]))
      .map((id) => ({ id, trial: trials.find((t) => t.repeat === peekTrialRepeat(db, id))! }))
      .filter(({ trial }) => trial.runs[0]!.worker !== 'k');
    expect(unfinished.length, victim.log()).toBeGreaterThan(0);
    const killed = (unfinished.find((u) => u.id === trialId) ?? unfinished[unfinished.length - 1]!).trial;
    expect(killed.runs[0]!.worker).not.toBe('k');
    expect(killed.runs[0]!.attempt).toMatch(/#2\./); // BullMQ's second start of the job
    // The curve is the retry's alone: each epoch once, 1..epochs, equal to a local run of the same seed.
    const losses = killed.epochs.filter(([name]) => name === 'loss').map(([, epoch]) => epoch);
    expect(losses).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
    const localDb = join(dir, 'killed-local.db');
    const local = rnnlab(['run', SPEC, '--repeats', String(killed.repeat + 1), '--epochs', String(epochs), '--db', localDb, '--workers', '1', '--json', '--no-progress']);
    expect(local.code, local.stderr).toBe(0);
    const reference = resultsOf(localDb)[killed.repeat]!;
    const { runs: _r, attempts: _a, ...mine } = killed;
    expect({ ...mine, weights: null }).toStrictEqual({ ...reference, weights: null });
    expect(await leftoverJobs()).toEqual([]);
  });

  it('a large result (1.3 MB of weights) travels in chunks and arrives bit for bit', async () => {
    const spec = JSON.parse(readFileSync(join(ROOT, SPEC), 'utf8')) as { data: { path: string }; model: { layers: { lstm?: { units: number } }[] } };
    spec.data.path = resolve(ROOT, 'data/shampoo-sales.csv');
    spec.model.layers[0]!.lstm!.units = 200; // 4·200·(1 + 200 + 1) doubles of LSTM weights
    const specFile = join(dir, 'wide.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const args = ['--repeats', '2', '--epochs', '2', '--json', '--no-progress'];
    const remote = await startDesk(['run', specFile, '--db', join(dir, 'wide-remote.db'), '--queue', redis.url, ...args]).done;
    expect(remote.code, remote.stderr).toBe(0);
    const local = rnnlab(['run', specFile, '--db', join(dir, 'wide-local.db'), '--workers', '1', ...args]);
    expect(local.code, local.stderr).toBe(0);
    expect(workers.map((w) => w.log()).join('')).toMatch(/result \d+ KB in \d+ chunks/);
    const results = resultsOf(join(dir, 'wide-remote.db'));
    expect(results.every((t) => t.weights !== null && t.weights.reduce((n, w) => n + w.values.length, 0) > 160_000)).toBe(true);
    expect(results).toStrictEqual(resultsOf(join(dir, 'wide-local.db')));
    expect(await client.keys('rnnlab:result:*')).toEqual([]);
  });
});

/** The repeat index of a trial id in the desk's database. */
function peekTrialRepeat(db: string, trialId: number): number {
  return peek<{ r: number }>(db, `SELECT repeat_index AS r FROM trials WHERE id = ?`, trialId)[0]!.r;
}
