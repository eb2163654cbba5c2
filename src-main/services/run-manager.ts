import type { LabEvent, RunProgress } from '../contract/api.js';
import { LabError } from '../contract/errors.js';
import type { ExperimentService } from './experiment-service.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

interface ActiveRun {
  readonly controller: AbortController;
  progress: Writable<RunProgress>;
  readonly repeats: Map<number, number>;
}

/**
 * Runs experiments in the background for the UI: at most one run per experiment, cancellable, with live
 * progress kept for windows that open mid-run, and every event fanned out to the subscribers.
 */
export class RunManager {
  private readonly active = new Map<number, ActiveRun>();
  private readonly listeners = new Set<(event: LabEvent) => void>();

  constructor(private readonly service: ExperimentService) {}

  /** Subscribes to every run's events; returns the unsubscribe function. */
  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts running the experiment's missing trials in the background (LabError if it already runs). */
  start(experimentId: number, options: { allowChangedData?: boolean } = {}): void {
    if (this.active.has(experimentId)) throw new LabError('REQUEST_INVALID', `experiment ${experimentId} is already running`);
    const experiment = this.service.experiment(experimentId);
    const trials = this.service.details(experimentId).trials;
    const run: ActiveRun = {
      controller: new AbortController(),
      repeats: new Map(trials.map((t) => [t.id, t.repeatIndex + 1])),
      progress: {
        experimentId,
        name: experiment.name,
        total: trials.length,
        done: trials.filter((t) => t.status === 'done').length,
        failed: 0,
        epochs: experiment.spec.training.epochs,
        running: [],
        startedAt: new Date().toISOString(),
      },
    };
    this.active.set(experimentId, run);
    void this.service
      .run(experimentId, { signal: run.controller.signal, onEvent: (event) => this.onEvent(run, event), allowChangedData: options.allowChangedData ?? false })
      .catch((error: unknown) => {
        // A run that cannot even start (e.g. the database went away) still ends visibly.
        console.error(`run of experiment ${experimentId} failed:`, error);
        this.emit({ type: 'run-finished', experimentId, status: 'failed' });
      })
      .finally(() => this.active.delete(experimentId));
  }

  /** Stops a run: running trials become interrupted, finished ones stay. False when it was not running. */
  cancel(experimentId: number): boolean {
    const run = this.active.get(experimentId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Progress of every run in progress. */
  runs(): RunProgress[] {
    return [...this.active.values()].map((r) => r.progress);
  }

  /** Cancels every run and waits for none (used at shutdown; trials are marked interrupted by the service). */
  cancelAll(): void {
    for (const run of this.active.values()) run.controller.abort();
  }

  private onEvent(run: ActiveRun, event: LabEvent): void {
    const p = run.progress;
    const others = (id: number) => p.running.filter((r) => r.trialId !== id);
    switch (event.type) {
      case 'trial-started':
        p.running = [...others(event.trialId), { trialId: event.trialId, repeat: run.repeats.get(event.trialId) ?? 0, epoch: 0, loss: NaN }];
        break;
      case 'epochs':
        p.running = p.running.map((r) =>
          r.trialId === event.trialId ? { ...r, epoch: event.epochs.at(-1) ?? r.epoch, loss: event.losses.at(-1) ?? r.loss } : r,
        );
        break;
      case 'trial-done':
        run.progress = { ...p, done: p.done + 1, running: others(event.trialId) };
        break;
      case 'trial-failed':
        run.progress = { ...p, failed: p.failed + 1, running: others(event.trialId) };
        break;
      case 'trial-interrupted':
        run.progress = { ...p, running: others(event.trialId) };
        break;
      default:
        break;
    }
    this.emit(event);
  }

  private emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
