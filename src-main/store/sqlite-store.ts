import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LabError } from '../contract/errors.js';
import { taskOf, type ExperimentSpec } from '../contract/spec.js';
import type {
  BaselineOutcome,
  DataFileStamp,
  EpochMetric,
  ExperimentStatus,
  ExperimentSummary,
  PredictionPoint,
  TrialOutcome,
  TrialRecord,
  TrialRun,
  TrialStatus,
  WeightTensor,
} from '../contract/results.js';
import type { ExperimentRecord, ExperimentStore, FindOptions, HeldTrial, Lease, NewExperiment, PurgeReport, StoredBaseline } from './experiment-store.js';
import * as edits from './experiment-edits.js';
import { migrate, refuseForeign } from './migrate.js';
import { cachePreparedStatements } from './statement-cache.js';
import { packWeights, unpackWeights } from './weights-blob.js';
import { appendEpochChunks, epochChunkNames, readEpochChunks } from './epoch-chunks.js';
import { headlineStats } from './headline-stats.js';
import { claimTrial, heldTrials, interruptTrials, recoverCrashed, renewLeases } from './trial-leases.js';
import { clearTrialEpochs, recordTrialRun, trialRuns } from './trial-runs.js';

interface ExperimentRow {
  id: number;
  name: string;
  spec_json: string;
  configs_json: string;
  spec_source: string | null;
  headline: string;
  created_at: string;
  data_files_json: string | null;
  description: string;
  notes: string;
  starred: number;
  deleted_at: string | null;
}

interface TrialRow {
  id: number;
  experiment_id: number;
  config_index: number;
  repeat_index: number;
  fold: number | null;
  seed: number;
  split_seed: number | null;
  status: TrialStatus;
  engine: string | null;
  backend: string | null;
  threads: number | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
  attempts: number | null;
}

const now = () => new Date().toISOString();

/** Experiment status from its trials' statuses: running > done (all) > failed > interrupted > queued. */
export function deriveStatus(counts: Partial<Record<TrialStatus, number>>, total: number): ExperimentStatus {
  if (counts.running) return 'running';
  if (total > 0 && counts.done === total) return 'done';
  if (counts.failed) return 'failed';
  if (counts.interrupted || (counts.done && counts.queued)) return 'interrupted';
  return 'queued';
}

/**
 * {@link ExperimentStore} in one SQLite file: WAL journal, a busy timeout for readers in other processes,
 * foreign keys on, versioned migrations. Opening creates the file (and its folder) when missing.
 */
