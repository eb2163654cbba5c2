import { LabError } from '../contract/errors.js';
import type { RunnerEvent, TrialTask } from './events.js';
import type { PoolRunResult, TrialRunner } from './trial-pool.js';

/**
 * The app's trial runner, switchable at run time between its local threads and a remote one (Settings → run
 * trials on workers through Redis). A run uses the runner current when it starts; switching while a run is going
 * is refused, so no run ever loses the runner under it.
 */
export class SwitchableRunner implements TrialRunner {
  private remote: TrialRunner | null = null;
  private active = 0;

  constructor(private readonly local: TrialRunner) {}

  /** Whether trials go to the remote runner. */
  get isRemote(): boolean {
    return this.remote !== null;
  }

  /** Sends later runs to `remote` (null: back to the local threads), closing the remote runner it replaces. */
  async use(remote: TrialRunner | null): Promise<void> {
    if (this.active > 0) throw new LabError('REQUEST_INVALID', 'a run is going: change where trials run after it finishes (or cancel it)');
    const old = this.remote;
    this.remote = remote;
    await old?.close();
  }

  async run(tasks: readonly TrialTask[], onEvent: (event: RunnerEvent) => void, signal?: AbortSignal, claim?: (task: TrialTask) => boolean): Promise<PoolRunResult> {
    const runner = this.remote ?? this.local;
    this.active++;
    try {
      return await runner.run(tasks, onEvent, signal, claim);
    } finally {
      this.active--;
    }
  }

  async forgetStored(trialIds: ReadonlySet<number>): Promise<void> {
    await (this.remote ?? this.local).forgetStored?.(trialIds);
  }

  async close(): Promise<void> {
    await Promise.all([this.local.close(), this.remote?.close()]);
    this.remote = null;
  }
}
