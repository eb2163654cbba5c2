import type Database from 'better-sqlite3';
import type { HeldTrial, Lease } from './experiment-store.js';

const now = () => new Date().toISOString();

// Leases: a trial is claimed atomically (one UPDATE … WHERE, so losing a race is a false, never an error), its owner
// renews the lease while it trains, and any process may take over a trial whose lease lapsed.

/**
 * Claims a trial for `lease.owner` in one statement: a trial nobody holds (queued, interrupted, failed) or whose lease
 * lapsed. Returns false when another process won; the trial's earlier partial results are cleared on a win.
 */
export function claimTrial(db: Database.Database, trialId: number, lease: Lease): boolean {
  return db.transaction(() => {
    const at = Date.now();
    const info = db
      .prepare(
        `UPDATE trials SET status = 'running', owner = ?, owner_pid = ?, lease_until = ?, attempts = attempts + 1, engine = NULL,
                backend = NULL, threads = NULL, started_at = ?, finished_at = NULL, duration_ms = NULL, error = NULL
          WHERE id = ? AND (status IN ('queued','interrupted','failed')
                            OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))`,
      )
      .run(lease.owner, lease.pid, at + lease.ms, now(), trialId, at);
    if (info.changes !== 1) return false;
    for (const table of ['epoch_chunks', 'predictions', 'trial_metrics', 'trial_artifacts', 'trial_weights']) {
      db.prepare(`DELETE FROM ${table} WHERE trial_id = ?`).run(trialId);
    }
    return true;
  })();
}

/** Extends every running trial of `owner` by `ms` from now; returns how many. */
export function renewLeases(db: Database.Database, owner: string, ms: number): number {
  return db.prepare(`UPDATE trials SET lease_until = ? WHERE owner = ? AND status = 'running'`).run(Date.now() + ms, owner).changes;
}

/** Marks `owner`'s running trials among `trialIds` interrupted; returns how many. */
export function interruptTrials(db: Database.Database, trialIds: readonly number[], owner: string): number {
  const stmt = db.prepare(
    `UPDATE trials SET status = 'interrupted', owner_pid = NULL, owner = NULL, lease_until = NULL WHERE id = ? AND owner = ? AND status = 'running'`,
  );
  return db.transaction(() => trialIds.reduce((n, id) => n + stmt.run(id, owner).changes, 0))();
}

/** Interrupts running trials whose lease lapsed or whose owner `isGone`; returns how many. */
export function recoverCrashed(db: Database.Database, isGone: (owner: string | null, pid: number | null) => boolean, at = Date.now()): number {
  const running = db.prepare(`SELECT id, owner, owner_pid, lease_until FROM trials WHERE status = 'running'`).all() as {
    id: number;
    owner: string | null;
    owner_pid: number | null;
    lease_until: number | null;
  }[];
  const stale = running.filter((r) => r.lease_until === null || r.lease_until < at || isGone(r.owner, r.owner_pid));
  const stmt = db.prepare(
    `UPDATE trials SET status = 'interrupted', owner_pid = NULL, owner = NULL, lease_until = NULL
      WHERE id = ? AND status = 'running' AND owner IS ? AND lease_until IS ?`,
  );
  // Each row is changed only if nobody renewed or reclaimed it since it was read (owner and lease unchanged).
  return db.transaction(() => stale.reduce((n, r) => n + stmt.run(r.id, r.owner, r.lease_until).changes, 0))();
}

/** The running trials of an experiment with their owners and leases. */
export function heldTrials(db: Database.Database, experimentId: number): HeldTrial[] {
  const rows = db
    .prepare(`SELECT id, owner, owner_pid, lease_until FROM trials WHERE experiment_id = ? AND status = 'running' ORDER BY id`)
    .all(experimentId) as { id: number; owner: string | null; owner_pid: number | null; lease_until: number | null }[];
  return rows.map((r) => ({ trialId: r.id, owner: r.owner, pid: r.owner_pid, leaseUntil: r.lease_until }));
}
