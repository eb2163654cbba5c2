import type { CellTrace } from './cell-lab.js';
import { z } from 'zod';
import type { LabErrorData } from './errors.js';
import { strictObject } from './one-of.js';
import type {
  EpochMetric,
  ExperimentDetails,
  ExperimentStatus,
  ExperimentSummary,
  PredictionPoint,
  TrialOutcome,
} from './results.js';
import { ExperimentSpecObject as SpecSchema, type ExperimentSpec, type ExperimentSpecInput } from './spec.js';
import { CompareCorrection, type CompareResult } from './compare.js';
export type * from './compare.js';
export { CORRECTIONS, CORRECTION_LABELS, CompareCorrection, TEST_LABELS } from './compare.js';

/**
 * The typed API between the renderer and the Node side: every method's input schema (validated on the
 * server side of each transport), its output type, and the pushed events. Electron IPC and web mode
 * (HTTP + WebSocket) both implement exactly this map over the same services.
 */

const ExperimentRef = strictObject({ experimentId: z.number().int().positive() });

/** Exportable tables: an experiment's results, describe() and repeats; a comparison's summary, tests against the reference, all pairs and ranks. */
export const TableKind = z.enum(['results', 'describe', 'compare', 'compare-reference', 'compare-pairs', 'compare-ranks', 'trials']);
export type TableKind = z.infer<typeof TableKind>;
import { TableFormat } from './export-formats.js';
export { TABLE_FORMATS, TableFormat, tableFormat } from './export-formats.js';

/** Input schemas of every method. */
/** Largest file the app uploads into the data folder (web mode's request limit is 10 MB of base64). */
export const MAX_UPLOAD_BYTES = 7 * 1024 * 1024;

/**
 * File extensions Import data offers (the open dialog's filter, the upload picker's accept list): the delimited
 * tables `inspectData` previews. ARFF and JSONL sequence files are named in a spec directly.
 */
export const DATA_FILE_EXTENSIONS = ['csv', 'tsv', 'txt'] as const;

/** An experiment's name: the spec's own rule (letters, digits, spaces, dots, dashes, underscores; ≤ 120). */
export const ExperimentName = SpecSchema.shape.name;
/** One tag: a short label without commas (the CLI and the form split lists at commas). */
export const Tag = z.string().trim().min(1, 'a tag cannot be empty').max(40, 'a tag has at most 40 characters').regex(/^[^,]+$/, 'a tag cannot contain a comma');
/** Longest description or notes text kept. */
export const MAX_NOTES = 100_000;

