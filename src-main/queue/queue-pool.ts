import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunnerEvent, TrialTask } from '../runner/events.js';
import type { PoolRunResult, TrialRunner } from '../runner/trial-pool.js';
import { codeHash } from './code-hash.js';
import { connectRedis, QUEUE_NAME } from './connection.js';
import { decodeValue, getChunks } from './outcome-codec.js';
import {
  cancelKey, CANCELLED, failureData, jobIdOf,
  type EpochsEvent, type LiveEvent, type TrialJobData, type TrialJobPayload, type TrialJobProgress, type TrialJobResult,
} from './job-data.js';
import { listWorkers, type WorkerStatus } from './workers-list.js';

/** Options of {@link QueuePool.open}. */
export interface QueuePoolOptions {
  /** `redis://host:port` or `rediss://…` (TLS), with password if any, passed to ioredis as given. */
  readonly url: string;
  /** The desk database's tag (workers-list.ts databaseTag): job ids are `<tag>-t<trial id>`. */
  readonly dbTag: string;
  /** The desk's lease owner id, written into each job for workers' logs. */
  readonly desk: string;
  /** Attempts per trial when workers crash or stall (a trial's own error is never retried). Default 3. */
  readonly attempts?: number;
  /** First retry delay, ms, doubling after each crash. Default 2,000. */
  readonly backoffMs?: number;
  /** How often in-flight jobs are checked directly (missed events, vanished jobs after a Redis restart), ms. Default 2,000. */
  readonly pollMs?: number;
  /** How long a cancelled run waits for running remote trials to stop, ms. Default 15,000. */
  readonly cancelWaitMs?: number;
}

/** One enqueued trial the run waits for. */
interface Flight {
  readonly task: TrialTask;
  /** The attempt whose progress is being applied (the latest trial-started seen). */
  attempt?: string;
  /** Epoch numbers of that attempt already handed on. */
  readonly delivered: Set<number>;
  busy: boolean;
}

/** How long a finished job waits in Redis for its desk, s. */
const KEEP_FINISHED_S = 7 * 24 * 3600;

const WAITING = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/** The part of an epochs event whose epochs are not in `seen`, or null when none are new. */
function unseen(event: EpochsEvent, seen: ReadonlySet<number>): EpochsEvent | null {
  const keep = event.epochs.flatMap((epoch, i) => (seen.has(epoch) ? [] : [i]));
  if (keep.length === 0) return null;
  if (keep.length === event.epochs.length) return event;
  const pick = <T>(values: readonly T[]) => keep.map((i) => values[i]!);
  const extra = event.extra ? Object.fromEntries(Object.entries(event.extra).map(([name, v]) => [name, pick(v)])) : undefined;
  return { ...event, epochs: pick(event.epochs), losses: pick(event.losses), ...(extra ? { extra } : {}) };
}

/**
 * The desk's side of scale-out: runs trials on `rnnlab worker` processes through a BullMQ queue on Redis, with the
 * events of local threads, so ExperimentService stores them exactly as it does local results (it stays the only
 * SQLite writer). Each claimed trial becomes one job (id = database tag + trial id: enqueueing it again dedupes);
 * a job found completed or failed from a time the desk was away is collected, one that vanished is enqueued again,
 * and a job is removed only after its result has been handed on (and so stored).
 */
export class QueuePool implements TrialRunner {
  private constructor(
    private readonly redis: Redis,
    private readonly eventsConnection: Redis,
    private readonly queue: Queue<TrialJobData, TrialJobResult>,
    private readonly events: QueueEvents,
    private readonly options: QueuePoolOptions,
  ) {}

  /** Connects to the queue (LabError naming the URL when Redis cannot be reached). */
  static async open(options: QueuePoolOptions): Promise<QueuePool> {
    const redis = await connectRedis(options.url);
    const eventsConnection = redis.duplicate();
    // Reconnects are ioredis's job (and the poll's, for what they missed); their errors are not the user's output.
    eventsConnection.on('error', () => {});
    const queue = new Queue<TrialJobData, TrialJobResult>(QUEUE_NAME, { connection: redis });
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    queue.on('error', () => {});
    events.on('error', () => {});
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueuePool(redis, eventsConnection, queue, events, options);
  }

