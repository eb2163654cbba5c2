import type { LabEvent, RunProgress } from '../../src-main/contract/api.js';
import type { ExperimentDetails, ExperimentStatus, TrialStatus } from '../../src-main/contract/results.js';
import { api } from '../api/index.js';
import { attempt } from './errors.svelte.js';

/** One repeat as the live page knows it (from the store on open, then from events). */
export interface TrialLive {
  readonly trialId: number;
  readonly repeat: number | null;
  /** The held-out fold (1-based) of a cross-validated trial; null otherwise or while unknown. */
  readonly fold: number | null;
  readonly configIndex: number;
  readonly seed: number | null;
  readonly status: TrialStatus;
  readonly engine: string | null;
  readonly backend: string | null;
  readonly durationMs: number | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly error: string | null;
  /** Epoch numbers and losses so far; appended in place (see {@link LiveRun.chartVersion}). */
  readonly epochs: number[];
  readonly losses: number[];
  /** Fraction (0–1) of the epoch under way, from 'epoch-progress' events; 0 between epochs. */
  readonly partial: number;
  /** Order in which it finished (for "appearing one by one"), null while not finished. */
  readonly finishedOrder: number | null;
}

const CHART_MS = 300;

const blank = (trialId: number): TrialLive => ({
  trialId, repeat: null, fold: null, configIndex: 0, seed: null, status: 'queued', engine: null, backend: null,
  durationMs: null, metrics: {}, error: null, epochs: [], losses: [], partial: 0, finishedOrder: null,
});

/** The live state of one experiment's run, fed by pushed events; `hydrate()` fills it when opened mid-run. */
export class LiveRun {
  readonly id: number;
  name = $state('');
  status = $state<ExperimentStatus | 'unknown'>('unknown');
  /** Set while other processes hold trials of this run (e.g. "2 repeats running in process 1234 on this machine"). */
  waiting = $state<string | null>(null);
  total = $state(0);
  totalEpochs = $state(0);
  headline = $state('');
  configs = $state.raw<readonly string[]>([]);
  trials = $state.raw<TrialLive[]>([]);
  loaded = $state(false);
  /** Wall clock of the latest event, so derived ETA refreshes as events arrive. */
  now = $state(Date.now());
  /**
   * Bumped at most every {@link CHART_MS} while losses stream in: the live chart redraws on it rather than on
   * every event (a 10⁵-epoch run sends many, and redrawing each time would starve the page).
   */
  chartVersion = $state(0);
  private chartTimer: ReturnType<typeof setTimeout> | null = null;
  private finishCount = 0;
  /** Progress and time when we started watching, for the ETA's rate. */
  private base: { at: number; progress: number } | null = null;
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(id: number) {
    this.id = id;
  }

  get done(): number {
    return this.trials.filter((t) => t.status === 'done').length;
  }

  get failed(): number {
    return this.trials.filter((t) => t.status === 'failed').length;
  }

  /** Fraction of the run done, counting running repeats' epochs (0–1). */
  get progress(): number {
    if (this.total === 0) return 0;
    let units = 0;
    for (const t of this.trials) {
      if (t.status === 'done' || t.status === 'failed') units += 1;
      else if (t.status === 'running' && this.totalEpochs > 0) {
        // Epochs seen so far (independent of whether the engine numbers them from 0 or 1).
        units += Math.min(1, (t.epochs.length + t.partial) / this.totalEpochs);
      }
    }
    return Math.min(1, units / this.total);
  }

  /** Estimated milliseconds left, from the rate observed since watching began; null when unknown. */
  get etaMs(): number | null {
    if (this.status !== 'running' || !this.base) return null;
    const gained = this.progress - this.base.progress;
    const elapsed = this.now - this.base.at;
    if (gained <= 0.005 || elapsed < 1000) return null;
    return (elapsed / gained) * (1 - this.progress);
  }

  /** Running repeats first then finished ones, for the live chart. */
  get running(): TrialLive[] {
    return this.trials.filter((t) => t.status === 'running');
  }

  /** Finished repeats in the order they finished. */
  get finished(): TrialLive[] {
    return this.trials
      .filter((t) => t.status === 'done' || t.status === 'failed')
      .sort((a, b) => (a.finishedOrder ?? Infinity) - (b.finishedOrder ?? Infinity) || (a.repeat ?? 0) - (b.repeat ?? 0));
  }