export const MethodInputs = {
  /** Experiments in the database, newest first; soft-deleted ones only with `includeDeleted`. */
  listExperiments: strictObject({ includeDeleted: z.boolean().default(false) }),
  /** The built-in experiment specs shipped in experiments/*.json. */
  listBuiltins: strictObject({}),
  /** Details of one experiment: trials, describe() per config and metric, baselines. */
  getExperiment: ExperimentRef,
  /** The stored spec (every default filled in) of an experiment with its current name and description, for duplicating. */
  getSpec: ExperimentRef,
  /** Validates a spec without storing anything; lists every problem with its path. */
  validateSpec: strictObject({ spec: z.unknown() }),
  /** Stores a spec as a new experiment and starts running it (events follow). */
  startExperiment: strictObject({
    spec: z.unknown(),
    repeats: z.number().int().min(1).optional(),
    epochs: z.number().int().min(1).optional(),
  }),
  /** Continues an interrupted experiment from its first missing repeat. */
  resumeExperiment: strictObject({
    experimentId: z.number().int().positive(),
    /** Go on although a data file changed since the experiment was stored. */
    allowChangedData: z.boolean().default(false),
  }),
  /** Stops a running experiment: finished repeats are kept, running ones marked interrupted. */
  cancelRun: ExperimentRef,
  /** Runs in progress with their latest progress (for a page opened mid-run). */
  activeRuns: strictObject({}),
  /** Predictions of every finished repeat, plus the baselines' forecasts. */
  getPredictions: ExperimentRef,
  /** Per-epoch values of every repeat: training `loss` (default) or a validation metric such as `val_accuracy`. */
  /**
   * Per-epoch values of each trial; long runs are thinned to at most `maxPoints` epochs per trial (evenly
   * spaced, first and last kept, the same epochs for trials of equal length so they still align).
   */
  getEpochMetrics: strictObject({
    experimentId: z.number().int().positive(),
    name: z.string().min(1).default('loss'),
    maxPoints: z.number().int().min(2).max(10_000_000).default(600),
  }),
  /** Task-specific results of every finished repeat (confusion matrix, misclassified examples, samples, split). */
  getArtifacts: ExperimentRef,
  /** Keras-style model summary (layers, output shapes, parameter counts) of a spec or a stored experiment. */
  modelSummary: strictObject({ spec: z.unknown().optional(), experimentId: z.number().int().positive().optional() }),
  /**
   * Stores a file the person picked into their data folder (never elsewhere: the name loses any folder part).
   * The content comes base64-encoded; at most {@link MAX_UPLOAD_BYTES} bytes.
   */
  uploadData: strictObject({
    name: z.string().min(1).max(200),
    contentBase64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; sample it, or use the rnnlab CLI`),
  }),
  /** Columns, types, missing cells, the first rows and a spec to start from, of a data file the app may read. */
  inspectData: strictObject({ path: z.string().min(1) }),
  /** Which repeats kept their trained weights (per configuration), what they can be used for, and their size. */
  keptModels: ExperimentRef,
  /** The kept models of `repeats` (default: every kept one) classify or regress the sequences of a readable file. */
  tryPredict: strictObject({
    experimentId: z.number().int().positive(),
    path: z.string().min(1),
    config: z.number().int().min(1).default(1),
    repeats: z.array(z.number().int().min(1)).min(1).max(1000).optional(),
  }),
  /** A character model's kept repeat continues `prompt` (seeded sampling at `temperature`). */
  tryGenerate: strictObject({
    experimentId: z.number().int().positive(),
    repeat: z.number().int().min(1),
    prompt: z.string().min(1, 'prompt is empty; give the text to continue').max(2000),
    temperature: z.number().gt(0).max(10).default(0.7),
    length: z.number().int().min(1).max(5000).default(300),
    seed: z.number().int().min(0).optional(),
  }),
  /** The cell lab: a recurrent layer of a kept repeat (or the untrained model) stepped through a held-out example. */
  openCell: strictObject({
    experimentId: z.number().int().positive(),
    config: z.number().int().min(1).default(1),
    repeat: z.number().int().min(1).optional(),
    untrained: z.boolean().default(false),
    layer: z.number().int().min(0).optional(),
    example: z.number().int().min(1).default(1),
    direction: z.enum(['forward', 'backward']).default('forward'),
  }),
  /** Where trials run: local threads, or `rnnlab worker` processes through a Redis server (and which are connected). */
  queueStatus: strictObject({}),
  /** Runs later trials on the workers of a Redis server (`redis://host:6379`, `rediss://` for TLS), or locally (null). */
  setQueue: strictObject({
    url: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'url: give a Redis URL such as redis://lab-server:6379 (rediss:// for TLS)')
      .nullable(),
  }),
  /** A translator's kept repeats translate `text` greedily (every kept repeat when `repeats` is omitted), with α for attention models. */
  tryTranslate: strictObject({
    experimentId: z.number().int().positive(),
    text: z.string().min(1, 'text is empty; give an English phrase, e.g. "grinning face"').max(500),
    config: z.number().int().min(1).default(1),
    repeats: z.array(z.number().int().min(1)).min(1).optional(),
  }),
  /** Side-by-side comparison of experiments (or the configurations within one) on one metric. */
  compare: strictObject({
    experimentIds: z.array(z.number().int().positive()).min(1).max(20),
    metric: z.string().min(1).optional(),
    /** Index into the compared groups of the reference the others are tested against (default 0). */
    reference: z.number().int().min(0).default(0),
    /** Multiple-comparison correction over each table (default Holm). */
    correction: CompareCorrection.default('holm'),
    /** Significance level of the adjusted p-values (default 0.05). */
    alpha: z.number().gt(0).lt(1).default(0.05),
  }),
  /** Renames an experiment; names are unique per database (a taken name is refused, naming its experiment). */
  renameExperiment: strictObject({ experimentId: z.number().int().positive(), name: ExperimentName }),
  /**
   * Edits an experiment's labels: description, tags (replaced as a whole), notes (Markdown), star. Fields left
   * out stay as they are. None of them affects a result: the stored spec stays as it ran.
   */
  editExperiment: strictObject({
    experimentId: z.number().int().positive(),
    description: z.string().max(MAX_NOTES).optional(),
    tags: z.array(Tag).max(50).optional(),
    notes: z.string().max(MAX_NOTES).optional(),
    starred: z.boolean().optional(),
  }),
  /** Soft-deletes (hides) an experiment; `restore` undoes it. A running experiment is refused. */
  deleteExperiment: ExperimentRef,
  restoreExperiment: ExperimentRef,
  /** Removes an experiment and all it owns for good (trials, curves, predictions, weights), then VACUUM. */
  purgeExperiment: ExperimentRef,
  /** A table in a format, with a file name to save it under (binary formats come base64-encoded). */
  exportTable: strictObject({
    table: TableKind,
    format: TableFormat,
    experimentIds: z.array(z.number().int().positive()).min(1).max(20),
    metric: z.string().min(1).optional(),
    reference: z.number().int().min(0).default(0),
    correction: CompareCorrection.default('holm'),
    alpha: z.number().gt(0).lt(1).default(0.05),
  }),
} as const;

export type MethodName = keyof typeof MethodInputs;
export type MethodInput<M extends MethodName> = z.input<(typeof MethodInputs)[M]>;

/** A built-in experiment spec file. */
export interface BuiltinSpec {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly spec: unknown;
}

/** A problem found in a spec: its path (`model.layers[0].lstm.units`) and message. */
export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}

