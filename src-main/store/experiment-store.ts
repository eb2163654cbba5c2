import type { ExperimentSpec } from '../contract/spec.js';
import type {
  BaselineOutcome,
  DataFileStamp,
  EpochMetric,
  ExperimentSummary,
  PlannedTrial,
  PredictionPoint,
  TrialOutcome,
  TrialRecord,
  TrialRun,
  WeightTensor,
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
  /** Stamps of the data files it reads. */
  readonly dataFiles?: readonly DataFileStamp[];
  /** Baselines of each configuration (index = configuration), stored in the same transaction. */
  readonly baselines?: readonly (readonly BaselineOutcome[])[];
}

/** Who holds a trial and until when: the claim a process makes before it runs a trial. */
export interface Lease {
  /** Unique per process run: host/pid/start time/nonce (a reused pid never matches). */
  readonly owner: string;
  /** The owner's process id (shown to people: "running in process 1234"). */
  readonly pid: number;
  /** How long the lease lasts from each claim or renewal, in ms. */
  readonly ms: number;
}

/** A running trial held by a lease. */
export interface HeldTrial {
  readonly trialId: number;
  readonly owner: string | null;
  readonly pid: number | null;
  /** Lease expiry, ms since the epoch (null for rows written before leases). */
  readonly leaseUntil: number | null;
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
  /** The data files it read, as they were when it was stored (empty for experiments stored before stamps). */
  readonly dataFiles: readonly DataFileStamp[];
  /** The description as last edited (the spec's own until edited; `spec.description` stays as it ran). */
  readonly description: string;
  /** Labels, sorted. */
  readonly tags: readonly string[];
  /** Free-text notes (Markdown). */
  readonly notes: string;
  readonly starred: boolean;
  /** When it was soft-deleted (ISO time), null when it is not. */
  readonly deletedAt: string | null;
}

/** What {@link ExperimentStore.purge} removed. */
export interface PurgeReport {
  readonly experimentId: number;
  readonly trials: number;
  /** Bytes of kept weights that went with it. */
  readonly weightBytes: number;
  /** Whether VACUUM ran (false when another connection kept it from running: the space is reused, not returned). */
  readonly vacuumed: boolean;
}

