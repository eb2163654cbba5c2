import { randomUUID } from 'node:crypto';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';

import type { LabErrorData } from '../contract/errors.js';
import type { RanBy, TrialOutcome } from '../contract/results.js';
import { TrialPool } from '../runner/trial-pool.js';
import { codeHash } from './code-hash.js';
import { connectRedis, QUEUE_NAME } from './connection.js';
import { CHUNK_CHARS, encodeValue, putChunks } from './outcome-codec.js';
import { CANCELLED, cancelKey, failureReason, resultKey, workerKey, type EpochsEvent, type TrialJobData, type TrialJobProgress, type TrialJobResult } from './job-data.js';
import { workerIdentity, type WorkerIdentity } from './worker-identity.js';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://host:port` or `rediss://…` (TLS), passed to ioredis as given. */
  readonly url: string;
  readonly name: string;
  /** Trials run at once, each on its own worker thread. */
  readonly concurrency: number;
  /**
   * Threads per trial (default 1). Not decided here the way a local pool decides: a worker cannot see the other
   * workers or programs sharing its machine (several workers on one machine is a normal setup), so giving a trial
   * "idle" cores could oversubscribe them; the operator who knows the machine is idle passes more.
   */
  readonly threads?: number;
  /** BullMQ's job lock, ms (renewed every half of it; lapsed → another worker takes the trial). Default 60,000. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock lapsed (a killed worker's), ms. Default 30,000. */
  readonly stalledIntervalMs?: number;
  readonly log: (line: string) => void;
}

/** A running worker: its identity, and how to stop it. */
export interface QueueWorker {
  readonly identity: WorkerIdentity;
  /** Stops taking jobs, hands running trials back to the queue (another worker starts them over), disconnects. */
  close(): Promise<void>;
}

/** How often a running trial looks for its cancellation key, ms. */
const CANCEL_POLL_MS = 250;
/** How often the worker refreshes its heartbeat, ms; the key expires after three missed ones. */
const HEARTBEAT_MS = 5_000;

