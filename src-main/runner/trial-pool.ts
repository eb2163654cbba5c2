import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { END_OF_EVENTS, type RunnerEvent, type TrialReply, type TrialTask } from './events.js';
import { planJobs } from './lockstep-plan.js';

/** Options of {@link TrialPool}. */
export interface TrialPoolOptions {
  /** Worker threads; default one per core. */
  readonly workers?: number;
  /**
   * `background` lowers the workers' scheduling priority (nice {@link BACKGROUND_NICE}) so the thread that
   * answers the app's API preempts training: on a 2-core machine two training threads otherwise leave the
   * server a third of a core, and 200 concurrent API calls waited seconds (bench:load). The app's backends use
   * it; the CLI keeps `normal` (it shares the machine with nothing it must answer). Default `normal`.
   */
  readonly priority?: 'normal' | 'background';
  /**
   * Train the repeats of one configuration in lockstep where that is bit-identical to each alone
   * (runner/lockstep-plan.ts, engine/fused/lockstep/); default true. False (or RNNLAB_LOCKSTEP=off) runs every
   * trial alone, to compare.
   */
  readonly lockstep?: boolean;
  /**
   * Threads per trial. `auto` (default): the pool decides when it starts each trial — the workers no other trial
   * needs (workers − threads of running trials − jobs still queued, at least 1), so a run with fewer trials than
   * workers (one repeat, or the last trial while another core idles) trains an eligible model data-parallel over
   * the idle cores, and a run with more trains one trial per core on one thread each (never both: no
   * oversubscription). A number: every trial gets that many (the queue worker's fixed share of its machine).
   * A lockstep group always runs on one thread (its lanes are the parallelism).
   */
  readonly threads?: 'auto' | number;
}

/** The nice value of background trial threads: CFS weight 110 vs the server thread's 1024. */
export const BACKGROUND_NICE = 10;

/** How a batch of trials ended. */
export interface PoolRunResult {
  /** True when the signal aborted the run before every trial finished. */
  readonly aborted: boolean;
}

/**
 * What runs a batch of trials for the service: local worker threads ({@link TrialPool}) or, with `--queue`, remote
 * `rnnlab worker` processes through Redis (queue/queue-pool.ts). Same events, same claim protocol.
 */
export interface TrialRunner {
  /**
   * Runs every task whose `claim` succeeds (false: another process holds it; skipped without an event) and resolves
   * when each has finished, failed, been interrupted or skipped; aborting interrupts running trials.
   */
  run(tasks: readonly TrialTask[], onEvent: (event: RunnerEvent) => void, signal?: AbortSignal, claim?: (task: TrialTask) => boolean): Promise<PoolRunResult>;
  /**
   * Drops what the runner still holds for trials already stored (`trialIds`): the queue's finished jobs that a desk
   * killed between storing a result and removing its job left behind. The service calls it when a run (or resume)
   * starts; local threads hold nothing across processes and leave it out.
   */
  forgetStored?(trialIds: ReadonlySet<number>): Promise<void>;
  /** Releases threads or connections. */
  close(): Promise<void>;
}

// Workers always run compiled JavaScript: under the test runner (sources are TypeScript) that is the build in dist/,
// which vitest's globalSetup (testing/global-setup.ts) rebuilds whenever a source is newer than it, so tests never
// run stale workers. Node 20 cannot load TypeScript in worker threads reliably.
// The first that exists: the workers' bundle (scripts/bundle-workers.mjs: dist/workers/, it starts in less than
// half the time), tsc's output beside this file, or the Electron bundle's entry beside its chunk.
const isSource = import.meta.url.endsWith('.ts');
const WORKER_CANDIDATES = (isSource ? ['../../dist/workers/trial-worker.js', '../../dist/src-main/runner/trial-worker.js'] : ['../../workers/trial-worker.js', './trial-worker.js']).map(
  (path) => new URL(path, import.meta.url),
);
const WORKER_FILE = WORKER_CANDIDATES.find((url) => existsSync(url)) ?? WORKER_CANDIDATES.at(-1)!;

/**
 * Runs trials on worker threads (one per core by default), each worker running whole trials.
 * Events stream out through `onEvent` on the calling thread; the pool never touches the store.
 * Aborting terminates running trials ('trial-interrupted') and drops queued ones (no event).
 */
export class TrialPool implements TrialRunner {
  readonly workers: number;
  private readonly pool: Piscina;
  private readonly lockstep: boolean;
  private readonly threads: 'auto' | number;
  /** Threads held by the trials (and lockstep groups) running now (over every `run` call). */
  private busy = 0;
  /** Jobs (trials or lockstep groups) of every `run` call not started yet. */
  private waiting = 0;