/** Live progress of a run, as `activeRuns` reports it. */
export interface RunProgress {
  readonly experimentId: number;
  readonly name: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly epochs: number;
  /** Latest epoch and loss per running trial. */
  readonly running: readonly { readonly trialId: number; readonly repeat: number; readonly epoch: number; readonly loss: number }[];
  readonly startedAt: string;
}

/** One repeat's predictions. */
export interface TrialPredictions {
  readonly trialId: number;
  readonly configIndex: number;
  readonly repeat: number;
  readonly points: readonly PredictionPoint[];
}

/** Output types of every method. */
/** A column of an inspected data file. */
export interface InspectedColumn {
  readonly name: string;
  readonly type: 'number' | 'text';
  readonly missing: number;
  readonly distinct: number;
  readonly min?: number;
  readonly max?: number;
}

export interface MethodOutputs {
  uploadData: { path: string; bytes: number };
  inspectData: {
    path: string;
    rows: number;
    columns: InspectedColumn[];
    /** The header and the first rows, as text. */
    preview: string[][];
    suggestion: { reading: string; spec: ExperimentSpecInput } | null;
  };
  listExperiments: ExperimentSummary[];
  listBuiltins: BuiltinSpec[];
  getExperiment: ExperimentDetails;
  getSpec: ExperimentSpec;
  validateSpec: { ok: true; spec: ExperimentSpec } | { ok: false; issues: SpecIssue[] };
  startExperiment: { experimentId: number };
  resumeExperiment: { experimentId: number };
  cancelRun: { cancelled: boolean };
  activeRuns: RunProgress[];
  getPredictions: { trials: TrialPredictions[]; baselines: { configIndex: number; name: string; points: PredictionPoint[] }[]; labels: string[] };
  getEpochMetrics: { trialId: number; repeat: number; configIndex: number; epochs: number[]; values: number[] }[];
  getArtifacts: { trialId: number; repeat: number; configIndex: number; metrics: Readonly<Record<string, number>>; artifacts: Record<string, unknown> }[];
  modelSummary: {
    rows: { name: string; outputShape: string; params: number }[];
    total: number;
    trainable: number;
    nonTrainable: number;
    /** The Keras-style text table. */
    text: string;
    /** The task and its input shape, e.g. classification on 28 × 28. */
    task: string;
    input: { steps: number; features: number };
  };
  keptModels: {
    /** Per configuration (in order): the 1-based repeats whose weights are kept. */
    repeats: number[][];
    /** `predict` (sequence files), `generate` (character models), `translate` (translators), or neither. */
    use: 'predict' | 'generate' | 'translate' | null;
    /** Bytes the kept weights take in the database. */
    bytes: number;
  };
  tryPredict: {
    experiment: string;
    task: 'classification' | 'regression';
    ids: readonly string[];
    /** One row per input sequence: each repeat's answer and how they agree (`predict`'s table). */
    table: { columns: readonly string[]; rows: readonly (readonly (string | number | null)[])[] };
  };
  tryGenerate: { text: string };
  openCell: CellTrace;
  queueStatus: QueueStatus;
  setQueue: QueueStatus;
  tryTranslate: {
    experiment: string;
    text: string;
    /** The text's characters (the columns of α). */
    sourceCharacters: string[];
    /** Characters of the text the training pairs never had (read as blanks). */
    unknown: string[];
    warning?: string;
    /** Each repeat's translation; `attention` rows are output characters (`outputCharacters`), columns the source characters. */
    repeats: { repeat: number; translation: string; attention: number[][] | null; outputCharacters: string[] }[];
  };
  compare: CompareResult;
  renameExperiment: ExperimentSummary;
  editExperiment: ExperimentSummary;
  deleteExperiment: ExperimentSummary;
  restoreExperiment: ExperimentSummary;
  purgeExperiment: { experimentId: number; trials: number; weightBytes: number; vacuumed: boolean };
  /** `encoding` says how `text` holds the file: as it is, or base64 of its bytes (XLSX). */
  exportTable: { filename: string; mime: string; text: string; encoding: 'utf8' | 'base64' };
}