/**
 * Starts a queue worker: takes trial jobs from the shared BullMQ queue and runs each with the same code as local
 * runs (TrialPool → executeTrial on a worker thread, so training never blocks this thread's lock renewals). Reports
 * trial-started and epochs events as job progress, returns the outcome (chunked when large), refuses jobs built
 * from other code, stops a trial when the desk sets its cancellation key. Never opens SQLite.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const redis = await connectRedis(options.url);
  const identity = workerIdentity(options.name);
  const ownHash = codeHash();
  const pool = new TrialPool({ workers: options.concurrency, threads: options.threads ?? 1 });
  const current = new Map<string, number>();
  /** Running trials' stop switches: the desk's cancellation or this worker stopping. */
  const running = new Set<AbortController>();
  let stopping = false;
  let trialsDone = 0;

  const beat = async () => {
    const key = workerKey(options.name);
    const fields = { ...identity, versions: JSON.stringify(identity.versions), trialsDone, current: [...current.values()].join(','), heartbeatAt: new Date().toISOString() };
    await redis.multi().hset(key, fields).pexpire(key, HEARTBEAT_MS * 3).exec();
  };

  const processor = async (job: Job<TrialJobData, TrialJobResult>, token?: string): Promise<TrialJobResult> => {
    const jobId = job.id!;
    const { task } = job.data;
    const ranBy: RanBy = { ...identity, attempt: `${options.name}#${job.attemptsStarted}.${randomUUID().slice(0, 4)}` };
    if (job.data.codeHash !== ownHash) {
      const message = `worker ${options.name} on ${identity.host} runs RNN Lab code ${ownHash}, this trial was enqueued by code ${job.data.codeHash}; run the same build (same revision, npm run build) on the desk and every worker`;
      options.log(`refused trial ${task.trialId} (job ${jobId}): ${message}`);
      throw new UnrecoverableError(failureReason({ code: 'REQUEST_INVALID', message }));
    }
    if (await redis.exists(cancelKey(jobId))) {
      options.log(`trial ${task.trialId} (job ${jobId}) cancelled by the desk before it started`);
      throw new UnrecoverableError(failureReason({ code: 'REQUEST_INVALID', message: CANCELLED }));
    }
    options.log(`trial ${task.trialId} (job ${jobId}, attempt ${job.attemptsStarted}) started`);
    current.set(jobId, task.trialId);
    void beat().catch(() => {}); // the list of workers shows the trial at once, not at the next beat
    const controller = new AbortController();
    running.add(controller);
    const poll = setInterval(() => {
      redis.exists(cancelKey(jobId)).then((n) => n > 0 && controller.abort(), () => {});
    }, CANCEL_POLL_MS);
    let reported: Promise<unknown> = Promise.resolve();
    let outcome: TrialOutcome | undefined;
    const epochs: EpochsEvent[] = [];
    let error: LabErrorData | undefined;
    try {
      await pool.run(
        [task],
        (event) => {
          if (event.type === 'trial-started' || event.type === 'epochs') {
            if (event.type === 'epochs') epochs.push(event);
            const progress: TrialJobProgress = { attempt: ranBy.attempt, event: encodeValue(event) };
            // In order, one after another: the desk applies epochs in the order they were sent.
            reported = reported.then(() => job.updateProgress(progress)).catch(() => {});
          } else if (event.type === 'trial-done') outcome = event.outcome;
          else if (event.type === 'trial-failed') error = event.error;
        },
        controller.signal,
      );
      await reported;
    } finally {
      clearInterval(poll);
      current.delete(jobId);
      running.delete(controller);
    }
    if (outcome && !error && !controller.signal.aborted) trialsDone += 1;
    void beat().catch(() => {});
    if (controller.signal.aborted && stopping) {
      // Back to the queue now rather than after the lock lapses (a minute): another worker starts it over.
      await job.moveToWait(token);
      options.log(`trial ${task.trialId} (job ${jobId}) handed back to the queue: this worker is stopping`);
      throw new WaitingError();
    }
    if (controller.signal.aborted) {
      options.log(`trial ${task.trialId} (job ${jobId}) cancelled by the desk`);
      throw new UnrecoverableError(failureReason({ code: 'REQUEST_INVALID', message: CANCELLED }));
    }
    if (error || !outcome) {
      const data = error ?? { code: 'INTERNAL', message: 'the trial ended without an outcome' };
      options.log(`trial ${task.trialId} (job ${jobId}) failed: ${data.message}`);
      // A trial's own error (bad data, an invalid config) fails the same way each time: no retry. A crash may not.
      throw data.code === 'INTERNAL' ? new Error(failureReason(data)) : new UnrecoverableError(failureReason(data));
    }
    const text = encodeValue({ outcome, epochs });
    const done = `trial ${task.trialId} (job ${jobId}) done in ${(outcome.durationMs / 1000).toFixed(1)} s, result ${(text.length / 1024).toFixed(0)} KB`;
    if (text.length <= CHUNK_CHARS) {
      options.log(done);
      return { ranBy, payload: text };
    }
    const key = resultKey(jobId, ranBy.attempt);
    const count = await putChunks(redis, key, text);
    options.log(`${done} in ${count} chunks`);
    return { ranBy, chunks: { key, count, bytes: text.length } };
  };

  const worker = new Worker<TrialJobData, TrialJobResult>(QUEUE_NAME, processor, {
    connection: redis,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? 60_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 1,
  });
  worker.on('error', (e) => options.log(`queue error: ${e.message}`));
  await worker.waitUntilReady();
  await beat();
  const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  options.log(`worker ${options.name} on ${identity.host}: ${identity.cores} cores, kernels ${identity.kernelTier}, code ${ownHash}, ${options.concurrency} at a time, ${options.threads ?? 1} thread${(options.threads ?? 1) === 1 ? '' : 's'} each`);
  return {
    identity,
    async close() {
      clearInterval(heartbeat);
      stopping = true;
      const closed = worker.close(); // takes no new job, waits for the running ones to hand theirs back
      for (const controller of running) controller.abort();
      await closed;
      await pool.close();
      await redis.del(workerKey(options.name)).catch(() => 0);
      await redis.quit().catch(() => 'OK');
    },
  };
}