  constructor(options: TrialPoolOptions = {}) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.lockstep = options.lockstep ?? true;
    const threads = options.threads ?? 'auto';
    if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 1)) throw new TypeError(`threads must be "auto" or an integer ≥ 1, got ${threads}`);
    this.threads = threads;
    if (!existsSync(WORKER_FILE)) throw new Error(`${fileURLToPath(WORKER_FILE)} is missing: run \`npm run build\` first`);
    const workerData = { nice: options.priority === 'background' ? BACKGROUND_NICE : 0 };
    this.pool = new Piscina({ filename: WORKER_FILE.href, minThreads: 0, maxThreads: this.workers, idleTimeout: 60_000, workerData });
  }

  /**
   * Runs every task, at most one job per worker at a time; resolves when all have finished, failed, been
   * interrupted or been skipped. A job is one trial, or a lockstep group of repeats of one configuration
   * (runner/lockstep-plan.ts) that emits every event its trials emit alone, each trial's result as it is known.
   * `claim` is asked for each task just before its job starts (when a worker is free): false skips it without an
   * event (another process holds it), so trials are claimed job by job, not all up front; a group claims all its
   * trials before it starts, and trains those it got.
   */
  async run(
    tasks: readonly TrialTask[],
    onEvent: (event: RunnerEvent) => void,
    signal?: AbortSignal,
    claim: (task: TrialTask) => boolean = () => true,
  ): Promise<PoolRunResult> {
    const queue = planJobs(tasks, this.workers, this.lockstep);
    this.waiting += queue.length;
    const next = () => {
      const job = queue.shift();
      if (job) this.waiting -= 1;
      return job;
    };
    /** Runs `work` holding `threads` of the pool's workers (counted for the trials that start meanwhile). */
    const holding = async (threads: number, work: () => Promise<void>): Promise<void> => {
      this.busy += threads;
      try {
        await work();
      } finally {
        this.busy -= threads;
      }
    };
    const lane = async (): Promise<void> => {
      for (let job = next(); job; job = next()) {
        if (signal?.aborted) return;
        if (job.kind === 'trial') {
          const task = job.task;
          if (!claim(task)) continue;
          const threads = this.threadsForNext();
          await holding(threads, () => this.runOne({ ...task, threads }, onEvent, signal));
          continue;
        }
        const claimed = job.tasks.filter((t) => claim(t));
        if (claimed.length === 1) {
          const threads = this.threadsForNext();
          await holding(threads, () => this.runOne({ ...claimed[0]!, threads }, onEvent, signal));
        } else if (claimed.length > 1) await holding(1, () => this.runGroup(claimed, onEvent, signal));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.workers, queue.length) }, lane));
    } finally {
      this.waiting -= queue.length; // dropped by an abort
    }
    return { aborted: signal?.aborted ?? false };
  }

  /**
   * Threads for the trial starting now: the fixed count, or the workers that neither a running trial holds nor
   * a queued one will need (at least 1). Decided once per trial, when it starts, from counts only, so the same
   * run on the same pool gives each trial the same count; the trial records how many it used.
   */
  private threadsForNext(): number {
    if (this.threads !== 'auto') return this.threads;
    return Math.max(1, this.workers - this.busy - this.waiting);
  }

  /**
   * One lockstep group on a worker (trial-worker.ts → execute-lockstep.ts). Its trials' events, results
   * included, stream through the port; when the worker dies or is aborted, the trials without a result fail
   * ('worker crashed') or are interrupted (those that had started), as a trial alone would.
   */
  private async runGroup(tasks: readonly TrialTask[], onEvent: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    const started = new Set<number>();
    const ended = new Set<number>();
    let markDrained: () => void = () => {};
    const drained = new Promise<void>((resolve) => (markDrained = resolve));
    port1.on('message', (event: RunnerEvent | typeof END_OF_EVENTS) => {
      if (event === END_OF_EVENTS) return markDrained();
      if (event.type === 'trial-started') started.add(event.trialId);
      if (event.type === 'trial-done' || event.type === 'trial-failed') ended.add(event.trialId);
      onEvent(event);
    });
    const open = () => tasks.filter((t) => !ended.has(t.trialId));
    try {
      await this.pool.run({ group: tasks, port: port2 }, { transferList: [port2], ...(signal ? { signal } : {}) });
      await drained;
      port1.close();
      for (const t of open()) onEvent({ type: 'trial-failed', trialId: t.trialId, error: { code: 'INTERNAL', message: 'lockstep group ended without this trial\'s result' } });
    } catch (error) {
      port1.close();
      if (signal?.aborted) {
        for (const t of open()) if (started.has(t.trialId)) onEvent({ type: 'trial-interrupted', trialId: t.trialId });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      for (const t of open()) onEvent({ type: 'trial-failed', trialId: t.trialId, error: { code: 'INTERNAL', message: `worker crashed: ${message}` } });
    }
  }

  private async runOne(task: TrialTask, onEvent: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    let started = false;
    let markDrained: () => void = () => {};
    const drained = new Promise<void>((resolve) => (markDrained = resolve));
    port1.on('message', (event: RunnerEvent | typeof END_OF_EVENTS) => {
      if (event === END_OF_EVENTS) return markDrained();
      if (event.type === 'trial-started') started = true;
      onEvent(event);
    });
    try {
      const reply = (await this.pool.run({ task, port: port2 }, { transferList: [port2], ...(signal ? { signal } : {}) })) as TrialReply;
      await drained; // every event the worker sent arrives before the trial's result
      port1.close();
      onEvent(
        reply.ok
          ? { type: 'trial-done', trialId: task.trialId, outcome: reply.outcome }
          : { type: 'trial-failed', trialId: task.trialId, error: reply.error },
      );
    } catch (error) {
      port1.close();
      if (signal?.aborted) {
        if (started) onEvent({ type: 'trial-interrupted', trialId: task.trialId });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      onEvent({ type: 'trial-failed', trialId: task.trialId, error: { code: 'INTERNAL', message: `worker crashed: ${message}` } });
    }
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
