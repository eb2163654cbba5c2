import type { ExperimentSpec } from '../contract/spec.js';
import type {
  BaselineOutcome,
  EpochMetric,
  ExperimentSummary,
  PlannedTrial,
  PredictionPoint,
  TrialOutcome,
  TrialRecord,
} from '../contract/results.js';


/** What {@link ExperimentStore.createExperiment} needs. */
export interface NewExperiment {
  readonly name: string;
  /** The validated spec, defaults filled in. */
  readonly spec: ExperimentSpec;
  /** One fully resolved spec per configuration of the grid (just `[spec]` without a grid). */
  readonly configs: readonly ExperimentSpec[];
  readonly specSource?: string | undefined;
  readonly headline: string;
  readonly trials: readonly PlannedTrial[];
}

/** A stored experiment. */
export interface ExperimentRecord {
  readonly id: number;
  readonly name: string;
  readonly spec: ExperimentSpec;
  readonly configs: readonly ExperimentSpec[];
  readonly specSource: string | null;
  readonly headline: string;
  readonly createdAt: string;
}

/** A baseline stored for one configuration. */
export interface StoredBaseline extends BaselineOutcome {
  readonly configIndex: number;
}

/**
 * Where experiments live. One writer: every method is synchronous and each write is one transaction,
 * so a crash leaves either the whole write or none of it. Lists are ordered as documented on each method.
 * Methods throw LabError('NOT_FOUND') for an unknown trial or experiment id and LabError('STORE_INVALID')
 * for a database this version cannot read.
 */
export interface ExperimentStore {
  /** Creates the experiment and all its trials as 'queued', atomically. */
  createExperiment(experiment: NewExperiment): ExperimentRecord;
  /** Every experiment with its derived status and headline mean ± std, newest first. */
  listExperiments(): ExperimentSummary[];
  /** By numeric id, or for a name the newest experiment with that name; undefined when none matches. */
  findExperiment(ref: string | number): ExperimentRecord | undefined;
  /** Trials of an experiment with their final metrics, ordered by configuration then repeat. */
  listTrials(experimentId: number): TrialRecord[];
  /**
   * Marks a queued, interrupted or failed trial 'running' for process `pid`, clearing anything a
   * previous attempt left (epoch metrics, predictions, metrics, error).
   */
  startTrial(trialId: number, pid: number, engine?: string): void;
  /** Saves a finished trial: status 'done', metrics, predictions, engine, backend and timings. */
  finishTrial(trialId: number, outcome: TrialOutcome): void;
  /** Marks a trial 'failed' with a one-line reason. */
  failTrial(trialId: number, message: string): void;
  /** Marks the given running trials 'interrupted' (a cancelled run); returns how many changed. */
  interruptTrials(trialIds: readonly number[]): number;
  /** Marks 'running' trials whose owner process is gone as 'interrupted' (after a crash); returns how many. */
  recoverCrashed(isAlive: (pid: number) => boolean): number;
  /** Appends per-epoch values in one transaction (callers batch them; consecutive epochs are stored as one chunk). */
  appendEpochMetrics(rows: readonly EpochMetric[]): void;
  /** Per-epoch values of the experiment's trials, ordered by trial, name, epoch. */
  epochMetrics(experimentId: number, name?: string): EpochMetric[];
  /** Names of the per-epoch series stored for an experiment's trials, sorted. */
  epochMetricNames(experimentId: number): string[];
  /** Predictions of one trial, train then test, by step. */
  predictions(trialId: number): PredictionPoint[];
  /** Task-specific results of one trial (confusion matrix, samples, …) by name; `{}` when none. */
  artifacts(trialId: number): Record<string, unknown>;
  /** Stores (replaces) the baselines of one configuration. */
  saveBaselines(experimentId: number, configIndex: number, baselines: readonly BaselineOutcome[]): void;
  /** Baselines of an experiment, by configuration then name. */
  baselines(experimentId: number): StoredBaseline[];
  /** SQLite's integrity and foreign-key checks: `['ok']` when sound. */
  integrityCheck(): string[];
  close(): void;
}
