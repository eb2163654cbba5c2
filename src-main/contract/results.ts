import { z } from 'zod';
import type { TaskKind } from './spec.js';

export const TrialStatus = z.enum(['queued', 'running', 'done', 'failed', 'interrupted']);
export type TrialStatus = z.infer<typeof TrialStatus>;

export const ExperimentStatus = z.enum(['queued', 'running', 'done', 'failed', 'interrupted']);
export type ExperimentStatus = z.infer<typeof ExperimentStatus>;

/** One forecast (or fitted value): `step` indexes the raw series, values are in the data's own units. */
export interface PredictionPoint {
  readonly split: 'train' | 'test';
  readonly step: number;
  readonly actual: number;
  readonly predicted: number;
}

/** A named weight tensor in Keras order and layout (row-major), e.g. an LSTM kernel [input, 4·units]. */
export interface WeightTensor {
  /** `layers[<index>].<kind>.<weight>`, e.g. `layers[0].lstm.recurrentKernel`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/** Whether a larger value of a metric is better (accuracy and friends); every other metric is an error or a loss. */
export function higherIsBetter(metric: string): boolean {
  return /accuracy$|^exactMatch$|^chrF$/i.test(metric);
}

/** The outcome of one trained trial, produced by the engine and saved by services. */
export interface TrialOutcome {
  /** Final metrics on the test split, e.g. `{ rmse: 101.2, mae: 80.1, mape: 17.3 }`. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly predictions: readonly PredictionPoint[];
  /** Which engine really ran ('tfjs' or 'fused') and on which backend (e.g. 'cpu', 'wasm', 'tensorflow', 'js-f64'). */
  readonly engine: string;
  readonly backend: string;
  /**
   * Threads the training ran on: 1, or more when the pool gave the trial idle cores and its batches were split
   * over them (data-parallel: the same full-batch gradient, summed in another order, so the last bits differ from
   * 1 thread's — after 2 epochs of a small MNIST model ≈3e-14 relative in float64 and ≈1e-5 in float32
   * (runner/threads.test.ts); a re-run with the same count gives the same numbers bit for bit). Absent: 1.
   */
  readonly threads?: number;
  /** Wall time of training and evaluation, milliseconds. */
  readonly durationMs: number;
  /**
   * Task-specific results kept with the trial (JSON): confusion matrix, per-class accuracy, misclassified
   * examples, generated samples, the split used, …
   */
  readonly artifacts?: Readonly<Record<string, unknown>>;
  /** The trained (final) weights, kept with the trial unless the spec's `keep.weights` says otherwise. */
  readonly weights?: readonly WeightTensor[];
}

/** Who ran one attempt of a trial on a queue worker (`rnnlab worker`); the desk records it with the trial. */
export interface RanBy {
  /** Unique per attempt: the worker's name, BullMQ's attempt number and a nonce, e.g. `gpu-box#2.1f3a`. */
  readonly attempt: string;
  readonly worker: string;
  readonly host: string;
  /** Logical cores of the worker's machine. */
  readonly cores: number;
  /** The fused engine's kernel tier there, e.g. 'native-avx2' or 'js'. */
  readonly kernelTier: string;
  /** rnnlab, node and library versions, and the code hash the worker runs. */
  readonly versions: Readonly<Record<string, string>>;
}

/** One attempt of a trial as the desk recorded it: who ran it and whether its outcome was the one stored. */
export interface TrialRun extends RanBy {
  readonly trialId: number;
  /** 'stored': its outcome is the trial's; 'duplicate': the trial already had one (at-least-once delivery); 'failed'. */
  readonly result: 'stored' | 'duplicate' | 'failed';
  readonly recordedAt: string;
}

/** The outcome without its weights (what run events carry to the app, and what `keep.weights: "none"` stores). */
export function withoutWeights(outcome: TrialOutcome): TrialOutcome {
  if (!outcome.weights) return outcome;
  const { weights: _kept, ...rest } = outcome;
  return rest;
}

/** A baseline's metrics for one configuration (e.g. persistence), with its forecasts. */
export interface BaselineOutcome {
  readonly name: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly predictions: readonly PredictionPoint[];
}

/** One row of the experiments list. */
export interface ExperimentSummary {
  readonly id: number;
  readonly name: string;
  readonly status: ExperimentStatus;
  readonly createdAt: string;
  readonly trialsDone: number;
  readonly trialsTotal: number;
  /**
   * Headline metric name and its mean ± sample std over finished trials (null before any finish) — of the best
   * configuration (`best`) for a grid, never pooled over configurations.
   */
  readonly headline: string;
  readonly mean: number | null;
  readonly std: number | null;
  /** A grid's best configuration so far by the headline's mean (null without a grid or before any finish). */
  readonly best: BestConfig | null;
  /** Who runs it when it is running, e.g. "process 1234 on this machine" (several are comma-separated). */
  readonly runningIn?: string;
  /** What it does (from its evaluation protocol): forecast, classification, regression, language-model. */
  readonly task: TaskKind;
  /** The description as last edited (the spec's own until edited). */
  readonly description: string;
  /** Labels for finding it again, sorted. */
  readonly tags: readonly string[];
  /** Free-text notes (Markdown). */
  readonly notes: string;
  readonly starred: boolean;
  /** When it was soft-deleted (ISO time), null when it is not. */
  readonly deletedAt: string | null;
}

/** The configuration of a grid with the best headline mean: its index, label (`units=8, epochs=1000`) and n. */
export interface BestConfig {
  readonly configIndex: number;
  readonly label: string;
  /** Finished trials of that configuration. */
  readonly n: number;
  /** Configurations in the grid. */
  readonly configs: number;
}

/** What a data file was when an experiment was stored (to notice later changes). */
export interface DataFileStamp {
  /** The spec field naming it, e.g. 'data.path'. */
  readonly field: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** A stored trial (one configuration × one repeat). */
export interface TrialRecord {
  readonly id: number;
  readonly experimentId: number;
  readonly configIndex: number;
  readonly repeatIndex: number;
  /** The held-out fold (0-based) under cross-validation; null for every other protocol. */
  readonly fold: number | null;
  /** The seed of the initialisation (and the trial's other draws: dropout, shuffling). */
  readonly seed: number;
  /** The seed that shuffled this repeat's folds (cross-validation; null otherwise: the master seed splits). */
  readonly splitSeed: number | null;
  readonly status: TrialStatus;
  readonly engine: string | null;
  readonly backend: string | null;
  /**
   * Threads it trained on (more than 1: data-parallel, see {@link TrialOutcome.threads}); null until it finished and
   * for trials stored before threads were recorded (optional so that records built elsewhere need not name it).
   */
  readonly threads?: number | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  /** Times the trial was claimed to run (1 for a trial that ran once; more after crashes or cancels). */
  readonly attempts: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** pandas `describe()` of one metric: count, mean, std (n−1), min, quartiles (linear), max. */
export interface Describe {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly max: number;
}

/** One per-epoch metric value (loss, or a validation metric). */
export interface EpochMetric {
  readonly trialId: number;
  readonly epoch: number;
  readonly name: string;
  readonly value: number;
}

/** A trial to create: one configuration × one repeat (× one fold under cross-validation) with its seeds. */
export interface PlannedTrial {
  readonly configIndex: number;
  readonly repeatIndex: number;
  readonly seed: number;
  /** Cross-validation: the held-out fold and the seed of the repeat's split (omitted or null otherwise). */
  readonly fold?: number | null;
  readonly splitSeed?: number | null;
}

/** {@link Describe} plus the standard error of the mean and a two-sided 95 % t confidence interval. */
export interface Summary extends Describe {
  readonly sem: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** Everything a results view or an export needs about one experiment. */
export interface ExperimentDetails {
  readonly experiment: ExperimentSummary & {
    /** What the experiment does, which decides the result views: forecast, classification, regression, language-model. */
    readonly task: TaskKind;
    /** Names of the per-epoch series stored (always `loss`; `val_loss`, `val_accuracy`, … when validated). */
    readonly epochMetrics: readonly string[];
    readonly description: string;
    readonly specSource: string | null;
    readonly repeats: number;
    /** The spec's epochs (a grid over `training.epochs` gives each configuration its own: see `grid`). */
    readonly epochs: number;
    /** The spec's grid (path → values, in key order; configuration i is `gridCombos(grid)[i]`); {} without one. */
    readonly grid: Readonly<Record<string, readonly unknown[]>>;
    /** One line per data file gone or changed since the experiment was stored (empty when unchanged). */
    readonly dataChanged: readonly string[];
  };
  /** A label per configuration (its grid values, or 'default'). */
  readonly configs: readonly string[];
  /** Metric names in display order, headline first. */
  readonly metrics: readonly string[];
  readonly trials: readonly TrialRecord[];
  /** describe() + SEM + 95 % CI of each metric over the finished trials of each configuration. */
  readonly summaries: readonly { readonly configIndex: number; readonly metric: string; readonly summary: Summary }[];
  /**
   * Cross-validation: describe() of each metric over the finished folds of each repeat of each configuration
   * (the per-repeat spread; `summaries` pools all R × K trials). Empty for other protocols.
   */
  readonly repeatSummaries: readonly { readonly configIndex: number; readonly repeatIndex: number; readonly metric: string; readonly summary: Summary }[];
  readonly baselines: readonly { readonly configIndex: number; readonly name: string; readonly metrics: Readonly<Record<string, number>> }[];
}
