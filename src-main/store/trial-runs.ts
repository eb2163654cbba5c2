import type Database from 'better-sqlite3';
import type { TrialRun } from '../contract/results.js';

/** Records one attempt of a trial (queue workers); a second record of the same (trial, attempt) is ignored. True when written. */
export function recordTrialRun(db: Database.Database, run: Omit<TrialRun, 'recordedAt'>): boolean {
  return (
    db
      .prepare(
        `INSERT OR IGNORE INTO trial_runs (trial_id, attempt, worker, host, cores, kernel_tier, versions, result, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(run.trialId, run.attempt, run.worker, run.host, run.cores, run.kernelTier, JSON.stringify(run.versions), run.result, new Date().toISOString())
      .changes === 1
  );
}

/** The recorded attempts of a trial, oldest first. */
export function trialRuns(db: Database.Database, trialId: number): TrialRun[] {
  const rows = db
    .prepare(
      `SELECT trial_id, attempt, worker, host, cores, kernel_tier, versions, result, recorded_at FROM trial_runs WHERE trial_id = ? ORDER BY recorded_at, attempt`,
    )
    .all(trialId) as { trial_id: number; attempt: string; worker: string; host: string; cores: number; kernel_tier: string; versions: string; result: TrialRun['result']; recorded_at: string }[];
  return rows.map((r) => ({
    trialId: r.trial_id,
    attempt: r.attempt,
    worker: r.worker,
    host: r.host,
    cores: r.cores,
    kernelTier: r.kernel_tier,
    versions: JSON.parse(r.versions) as Record<string, string>,
    result: r.result,
    recordedAt: r.recorded_at,
  }));
}

/**
 * Drops the per-epoch values of a running trial held by `owner` (a new attempt starts over: what a killed attempt
 * wrote must not mix into the curve). Returns how many chunks went.
 */
export function clearTrialEpochs(db: Database.Database, trialId: number, owner: string): number {
  return db
    .prepare(`DELETE FROM epoch_chunks WHERE trial_id = ? AND EXISTS (SELECT 1 FROM trials WHERE id = ? AND owner = ? AND status = 'running')`)
    .run(trialId, trialId, owner).changes;
}
