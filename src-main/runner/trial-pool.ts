import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { once } from 'node:events';
import { Piscina } from 'piscina';
import type { RunnerEvent, TrialReply, TrialTask } from './events.js';

/** Options of {@link TrialPool}. */
export interface TrialPoolOptions {
  /** Worker threads; default one per core. */
  readonly workers?: number;
}

/** How a batch of trials ended. */
export interface PoolRunResult {
  /** True when the signal aborted the run before every trial finished. */
  readonly aborted: boolean;
}

const isSource = import.meta.url.endsWith('.ts');

/**
 * Runs trials on worker threads (one per core by default), each worker running whole trials.
 * Events stream out through `onEvent` on the calling thread; the pool never touches the store.
 * Aborting terminates running trials ('trial-interrupted') and drops queued ones (no event).
 */
export class TrialPool {
  readonly workers: number;
  private readonly pool: Piscina;

  constructor(options: TrialPoolOptions = {}) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.pool = new Piscina({
      filename: new URL(`./trial-worker.${isSource ? 'ts' : 'js'}`, import.meta.url).href,
      minThreads: 0,
      maxThreads: this.workers,
      idleTimeout: 60_000,
      // Under the test runner the sources are TypeScript: workers load them through tsx.
      execArgv: isSource ? ['--import', 'tsx'] : [],
    });
  }

  /** Runs every task; resolves when all have finished, failed or been interrupted. */
  async run(tasks: readonly TrialTask[], onEvent: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<PoolRunResult> {
    await Promise.all(tasks.map((task) => this.runOne(task, onEvent, signal)));
    return { aborted: signal?.aborted ?? false };
  }

  private async runOne(task: TrialTask, onEvent: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const { port1, port2 } = new MessageChannel();
    let started = false;
    port1.on('message', (event: RunnerEvent) => {
      if (event.type === 'trial-started') started = true;
      onEvent(event);
    });
    const closed = once(port1, 'close');
    try {
      const reply = (await this.pool.run({ task, port: port2 }, { transferList: [port2], ...(signal ? { signal } : {}) })) as TrialReply;
      await closed; // every event the worker sent arrives before the trial's result
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
      onEvent({ type: 'trial-failed', trialId: task.trialId, error: { code: 'TRAINING_FAILED', message: `worker crashed: ${message}` } });
    }
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