  /** The workers whose heartbeat is current. */
  workers(): Promise<WorkerStatus[]> {
    return listWorkers(this.redis);
  }

  async run(tasks: readonly TrialTask[], onEvent: (event: RunnerEvent) => void, signal?: AbortSignal, claim: (task: TrialTask) => boolean = () => true): Promise<PoolRunResult> {
    const flights = new Map<string, Flight>();
    for (const task of tasks) {
      if (signal?.aborted) break;
      if (claim(task)) flights.set(jobIdOf(this.options.dbTag, task.trialId), { task, delivered: new Set(), busy: false });
    }
    if (flights.size === 0) return { aborted: signal?.aborted ?? false };
    let allEnded: () => void = () => {};
    const ended = new Promise<void>((resolve) => (allEnded = resolve));
    const end = (jobId: string) => flights.delete(jobId) && flights.size === 0 && allEnded();
    const interrupt = (jobId: string, f: Flight) => (onEvent({ type: 'trial-interrupted', trialId: f.task.trialId }), end(jobId));

    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
      const f = flights.get(jobId);
      const p = data as Partial<TrialJobProgress> | null;
      if (!f || f.busy || typeof p?.event !== 'string' || typeof p.attempt !== 'string') return;
      const event = decodeValue<LiveEvent>(p.event);
      if (event.type === 'trial-started') {
        // A new attempt (a retry elsewhere): the service drops what the earlier attempt stored.
        f.attempt = p.attempt;
        f.delivered.clear();
        onEvent(event);
        return;
      }
      f.attempt ??= p.attempt; // the desk came back mid-trial: follow the attempt that runs
      if (p.attempt !== f.attempt) return; // a late report of an attempt that lost its lock
      const fresh = unseen(event, f.delivered);
      if (!fresh) return;
      for (const epoch of fresh.epochs) f.delivered.add(epoch);
      onEvent(fresh);
    };

    /** Hands on a finished job's result (completed or failed) and removes the job; otherwise leaves it. */
    const settle = async (jobId: string) => {
      const f = flights.get(jobId);
      if (!f || f.busy) return;
      f.busy = true;
      try {
        // The state first (one small reply): the poll asks for every job in flight.
        const state = await this.queue.getJobState(jobId);
        const job = state === 'completed' || state === 'failed' ? await Job.fromId<TrialJobData, TrialJobResult>(this.queue, jobId) : undefined;
        if (job && state === 'completed') {
          const result = job.returnvalue;
          const text = result.payload ?? (await getChunks(this.redis, result.chunks!.key, result.chunks!.count));
          const payload = decodeValue<TrialJobPayload>(text);
          if (f.attempt !== result.ranBy.attempt) {
            f.delivered.clear();
            onEvent({ type: 'trial-started', trialId: f.task.trialId, engine: payload.outcome.engine });
          }
          // The whole curve: epochs whose live report was missed are handed on now, before the outcome.
          for (const e of payload.epochs) {
            const fresh = unseen(e, f.delivered);
            if (fresh) onEvent(fresh);
          }
          onEvent({ type: 'trial-done', trialId: f.task.trialId, outcome: payload.outcome, ranBy: result.ranBy });
          await job.remove();
          if (result.chunks) await this.redis.del(result.chunks.key);
          end(jobId);
          return;
        }
        if (job && state === 'failed') {
          const error = failureData(job.failedReason);
          if (signal?.aborted || error.message === CANCELLED) onEvent({ type: 'trial-interrupted', trialId: f.task.trialId });
          else onEvent({ type: 'trial-failed', trialId: f.task.trialId, error });
          await job.remove();
          end(jobId);
          return;
        }
        if (state === 'unknown' && !signal?.aborted) await this.enqueue(jobId, f.task); // vanished (Redis restarted empty)
      } finally {
        f.busy = false;
      }
    };