export class SqliteExperimentStore implements ExperimentStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') {
      if (existsSync(path) && statSync(path).isDirectory()) {
        throw new LabError('STORE_INVALID', `${path}: is a folder, not a database file; give a file name, e.g. ${join(path, 'rnnlab.db')}`);
      }
      mkdirSync(dirname(path), { recursive: true });
    }
    try {
      this.db = cachePreparedStatements(new Database(path));
      this.db.pragma('busy_timeout = 5000'); // wait for another process's write lock instead of failing
    } catch (error) {
      throw new LabError('STORE_INVALID', `${path}: cannot open the database (${(error as Error).message}); check the path or use another --db`);
    }
    try {
      refuseForeign(this.db, path);
    } catch (error) {
      this.db.close();
      throw error;
    }
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('synchronous = NORMAL');
    } catch (error) {
      throw new LabError('STORE_INVALID', `${path}: cannot open the database (${(error as Error).message}); check the path or use another --db`);
    }
    try {
      migrate(this.db, path);
    } catch (error) {
      this.db.close();
      if (error instanceof LabError) throw error;
      throw new LabError('STORE_INVALID', `${path}: not an RNN Lab database (${(error as Error).message}); use another --db`);
    }
  }

  createExperiment(e: NewExperiment): ExperimentRecord {
    const createdAt = now();
    const insertTrial = this.db.prepare(
      `INSERT INTO trials (experiment_id, config_index, repeat_index, fold, seed, split_seed, status) VALUES (?, ?, ?, ?, ?, ?, 'queued')`,
    );
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO experiments (name, spec_json, configs_json, spec_source, headline, created_at, data_files_json, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.name, JSON.stringify(e.spec), JSON.stringify(e.configs), e.specSource ?? null, e.headline, createdAt, JSON.stringify(e.dataFiles ?? []), e.spec.description);
      const experimentId = Number(info.lastInsertRowid);
      for (const t of e.trials) insertTrial.run(experimentId, t.configIndex, t.repeatIndex, t.fold ?? null, t.seed, t.splitSeed ?? null);
      (e.baselines ?? []).forEach((b, configIndex) => this.insertBaselines(experimentId, configIndex, b));
      return experimentId;
    })();
    return {
      id, name: e.name, spec: e.spec, configs: e.configs, specSource: e.specSource ?? null, headline: e.headline, createdAt, dataFiles: e.dataFiles ?? [],
      description: e.spec.description, tags: [], notes: '', starred: false, deletedAt: null,
    };
  }

  listExperiments(options: { readonly includeDeleted?: boolean } = {}): ExperimentSummary[] {
    const rows = this.db
      .prepare(
        `SELECT *, json_extract(spec_json, '$.evaluation') AS evaluation_json FROM experiments
          WHERE ? OR deleted_at IS NULL ORDER BY id DESC`,
      )
      .all(options.includeDeleted ? 1 : 0) as (ExperimentRow & { evaluation_json: string })[];
    const tags = edits.tagsById(this.db);
    const counts = this.db.prepare(`SELECT status, COUNT(*) AS n FROM trials WHERE experiment_id = ? GROUP BY status`);
    const headlineOf = headlineStats(this.db);
    return rows.map((row) => {
      const byStatus: Partial<Record<TrialStatus, number>> = {};
      let total = 0;
      for (const c of counts.all(row.id) as { status: TrialStatus; n: number }[]) {
        byStatus[c.status] = c.n;
        total += c.n;
      }
      const { mean, std, best } = headlineOf(row.id, row.headline, row.spec_json);
      return {
        id: row.id,
        name: row.name,
        status: deriveStatus(byStatus, total),
        createdAt: row.created_at,
        trialsDone: byStatus.done ?? 0,
        trialsTotal: total,
        headline: row.headline,
        mean,
        std,
        best,
        // The whole evaluation: a cross-validated experiment's task is in it, not in its protocol's name.
        task: taskOf({ evaluation: JSON.parse(row.evaluation_json) as ExperimentSpec['evaluation'] }),
        description: row.description,
        tags: tags.get(row.id) ?? [],
        notes: row.notes,
        starred: row.starred === 1,
        deletedAt: row.deleted_at,
      };
    });
  }

  findExperiment(ref: string | number, options: FindOptions = {}): ExperimentRecord | undefined {
    const row = typeof ref === 'number' || /^\d+$/.test(ref)
      ? (this.db.prepare(`SELECT * FROM experiments WHERE id = ?`).get(Number(ref)) as ExperimentRow | undefined)
      : this.byName(ref, options.includeDeleted ?? false);
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      spec: JSON.parse(row.spec_json) as ExperimentSpec,
      configs: JSON.parse(row.configs_json) as ExperimentSpec[],
      specSource: row.spec_source,
      dataFiles: row.data_files_json ? (JSON.parse(row.data_files_json) as DataFileStamp[]) : [],
      headline: row.headline,
      createdAt: row.created_at,
      description: row.description,
      tags: this.db.prepare(`SELECT tag FROM experiment_tags WHERE experiment_id = ? ORDER BY tag`).pluck().all(row.id) as string[],
      notes: row.notes,
      starred: row.starred === 1,
      deletedAt: row.deleted_at,
    };
  }

  /**
   * The one live experiment with this name (else, with `includeDeleted`, the one deleted one); a name shared by
   * several is ambiguous — which one `show NAME` meant only its id can say.
   */
  private byName(name: string, includeDeleted: boolean): ExperimentRow | undefined {
    const rows = this.db.prepare(`SELECT * FROM experiments WHERE name = ? ORDER BY id DESC`).all(name) as ExperimentRow[];
    const live = rows.filter((r) => r.deleted_at === null);
    const candidates = live.length || !includeDeleted ? live : rows;
    if (candidates.length > 1) {
      const ids = candidates.map((r) => `#${r.id}`).join(', ');
      throw new LabError('REQUEST_INVALID', `"${name}" names ${candidates.length} experiments (${ids}); give the id instead, e.g. ${candidates[0]!.id}`);
    }
    return candidates[0];
  }

  rename(experimentId: number, name: string): void {
    edits.renameExperiment(this.db, experimentId, name);
  }

  setDescription(experimentId: number, description: string): void {
    edits.setDescription(this.db, experimentId, description);
  }

  setTags(experimentId: number, tags: readonly string[]): void {
    edits.setTags(this.db, experimentId, tags);
  }

  setNotes(experimentId: number, notes: string): void {
    edits.setNotes(this.db, experimentId, notes);
  }

  setStarred(experimentId: number, starred: boolean): void {
    edits.setStarred(this.db, experimentId, starred);
  }

  softDelete(experimentId: number): void {
    edits.softDelete(this.db, experimentId);
  }

  restore(experimentId: number): void {
    edits.restore(this.db, experimentId);
  }

  purge(experimentId: number): PurgeReport {
    return edits.purgeExperiment(this.db, experimentId);
  }

  listTrials(experimentId: number): TrialRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM trials WHERE experiment_id = ? ORDER BY config_index, repeat_index, fold`)
      .all(experimentId) as TrialRow[];
    const metrics = this.db.prepare(
      `SELECT m.trial_id, m.name, m.value FROM trial_metrics m JOIN trials t ON t.id = m.trial_id WHERE t.experiment_id = ?`,
    );
    const byTrial = new Map<number, Record<string, number>>();
    for (const m of metrics.all(experimentId) as { trial_id: number; name: string; value: number | null }[]) {
      const entry = byTrial.get(m.trial_id) ?? {};
      entry[m.name] = m.value ?? NaN;
      byTrial.set(m.trial_id, entry);
    }
    return rows.map((r) => ({
      id: r.id,
      experimentId: r.experiment_id,
      configIndex: r.config_index,
      repeatIndex: r.repeat_index,
      fold: r.fold,
      seed: r.seed,
      splitSeed: r.split_seed,
      status: r.status,
      engine: r.engine,
      backend: r.backend,
      threads: r.threads ?? null,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      durationMs: r.duration_ms,
      error: r.error,
      attempts: r.attempts ?? 0,
      metrics: byTrial.get(r.id) ?? {},
    }));
  }

  claimTrial(trialId: number, lease: Lease): boolean {
    return claimTrial(this.db, trialId, lease);
  }

  renewLeases(owner: string, ms: number): number {
    return renewLeases(this.db, owner, ms);
  }

  clearTrialEpochs(trialId: number, owner: string): number {
    return clearTrialEpochs(this.db, trialId, owner);
  }

  recordTrialRun(run: Omit<TrialRun, 'recordedAt'>): boolean {
    return recordTrialRun(this.db, run);
  }

  trialRuns(trialId: number): TrialRun[] {
    return trialRuns(this.db, trialId);
  }

  setTrialEngine(trialId: number, owner: string, engine: string): void {
    this.db.prepare(`UPDATE trials SET engine = ? WHERE id = ? AND owner = ? AND status = 'running'`).run(engine, trialId, owner);
  }

  finishTrial(trialId: number, outcome: TrialOutcome, owner: string): boolean {
    const metric = this.db.prepare(`INSERT OR REPLACE INTO trial_metrics (trial_id, name, value) VALUES (?, ?, ?)`);
    const prediction = this.db.prepare(
      `INSERT OR REPLACE INTO predictions (trial_id, split, step, actual, predicted) VALUES (?, ?, ?, ?, ?)`,
    );
    const artifact = this.db.prepare(`INSERT OR REPLACE INTO trial_artifacts (trial_id, name, json) VALUES (?, ?, ?)`);
    const weights = this.db.prepare(`INSERT OR REPLACE INTO trial_weights (trial_id, layout_json, data) VALUES (?, ?, ?)`);
    const packed = outcome.weights ? packWeights(outcome.weights) : undefined;
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `UPDATE trials SET status = 'done', engine = ?, backend = ?, threads = ?, finished_at = ?, duration_ms = ?, error = NULL, owner_pid = NULL,
                  owner = NULL, lease_until = NULL
            WHERE id = ? AND owner = ? AND status = 'running'`,
        )
        .run(outcome.engine, outcome.backend, outcome.threads ?? 1, now(), outcome.durationMs, trialId, owner);
      // Another process reclaimed it after this one's lease expired: its result is the one that counts.
      if (info.changes !== 1) return false;
      for (const [name, value] of Object.entries(outcome.metrics)) metric.run(trialId, name, Number.isFinite(value) ? value : null);
      for (const p of outcome.predictions) prediction.run(trialId, p.split, p.step, p.actual, p.predicted);
      for (const [name, value] of Object.entries(outcome.artifacts ?? {})) artifact.run(trialId, name, JSON.stringify(value));
      if (packed) weights.run(trialId, packed.layout, packed.data);
      return true;
    })();
  }

  failTrial(trialId: number, message: string, owner: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE trials SET status = 'failed', error = ?, finished_at = ?, owner_pid = NULL, owner = NULL, lease_until = NULL
            WHERE id = ? AND owner = ? AND status = 'running'`,
        )
        .run(message, now(), trialId, owner).changes === 1
    );
  }

  interruptTrials(trialIds: readonly number[], owner: string): number {
    return interruptTrials(this.db, trialIds, owner);
  }

  recoverCrashed(isGone: (owner: string | null, pid: number | null) => boolean, at = Date.now()): number {
    return recoverCrashed(this.db, isGone, at);
  }

  heldTrials(experimentId: number): HeldTrial[] {
    return heldTrials(this.db, experimentId);
  }

  appendEpochMetrics(rows: readonly EpochMetric[]): void {
    appendEpochChunks(this.db, rows);
  }

  epochMetrics(experimentId: number, name?: string, trialIds?: readonly number[]): EpochMetric[] {
    return readEpochChunks(this.db, experimentId, name, trialIds);
  }

  epochMetricNames(experimentId: number): string[] {
    return epochChunkNames(this.db, experimentId);
  }

  predictions(trialId: number): PredictionPoint[] {
    return this.db
      .prepare(`SELECT split, step, actual, predicted FROM predictions WHERE trial_id = ? ORDER BY split = 'test', step`)
      .all(trialId) as PredictionPoint[];
  }

  artifacts(trialId: number): Record<string, unknown> {
    const rows = this.db.prepare(`SELECT name, json FROM trial_artifacts WHERE trial_id = ? ORDER BY name`).all(trialId) as { name: string; json: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.json) as unknown]));
  }

  /** Inserts (replaces) one configuration's baselines; called inside createExperiment's transaction. */
  private insertBaselines(experimentId: number, configIndex: number, baselines: readonly BaselineOutcome[]): void {
    const stmt = this.db.prepare(
      `INSERT OR REPLACE INTO baselines (experiment_id, config_index, name, metrics_json, predictions_json) VALUES (?, ?, ?, ?, ?)`,
    );
    for (const b of baselines) stmt.run(experimentId, configIndex, b.name, JSON.stringify(b.metrics), JSON.stringify(b.predictions));
  }

  baselines(experimentId: number): StoredBaseline[] {
    const rows = this.db
      .prepare(`SELECT * FROM baselines WHERE experiment_id = ? ORDER BY config_index, name`)
      .all(experimentId) as { config_index: number; name: string; metrics_json: string; predictions_json: string }[];
    return rows.map((r) => ({
      configIndex: r.config_index,
      name: r.name,
      metrics: JSON.parse(r.metrics_json) as Record<string, number>,
      predictions: JSON.parse(r.predictions_json) as PredictionPoint[],
    }));
  }

  integrityCheck(): string[] {
    const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const fk = this.db.pragma('foreign_key_check') as unknown[];
    return fk.length ? [...integrity.filter((r) => r !== 'ok'), `${fk.length} foreign-key violations`] : integrity;
  }

  trialWeights(trialId: number): WeightTensor[] | undefined {
    const row = this.db.prepare(`SELECT layout_json AS layout, data FROM trial_weights WHERE trial_id = ?`).get(trialId) as { layout: string; data: Buffer } | undefined;
    return row ? unpackWeights(row.layout, row.data) : undefined;
  }

  trialsWithWeights(experimentId: number): number[] {
    const rows = this.db.prepare(`SELECT w.trial_id AS id FROM trial_weights w JOIN trials t ON t.id = w.trial_id WHERE t.experiment_id = ? ORDER BY w.trial_id`).all(experimentId) as { id: number }[];
    return rows.map((r) => r.id);
  }

  pruneWeights(experimentId: number, keep: readonly number[]): number {
    return this.db
      .prepare(
        `DELETE FROM trial_weights WHERE trial_id IN (SELECT id FROM trials WHERE experiment_id = ?)
            AND trial_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(experimentId, JSON.stringify(keep)).changes;
  }

  weightBytes(experimentId: number): number {
    const row = this.db
      .prepare(`SELECT COALESCE(SUM(LENGTH(w.data)), 0) AS bytes FROM trial_weights w JOIN trials t ON t.id = w.trial_id WHERE t.experiment_id = ?`)
      .get(experimentId) as { bytes: number };
    return row.bytes;
  }

  version(): string {
    // total_changes(): rows this connection changed; data_version: bumped by other connections' commits only.
    const v = this.db.prepare(`SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS other`).get() as { own: number; other: number };
    return `${v.own}:${v.other}`;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
