import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peek, startDesk, trialsOf } from '../../testing/queue/desk.js';
import { redisMissing, redisRequired, startRedis, type TestRedis } from '../../testing/queue/redis-server.js';
import { startWorker, type TestWorker } from '../../testing/queue/workers.js';

// Cancelling, and a desk that dies and comes back: real Redis, real worker and desk processes. Skipped without
// redis-server unless RNNLAB_REQUIRE_REDIS=1 (.ci/run), where that fails.
const missing = redisMissing();
if (missing && !redisRequired) console.warn(`lifecycle.test: skipped, ${missing} (RNNLAB_REQUIRE_REDIS=1 makes this a failure)`);

const SPEC = 'experiments/shampoo-lstm.json';
const FAST_STALL = ['--lock-duration', '2000', '--stalled-interval', '1000'];

/** Waits until `check` holds (polling every 20 ms), or throws `what` after `ms`. */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(missing !== null && !redisRequired)('cancelling and reconnecting desks', () => {
  let redis: TestRedis;
  let client: Redis;
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-queue-life-'));
  const workers: TestWorker[] = [];
  const leftoverJobs = async () => (await client.keys('bull:rnnlab-trials:*-t*')).filter((k) => /-t\d+$/.test(k));

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    client.on('error', () => {}); // the restart test drops the connection on purpose
    workers.push(...(await Promise.all(['p', 'q'].map((n) => startWorker(redis.url, n, FAST_STALL)))));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    client?.disconnect();
    await redis?.stop();
  });

  it('Ctrl-C at the desk stops the remote trials within a moment and removes the waiting ones', async () => {
    const db = join(dir, 'cancel.db');
    // Long trials (tens of seconds each): a cancel that did not reach the workers would leave them training.
    const desk = startDesk(['run', SPEC, '--repeats', '6', '--epochs', '30000', '--db', db, '--queue', redis.url, '--no-progress']);
    await Promise.all(workers.map((w) => w.waitFor(/attempt 1\) started/)));
    await until(() => peek(db, `SELECT DISTINCT trial_id FROM epoch_chunks`).length === 2, 'epochs of both running trials at the desk');
    const t0 = Date.now();
    desk.child.kill('SIGINT');
    await Promise.all(workers.map((w) => w.waitFor(/cancelled by the desk/, 10_000)));
    const stopWithin = Date.now() - t0;
    const run = await desk.done;
    expect(run.code, run.stderr).toBe(130);
    expect(stopWithin).toBeLessThan(5_000);
    const trials = trialsOf(db);
    expect(trials.filter((t) => t.status === 'done' || t.status === 'running')).toEqual([]);
    expect(trials.filter((t) => t.status === 'interrupted').length).toBeGreaterThanOrEqual(2);
    expect(await leftoverJobs()).toEqual([]);
    // Nothing else was trained after the cancel: each worker started exactly the one trial (a waiting job taken
    // while the desk removed them is dropped before it starts).
    for (const w of workers) expect(w.log().match(/attempt \d+\) started/g)).toHaveLength(1);
  });

  it('a desk killed mid-run and restarted collects what finished meanwhile; nothing runs twice', async () => {
    const db = join(dir, 'away.db');
    const repeats = 8;
    const desk = startDesk(['run', SPEC, '--repeats', String(repeats), '--epochs', '400', '--db', db, '--queue', redis.url, '--no-progress']);
    const startedBefore = workers.map((w) => (w.log().match(/attempt \d+\) started/g) ?? []).length);
    await until(() => peek(db, `SELECT 1 FROM trials WHERE status = 'done'`).length >= 2, 'two stored trials');
    desk.child.kill('SIGKILL');
    await desk.done;
    const storedBeforeCrash = peek(db, `SELECT 1 FROM trials WHERE status = 'done'`).length;
    // The workers go on without the desk: every job finishes in Redis, waiting to be collected.
    await until(async () => (await client.zcard('bull:rnnlab-trials:completed')) === repeats - storedBeforeCrash, 'the remaining jobs to complete', 90_000);
    const resumed = startDesk(['resume', '1', '--db', db, '--queue', redis.url, '--no-progress']);
    const run = await resumed.done;
    expect(run.code, run.stderr).toBe(0);
    const trials = trialsOf(db);
    expect(trials.filter((t) => t.status === 'done')).toHaveLength(repeats);
    for (const t of trials) expect(t.runs.filter((r) => r.result === 'stored')).toHaveLength(1);
    const startedAfter = workers.map((w) => (w.log().match(/attempt \d+\) started/g) ?? []).length);
    expect(startedAfter.reduce((a, b) => a + b, 0) - startedBefore.reduce((a, b) => a + b, 0)).toBe(repeats);
    expect(await leftoverJobs()).toEqual([]);
  });

  it('a worker stopped with SIGTERM hands its running trial back at once (not after its minute-long lock)', async () => {
    const leaving = await startWorker(redis.url, 'leaving'); // production lock: 60 s
    const db = join(dir, 'handback.db');
    const desk = startDesk(['run', SPEC, '--repeats', '3', '--epochs', '20000', '--db', db, '--queue', redis.url, '--no-progress']);
    const trialId = Number((await leaving.waitFor(/trial (\d+) \(job \S+, attempt \d+\) started/))[1]);
    await until(() => peek(db, `SELECT 1 FROM epoch_chunks WHERE trial_id = ?`, trialId).length > 0, 'epochs of its trial at the desk');
    const t0 = Date.now();
    await leaving.stop('SIGTERM');
    expect(leaving.child.exitCode).toBe(0);
    expect(leaving.log()).toMatch(new RegExp(`trial ${trialId} \\(job \\S+\\) handed back to the queue`));
    const run = await desk.done;
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const trials = trialsOf(db);
    expect(trials.filter((t) => t.status === 'done')).toHaveLength(3);
    const handed = trials.find((t) => peek<{ r: number }>(db, `SELECT repeat_index AS r FROM trials WHERE id = ?`, trialId)[0]!.r === t.repeat)!;
    expect(handed.runs.map((r) => [r.worker, r.result])).toEqual([[expect.stringMatching(/^[pq]$/), 'stored']]);
    expect(handed.epochs.filter(([name]) => name === 'loss')).toHaveLength(20000);
    expect(await leftoverJobs()).toEqual([]);
  });

  it('Redis restarted empty mid-run: workers and the desk reconnect, vanished trials are enqueued again, all finish', async () => {
    const db = join(dir, 'restart.db');
    const repeats = 6;
    const desk = startDesk(['run', SPEC, '--repeats', String(repeats), '--epochs', '400', '--db', db, '--queue', redis.url, '--no-progress']);
    await until(() => peek(db, `SELECT 1 FROM trials WHERE status = 'done'`).length >= 1, 'a stored trial');
    await redis.restart();
    const run = await desk.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/Unhandled error event/);
    const trials = trialsOf(db);
    expect(trials.filter((t) => t.status === 'done')).toHaveLength(repeats);
    for (const t of trials) expect(t.runs.filter((r) => r.result === 'stored')).toHaveLength(1);
    expect(await leftoverJobs()).toEqual([]);
  });
});