    /** At the start: collect what finished while the desk was away, keep what runs, enqueue the rest. */
    const reconcile = async (jobId: string, f: Flight) => {
      const job = await Job.fromId<TrialJobData, TrialJobResult>(this.queue, jobId);
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'failed' && failureData(job.failedReason).message === CANCELLED) {
        await job.remove(); // an earlier run's cancelled trial: run it now
        return this.enqueue(jobId, f.task);
      }
      if (state === 'completed' || state === 'failed' || state === 'unknown') return settle(jobId);
      // waiting, delayed or active: it is queued or running already, so it is not run a second time
    };

    const onFinished = ({ jobId }: { jobId: string }) => void settle(jobId).catch(() => {});
    this.events.on('progress', onProgress);
    this.events.on('completed', onFinished);
    this.events.on('failed', onFinished);
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      void (async () => {
        for (const jobId of [...flights.keys()]) await settle(jobId).catch(() => {});
      })().finally(() => (polling = false));
    }, this.options.pollMs ?? 2_000);

    const cancel = async () => {
      // Every key first, in one round trip: a worker taking a job while the waiting ones are removed sees it at once.
      const keys = this.redis.multi();
      for (const jobId of flights.keys()) keys.set(cancelKey(jobId), '1', 'EX', 3_600);
      await keys.exec();
      for (const [jobId, f] of [...flights]) {
        const job = await Job.fromId(this.queue, jobId);
        if (!job) interrupt(jobId, f);
        else if (WAITING.has(await job.getState())) {
          try {
            await job.remove();
            interrupt(jobId, f);
          } catch {
            // taken by a worker meanwhile: it sees the cancellation key and stops
          }
        }
      }
      // Running ones stop at their worker's next look at the key and come back as failed ('cancelled'); settle ends
      // them. A worker that does not answer (gone, partitioned) is given up on after the wait.
      setTimeout(() => [...flights].forEach(([jobId, f]) => interrupt(jobId, f)), this.options.cancelWaitMs ?? 15_000).unref();
    };
    const onAbort = () => void cancel().catch(() => {});
    try {
      for (const [jobId, f] of [...flights]) await reconcile(jobId, f);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      if (flights.size) await ended;
    } finally {
      clearInterval(poll);
      signal?.removeEventListener('abort', onAbort);
      this.events.off('progress', onProgress);
      this.events.off('completed', onFinished);
      this.events.off('failed', onFinished);
    }
    return { aborted: signal?.aborted ?? false };
  }

  /**
   * Removes the finished jobs of trials this desk already stored (`stored` trial ids): a desk killed between storing
   * a result and removing its job leaves that job behind, and a resumed run never claims a stored trial again.
   */
  async forgetStored(stored: ReadonlySet<number>): Promise<void> {
    for (const id of stored) {
      const job = await this.queue.getJob(jobIdOf(this.options.dbTag, id));
      if (job && (await job.getState()) === 'completed') await job.remove();
    }
  }

  /** Adds the trial's job (a no-op while a job with its id exists), clearing an earlier cancellation. */
  private async enqueue(jobId: string, task: TrialTask): Promise<void> {
    await this.redis.del(cancelKey(jobId));
    await this.queue.add('trial', { task, codeHash: codeHash(), desk: this.options.desk }, {
      jobId,
      attempts: this.options.attempts ?? 3,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 2_000 },
      // The desk removes each job once stored; these bound what a desk that never comes back leaves in Redis (a job
      // of a trial it stored just before dying, too). A desk away for longer runs such trials again.
      removeOnComplete: { age: KEEP_FINISHED_S },
      removeOnFail: { age: KEEP_FINISHED_S },
    });
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    await Promise.all([this.eventsConnection.quit().catch(() => 'OK'), this.redis.quit().catch(() => 'OK')]);
  }
}
