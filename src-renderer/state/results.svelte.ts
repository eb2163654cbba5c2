import type { CompareResult, MethodOutputs } from '../../src-main/contract/api.js';
import type { ExperimentDetails } from '../../src-main/contract/results.js';
import { api } from '../api/index.js';
import { attempt } from './errors.svelte.js';

/** Everything the results page shows of one experiment, loaded in parallel. */
export class ResultsData {
  readonly id: number;
  details = $state.raw<ExperimentDetails | null>(null);
  predictions = $state.raw<MethodOutputs['getPredictions'] | null>(null);
  curves = $state.raw<MethodOutputs['getEpochMetrics'] | null>(null);
  loading = $state(true);
  failed = $state(false);

  constructor(id: number) {
    this.id = id;
  }

  /**
   * Reloads (coalesced) when a repeat of this experiment finishes or its run ends, so "results so far"
   * grow while a run is in progress. Returns the unsubscribe function.
   */
  watch(): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.onEvent((e) => {
      if (e.experimentId !== this.id || !(e.type === 'trial-done' || e.type === 'run-finished' || e.type === 'trial-failed')) return;
      timer ??= setTimeout(() => {
        timer = null;
        void this.load();
      }, 1000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }

  async load(): Promise<void> {
    this.loading = true;
    const experimentId = this.id;
    const [details, predictions, curves] = await Promise.all([
      attempt(() => api.call('getExperiment', { experimentId }), `Loading experiment #${experimentId}`),
      attempt(() => api.call('getPredictions', { experimentId }), 'Loading predictions'),
      attempt(() => api.call('getEpochMetrics', { experimentId }), 'Loading training losses'),
    ]);
    this.details = details ?? null;
    this.predictions = predictions ?? null;
    this.curves = curves ?? null;
    this.failed = !details;
    this.loading = false;
  }
}

/** A comparison of experiments (or the configurations of one) on one metric against a reference group. */
export class CompareData {
  result = $state.raw<CompareResult | null>(null);
  /** Metric names available (from the first experiment). */
  metrics = $state.raw<readonly string[]>([]);
  loading = $state(false);
  failed = $state(false);

  private lastKey = '';

  async load(ids: readonly number[], reference: number, metric?: string): Promise<void> {
    if (ids.length === 0) return;
    const key = JSON.stringify([ids, reference, metric]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.loading = true;
    const [result, first] = await Promise.all([
      attempt(() => api.call('compare', { experimentIds: [...ids], reference, ...(metric ? { metric } : {}) }), 'Comparing'),
      this.metrics.length ? Promise.resolve(null) : attempt(() => api.call('getExperiment', { experimentId: ids[0]! }), 'Loading metrics'),
    ]);
    if (first) this.metrics = first.metrics;
    if (key !== this.lastKey) return; // a newer request is on its way
    if (!result) this.lastKey = '';
    this.result = result ?? null;
    this.failed = !result;
    this.loading = false;
  }
}
