import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peek, startDesk } from '../../testing/queue/desk.js';
import { redisMissing, redisRequired, startRedis, type TestRedis } from '../../testing/queue/redis-server.js';
import { startWorker } from '../../testing/queue/workers.js';

// Threads on queue workers: one per trial unless the operator passes --threads (a worker cannot see who else uses
// its machine), recorded with the trial at the desk like a local one. Real Redis, worker and desk processes.
const missing = redisMissing();
if (missing && !redisRequired) console.warn(`worker-threads.test: skipped, ${missing} (RNNLAB_REQUIRE_REDIS=1 makes this a failure)`);

describe.skipIf(missing !== null && !redisRequired)('threads of queue workers', () => {
  let redis: TestRedis;
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-queue-threads-'));
  // One repeat of a model the local pool would split over an idle core (SimpleRNN(32) at batch 150: 25 M multiply-adds a step).
  const spec = join(dir, 'digits.json');
  writeFileSync(spec, JSON.stringify({
    name: 'digits',
    data: { kind: 'mnist', source: 'bundled', limit: 200 },
    model: { layers: [{ simpleRNN: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }] },
    training: { epochs: 1, batchSize: 150, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.2 },
    engine: 'fused',
    repeats: 1,
  }));
  const storedThreads = (db: string) => peek<{ threads: number | null }>(db, `SELECT threads FROM trials`).map((t) => t.threads);

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs a trial on 1 thread by default and on --threads 2 when given; the desk stores the count', async () => {
    const plain = await startWorker(redis.url, 'plain');
    try {
      expect(plain.log()).toMatch(/1 at a time, 1 thread each/);
      const db = join(dir, 'plain.db');
      const run = await startDesk(['run', spec, '--db', db, '--queue', redis.url, '--no-progress']).done;
      expect(run.code, run.stderr).toBe(0);
      expect(storedThreads(db)).toEqual([1]);
    } finally {
      await plain.stop();
    }
    const wide = await startWorker(redis.url, 'wide', ['--threads', '2']);
    try {
      expect(wide.log()).toMatch(/1 at a time, 2 threads each/);
      const db = join(dir, 'wide.db');
      const run = await startDesk(['run', spec, '--db', db, '--queue', redis.url, '--no-progress']).done;
      expect(run.code, run.stderr).toBe(0);
      expect(storedThreads(db)).toEqual([2]);
    } finally {
      await wide.stop();
    }
  });
});