/** Options of {@link ExperimentStore.findExperiment}. */
export interface FindOptions {
  /**
   * Also match soft-deleted experiments by name, when no live one has it (ids always match, deleted or not:
   * the record's `deletedAt` says which).
   */
  readonly includeDeleted?: boolean;
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
  /**
   * Every experiment with its derived status and headline mean ± std, newest first; soft-deleted ones only with
   * `includeDeleted`.
   */
  listExperiments(options?: { readonly includeDeleted?: boolean }): ExperimentSummary[];
  /**
   * By numeric id (deleted or not), or by name among the live experiments (see {@link FindOptions}); undefined
   * when none matches. A name several experiments share throws LabError('REQUEST_INVALID') listing their ids.
   */
  findExperiment(ref: string | number, options?: FindOptions): ExperimentRecord | undefined;
  /**
   * Renames an experiment. Names are unique per database: a name another experiment has (deleted or not) throws
   * LabError('REQUEST_INVALID') naming that experiment's id.
   */
  rename(experimentId: number, name: string): void;
  /** Replaces the description (the stored spec keeps the one it ran with). */
  setDescription(experimentId: number, description: string): void;
  /** Replaces the tags (trimmed, duplicates dropped; stored sorted). */
  setTags(experimentId: number, tags: readonly string[]): void;
  /** Replaces the notes (Markdown text; '' clears them). */
  setNotes(experimentId: number, notes: string): void;
  setStarred(experimentId: number, starred: boolean): void;
  /** Hides an experiment from lists (its results stay until {@link purge}); a deleted one keeps its first time. */
  softDelete(experimentId: number): void;
  /** Undoes {@link softDelete}. */
  restore(experimentId: number): void;
  /**
   * Removes an experiment with everything it owns — trials, their metrics, curves, predictions, artifacts, kept
   * weights, its baselines and tags (the schema's ON DELETE CASCADE) — in one transaction, then runs VACUUM
   * outside it so the file shrinks. Callers refuse running experiments first.
   */
  purge(experimentId: number): PurgeReport;
  /** Trials of an experiment with their final metrics, ordered by configuration, repeat, then fold. */
  listTrials(experimentId: number): TrialRecord[];
  /**
   * Claims a trial for `lease` in one statement: a queued, interrupted or failed trial, or a running one whose
   * lease has expired, becomes 'running' for this owner (anything a previous attempt left is cleared). Returns
   * false when it is done or another live owner holds it — losing a claim race is normal, not an error.
   */
  claimTrial(trialId: number, lease: Lease): boolean;
  /** Extends every lease `owner` holds by `ms` from now; returns how many trials it holds. */
  renewLeases(owner: string, ms: number): number;
  /** Drops the per-epoch values of a running trial `owner` holds (a new attempt of it starts); returns how many chunks. */
  clearTrialEpochs(trialId: number, owner: string): number;
  /** Records one attempt a queue worker ran (who, where, stored or duplicate); false when (trial, attempt) was recorded. */
  recordTrialRun(run: Omit<TrialRun, 'recordedAt'>): boolean;
  /** The recorded queue-worker attempts of a trial, oldest first (none for local runs). */
  trialRuns(trialId: number): TrialRun[];
  /** Records the engine a claimed trial runs on (no-op unless `owner` holds it). */
  setTrialEngine(trialId: number, owner: string, engine: string): void;
  /**
   * Saves a finished trial held by `owner`: status 'done', metrics, predictions, engine, backend, timings and
   * (when the outcome has them) its weights, all in one transaction.
   * Returns false (and writes nothing) when `owner` no longer holds it (its lease expired and it was reclaimed).
   */
  finishTrial(trialId: number, outcome: TrialOutcome, owner: string): boolean;
  /** Marks a trial held by `owner` 'failed' with a one-line reason; false when it does not hold it. */
  failTrial(trialId: number, message: string, owner: string): boolean;
  /** Marks the given trials 'interrupted' if `owner` holds them running (a cancelled run); returns how many. */
  interruptTrials(trialIds: readonly number[], owner: string): number;
  /**
   * Marks 'running' trials 'interrupted' whose lease expired (at `now`, ms) or whose owner `isGone` says has
   * died (e.g. a dead pid on this host), so they can run again; returns how many.
   */
  recoverCrashed(isGone: (owner: string | null, pid: number | null) => boolean, now?: number): number;
  /** Running trials of an experiment with their lease holders (who is running what). */
  heldTrials(experimentId: number): HeldTrial[];
  /** Appends per-epoch values in one transaction (callers batch them; consecutive epochs are stored as one chunk). */
  appendEpochMetrics(rows: readonly EpochMetric[]): void;
  /** Per-epoch values of the experiment's trials (only `trialIds` when given), ordered by trial, name, epoch. */
  epochMetrics(experimentId: number, name?: string, trialIds?: readonly number[]): EpochMetric[];
  /** Names of the per-epoch series stored for an experiment's trials, sorted. */
  epochMetricNames(experimentId: number): string[];
  /** Predictions of one trial, train then test, by step. */
  predictions(trialId: number): PredictionPoint[];
  /** Task-specific results of one trial (confusion matrix, samples, …) by name; `{}` when none. */
  artifacts(trialId: number): Record<string, unknown>;
  /** Baselines of an experiment, by configuration then name. */
  baselines(experimentId: number): StoredBaseline[];
  /** SQLite's integrity and foreign-key checks: `['ok']` when sound. */
  /** A trial's kept weights (bit for bit as trained), or undefined when none were kept. */
  trialWeights(trialId: number): WeightTensor[] | undefined;
  /** Ids of the experiment's trials that kept weights (without reading the weights). */
  trialsWithWeights(experimentId: number): number[];
  /** Removes the kept weights of the experiment's trials not in `keep`; returns how many trials lost theirs. */
  pruneWeights(experimentId: number, keep: readonly number[]): number;
  /** Bytes of kept weights of an experiment (what deleting it would free). */
  weightBytes(experimentId: number): number;
  integrityCheck(): string[];
  /**
   * A token that changes whenever what this store reads may have changed: any write through this connection or a
   * commit by another process. Equal tokens mean an answer computed from the store is still current (read caches).
   */
  version(): string;
  close(): void;
}
