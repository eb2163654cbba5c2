import type { CompareCorrection, CompareResult, MethodOutputs } from '../../src-main/contract/api.js';
import type { ExperimentDetails } from '../../src-main/contract/results.js';
import { api, describeError } from '../api/index.js';
import { attempt } from './errors.svelte.js';

type Curves = MethodOutputs['getEpochMetrics'];
export type ModelSummaryData = MethodOutputs['modelSummary'];

/** Everything the results page shows of one experiment, loaded in parallel. */
export class ResultsData {
  readonly id: number;
  details = $state.raw<ExperimentDetails | null>(null);
  predictions = $state.raw<MethodOutputs['getPredictions'] | null>(null);
  curves = $state.raw<Curves | null>(null);
  /** Other per-epoch series by name (`val_loss`, `val_accuracy`, …: the experiment's `epochMetrics` but `loss`). */
  epochSeries = $state.raw<Readonly<Record<string, Curves>>>({});
  /** Task artifacts of every finished repeat (confusion matrices, misclassified digits, samples, …). */
  artifacts = $state.raw<MethodOutputs['getArtifacts'] | null>(null);
  /** The model's Keras-style summary, or why it could not be made (shown in its panel, not the banner). */
  summary = $state.raw<ModelSummaryData | null>(null);
  summaryError = $state<string | null>(null);
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
    const [details, predictions, curves, artifacts] = await Promise.all([
      attempt(() => api.call('getExperiment', { experimentId }), `Loading experiment #${experimentId}`),
      attempt(() => api.call('getPredictions', { experimentId }), 'Loading predictions'),
      attempt(() => api.call('getEpochMetrics', { experimentId }), 'Loading training losses'),
      attempt(() => api.call('getArtifacts', { experimentId }), 'Loading task results'),
      this.summary || this.summaryError ? Promise.resolve() : this.loadSummary(),
    ]);
    const names = (details?.experiment.epochMetrics ?? []).filter((n) => n !== 'loss');
    const series = await Promise.all(
      names.map((name) => attempt(() => api.call('getEpochMetrics', { experimentId, name }), `Loading the ${name} curves`)),
    );
    this.details = details ?? null;
    this.predictions = predictions ?? null;
    this.curves = curves ?? null;
    this.artifacts = artifacts ?? null;
    this.epochSeries = Object.fromEntries(names.flatMap((n, i) => (series[i] ? [[n, series[i]]] : [])));
    this.failed = !details;
    this.loading = false;
  }

  /** The model summary is the same for every reload of the experiment: asked once. */
  private async loadSummary(): Promise<void> {
    try {
      this.summary = await api.call('modelSummary', { experimentId: this.id });
      this.summaryError = null;
    } catch (error) {
      this.summaryError = describeError(error).message;
    }
  }
}

/** How a comparison is corrected and at which level (the page's pickers). */
export interface CompareSettings {
  readonly correction?: CompareCorrection;
  readonly alpha?: number;
}

/** A comparison of experiments (or the configurations of one) on one metric against a reference group. */
export class CompareData {
  result = $state.raw<CompareResult | null>(null);
  /** Metric names available (from the first experiment). */
  metrics = $state.raw<readonly string[]>([]);
  loading = $state(false);
  failed = $state(false);

  private lastKey = '';

  async load(ids: readonly number[], reference: number, metric?: string, settings: CompareSettings = {}): Promise<void> {
    if (ids.length === 0) return;
    const key = JSON.stringify([ids, reference, metric, settings.correction, settings.alpha]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.loading = true;
    const input = {
      experimentIds: [...ids],
      reference,
      ...(metric ? { metric } : {}),
      ...(settings.correction ? { correction: settings.correction } : {}),
      ...(settings.alpha !== undefined ? { alpha: settings.alpha } : {}),
    };
    const [result, first] = await Promise.all([
      attempt(() => api.call('compare', input), 'Comparing'),
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