  /** Loads the stored state (trials, progress, epoch losses so far). */
  async hydrate(): Promise<void> {
    const [details, active, curves] = await Promise.all([
      attempt(() => api.call('getExperiment', { experimentId: this.id }), `Loading experiment #${this.id}`),
      attempt(() => api.call('activeRuns', {}), 'Loading active runs'),
      attempt(() => api.call('getEpochMetrics', { experimentId: this.id }), 'Loading epoch losses'),
    ]);
    if (details) this.mergeDetails(details);
    const progress = active?.find((r) => r.experimentId === this.id);
    if (progress) this.mergeProgress(progress);
    if (curves) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, read once; not reactive state
      const byId = new Map(curves.map((c) => [c.trialId, c]));
      this.trials = this.trials.map((t) => {
        const c = byId.get(t.trialId);
        return c && c.epochs.length > t.epochs.length ? { ...t, epochs: [...c.epochs], losses: [...c.values] } : t;
      });
    }
    this.chartVersion++;
    if (this.status === 'running' && !this.base) this.base = { at: Date.now(), progress: this.progress };
    this.loaded = true;
  }

  private mergeDetails(d: ExperimentDetails): void {
    this.name = d.experiment.name;
    this.status = d.experiment.status;
    this.total = d.experiment.trialsTotal || d.trials.length;
    this.totalEpochs = this.totalEpochs || d.experiment.epochs;
    this.headline = d.experiment.headline;
    this.configs = d.configs;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, read once; not reactive state
    const known = new Map(this.trials.map((t) => [t.trialId, t]));
    this.trials = d.trials.map((r) => {
      const t = known.get(r.id) ?? blank(r.id);
      const finished = r.status === 'done' || r.status === 'failed';
      return {
        ...t,
        repeat: r.repeatIndex + 1,
        fold: r.fold === null ? null : r.fold + 1,
        configIndex: r.configIndex,
        seed: r.seed,
        // An event may be newer than the row we fetched: never step back from a finished state.
        status: t.status === 'done' || t.status === 'failed' ? t.status : r.status,
        engine: r.engine ?? t.engine,
        backend: r.backend ?? t.backend,
        durationMs: r.durationMs ?? t.durationMs,
        metrics: Object.keys(r.metrics).length ? r.metrics : t.metrics,
        error: r.error ?? t.error,
        finishedOrder: t.finishedOrder ?? (finished ? (r.finishedAt ? Date.parse(r.finishedAt) : 0) : null),
      };
    });
  }

  private mergeProgress(p: RunProgress): void {
    this.status = 'running';
    this.total = p.total;
    this.totalEpochs = p.epochs;
    if (!this.name) this.name = p.name;
  }

  private update(trialId: number, change: (t: TrialLive) => TrialLive): void {
    let found = false;
    const next = this.trials.map((t) => {
      if (t.trialId !== trialId) return t;
      found = true;
      return change(t);
    });
    if (!found) {
      next.push(change(blank(trialId)));
      this.refetchSoon();
    }
    this.trials = next;
  }

  /** Re-reads the experiment shortly (to learn repeat numbers and seeds of trials seen only in events). */
  private refetchSoon(): void {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(async () => {
      this.refetchTimer = null;
      const details = await attempt(() => api.call('getExperiment', { experimentId: this.id }), `Loading experiment #${this.id}`);
      if (details) this.mergeDetails(details);
    }, 300);
  }

  private redrawSoon(): void {
    if (this.chartTimer) return;
    this.chartTimer = setTimeout(() => {
      this.chartTimer = null;
      this.chartVersion++;
    }, CHART_MS);
  }

  /** Applies one pushed event of this experiment. */
  handle(e: LabEvent): void {
    this.now = Date.now();
    switch (e.type) {
      case 'run-started':
        this.status = 'running';
        this.total = e.total;
        this.totalEpochs = e.epochs;
        this.base = { at: Date.now(), progress: (e.total - e.pending) / Math.max(1, e.total) };
        this.refetchSoon();
        break;
      case 'trial-started':
        this.waiting = null;
        this.status = 'running';
        this.update(e.trialId, (t) => ({ ...t, status: 'running', engine: e.engine, epochs: [], losses: [], partial: 0 }));
        this.redrawSoon();
        break;
      case 'epochs':
        this.totalEpochs = e.totalEpochs;
        if (this.status !== 'running') this.status = 'running';
        if (!this.base) this.base = { at: Date.now(), progress: this.progress };
        this.update(e.trialId, (t) => {
          for (let i = 0; i < e.epochs.length; i++) {
            t.epochs.push(e.epochs[i]!);
            t.losses.push(e.losses[i]!);
          }
          return { ...t, status: 'running', partial: 0 };
        });
        this.redrawSoon();
        break;
      case 'epoch-progress':
        if (this.status !== 'running') this.status = 'running';
        if (!this.base) this.base = { at: Date.now(), progress: this.progress };
        // Only the epoch after the last one seen (a late message of an earlier epoch says nothing new).
        this.update(e.trialId, (t) => (e.epoch === t.epochs.length + 1 ? { ...t, status: 'running', partial: e.fraction } : t));
        break;
      case 'trial-done':
        this.update(e.trialId, (t) => ({
          ...t, status: 'done', metrics: e.outcome.metrics, engine: e.outcome.engine, backend: e.outcome.backend,
          durationMs: e.outcome.durationMs, finishedOrder: Date.now() + this.finishCount++ / 1000,
        }));
        this.redrawSoon();
        break;
      case 'trial-failed':
        this.update(e.trialId, (t) => ({ ...t, status: 'failed', error: e.error.message, finishedOrder: Date.now() + this.finishCount++ / 1000 }));
        break;
      case 'trial-interrupted':
        this.update(e.trialId, (t) => ({ ...t, status: 'interrupted' }));
        break;
      case 'run-waiting':
        this.waiting = `${e.trials} repeat${e.trials === 1 ? '' : 's'} running in ${e.elsewhere}: waiting for ${e.trials === 1 ? 'it' : 'them'} to finish`;
        break;
      case 'run-finished':
        this.waiting = null;
        this.status = e.status;
        this.base = null;
        this.refetchSoon();
        break;
    }
  }
}

/** Live runs by experiment id; events of runs nobody watches are ignored (the page hydrates on open). */
class LiveRuns {
  private readonly runs = new Map<number, LiveRun>();

  /** The live run of an experiment (created on first use), hydrated from the store on every open. */
  open(id: number): LiveRun {
    let run = this.runs.get(id);
    if (!run) {
      run = new LiveRun(id);
      this.runs.set(id, run);
    }
    void run.hydrate();
    return run;
  }

  handle(event: LabEvent): void {
    this.runs.get(event.experimentId)?.handle(event);
  }

  /** After the event stream reconnected: reload every watched run. */
  rehydrate(): void {
    for (const run of this.runs.values()) void run.hydrate();
  }
}

export const liveRuns = new LiveRuns();
