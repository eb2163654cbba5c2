import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rnnlab, ROOT } from '../../testing/cli/run-cli.js';
import { startDesk, trialsOf } from '../../testing/queue/desk.js';
import { redisMissing, redisRequired, startRedis, type TestRedis } from '../../testing/queue/redis-server.js';
import { startWorker, type TestWorker } from '../../testing/queue/workers.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { QUEUE_NAME } from './connection.js';
import { failureData, type TrialJobData } from './job-data.js';

// What workers refuse or fail without retrying: a job from other code, a trial whose data is bad. Real Redis, real
// worker processes; skipped without redis-server unless RNNLAB_REQUIRE_REDIS=1 (.ci/run), where that fails.
const missing = redisMissing();
if (missing && !redisRequired) console.warn(`refusals.test: skipped, ${missing} (RNNLAB_REQUIRE_REDIS=1 makes this a failure)`);

describe.skipIf(missing !== null && !redisRequired)('queue workers refuse and fail once', () => {
  let redis: TestRedis;
  let client: Redis;
  let queue: Queue<TrialJobData>;
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-queue-refuse-'));
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    queue = new Queue<TrialJobData>(QUEUE_NAME, { connection: client });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await queue?.close();
    client?.disconnect();
    await redis?.stop();
  });

  it('refuses a job enqueued by other code, once, saying both code hashes', async () => {
    // A real trial task, from an experiment stored by the CLI.
    const db = join(dir, 'task.db');
    expect(rnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '1', '--epochs', '1', '--db', db, '--no-progress']).code).toBe(0);
    const store = new SqliteExperimentStore(db);
    const config = store.findExperiment(1)!.configs[0]!;
    const trial = store.listTrials(1)[0]!;
    store.close();
    workers.push(await startWorker(redis.url, 'h'));
    const job = await queue.add('trial', { task: { trialId: trial.id, seed: trial.seed, config }, codeHash: 'deadbeefdeadbeef', desk: 'an older desk' }, {
      jobId: 'other-code-t1',
      attempts: 3,
      backoff: { type: 'fixed', delay: 100 },
    });
    const deadline = Date.now() + 30_000;
    while ((await job.getState()) !== 'failed') {
      if (Date.now() > deadline) throw new Error(`job is ${await job.getState()}, not failed`);
      await sleep(50);
    }
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1); // UnrecoverableError: not retried
    const shown = failureData(failed.failedReason);
    expect(shown.code).toBe('REQUEST_INVALID');
    expect(shown.message).toMatch(/^worker h on \S+ runs RNN Lab code [0-9a-f]{16}, this trial was enqueued by code deadbeefdeadbeef; run the same build/);
    expect(workers[0]!.log()).toMatch(/refused trial \d+ \(job other-code-t1\)/);
    expect(workers[0]!.log()).not.toMatch(/started/);
    await failed.remove();
  });

  it('a trial whose data is bad on the worker fails once, clearly, without retries', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    // The spec reads a copy of the data; the copy goes bad after the desk stored and enqueued the experiment.
    const csv = join(dir, 'sales.csv');
    copyFileSync(join(ROOT, 'data/shampoo-sales.csv'), csv);
    const spec = JSON.parse(readFileSync(join(ROOT, 'experiments/shampoo-lstm.json'), 'utf8')) as { data: { path: string } };
    spec.data.path = resolve(csv);
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const db = join(dir, 'bad.db');
    const desk = startDesk(['run', join(dir, 'spec.json'), '--repeats', '2', '--epochs', '5', '--db', db, '--queue', redis.url, '--no-progress']);
    const deadline = Date.now() + 30_000;
    while ((await queue.getWaitingCount()) < 2) {
      if (Date.now() > deadline) throw new Error(`the desk did not enqueue 2 trials: ${desk.stderr()}`);
      await sleep(50);
    }
    expect(desk.stderr()).toMatch(/no worker is connected to redis:\/\/127\.0\.0\.1:\d+ yet/);
    writeFileSync(csv, '"Month","Sales"\n"1-01",266.0\n"1-02",lots\n');
    const worker = await startWorker(redis.url, 'b', ['--lock-duration', '2000', '--stalled-interval', '1000']);
    workers.push(worker);
    const run = await desk.done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/rnnlab: repeat 1 failed: .*sales\.csv/);
    const trials = trialsOf(db);
    expect(trials.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(trials.map((t) => t.runs)).toEqual([[], []]);
    // Each trial started once and failed once: a LabError is the trial's own, so it is never retried.
    expect(worker.log().match(/attempt \d+\) started/g)).toHaveLength(2);
    expect(worker.log()).not.toMatch(/attempt 2\)/);
    expect(worker.log().match(/failed: /g)).toHaveLength(2);
    expect(await queue.getJobCounts('failed', 'waiting', 'active', 'delayed', 'completed')).toEqual({ failed: 0, waiting: 0, active: 0, delayed: 0, completed: 0 });
  });
});