/** Events pushed to every connected window. */
export type LabEvent =
  | { readonly type: 'run-started'; readonly experimentId: number; readonly pending: number; readonly total: number; readonly epochs: number }
  | { readonly type: 'trial-started'; readonly experimentId: number; readonly trialId: number; readonly engine: string }
  | {
      readonly type: 'epochs';
      readonly experimentId: number;
      readonly trialId: number;
      readonly epochs: readonly number[];
      readonly losses: readonly number[];
      /** Other per-epoch metrics (validation loss, accuracy, …), aligned with `epochs`. */
      readonly extra?: Readonly<Record<string, readonly number[]>>;
      readonly totalEpochs: number;
    }
  /** Progress within a trial's running epoch (long epochs: MNIST's one epoch takes many seconds): the fraction of its rows trained. */
  | { readonly type: 'epoch-progress'; readonly experimentId: number; readonly trialId: number; readonly epoch: number; readonly fraction: number }
  | { readonly type: 'trial-done'; readonly experimentId: number; readonly trialId: number; readonly outcome: TrialOutcome }
  | { readonly type: 'trial-failed'; readonly experimentId: number; readonly trialId: number; readonly error: LabErrorData }
  | { readonly type: 'trial-interrupted'; readonly experimentId: number; readonly trialId: number }
  /** Trials of the experiment are held by another live process (e.g. a CLI run): this run waits for them. */
  | { readonly type: 'run-waiting'; readonly experimentId: number; readonly trials: number; readonly elsewhere: string }
  | { readonly type: 'run-finished'; readonly experimentId: number; readonly status: ExperimentStatus };

/** The reply envelope of every transport: a value or an error as data. */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LabErrorData };

/** What the renderer calls; each transport (IPC, HTTP) implements it. */
export interface LabApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutputs[M]>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: LabEvent) => void): () => void;
}

export type { EpochMetric };

/** Where the app's trials run: `url` null for local threads; else the Redis URL (password hidden) and its workers. */
export interface QueueStatus {
  readonly url: string | null;
  /** This build's code hash: workers running other code refuse its trials. */
  readonly code: string | null;
  readonly workers: readonly {
    readonly worker: string;
    readonly host: string;
    readonly cores: number;
    readonly kernelTier: string;
    readonly code: string;
    readonly trialsDone: number;
    /** Trial ids it runs now. */
    readonly current: readonly number[];
    readonly heartbeatAt: string;
  }[];
}
