import type Database from 'better-sqlite3';
import type { EpochMetric } from '../contract/results.js';

/**
 * Stores per-epoch values: consecutive epochs of one trial and metric become one chunk row (a JSON array). The
 * rows are grouped by trial and metric first (a stable sort: each one's epochs keep their order), since a write
 * holds the interleaved events of every running trial — 15 lockstep lanes' events alternate every 100 ms, and
 * chunking them as they came stored ≈5× the rows (bench:shampoo's store writes 0.7 s instead of 0.2 s).
 */
export function appendEpochChunks(db: Database.Database, unordered: readonly EpochMetric[]): void {
  if (unordered.length === 0) return;
  const rows = [...unordered].sort((a, b) => a.trialId - b.trialId || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const insert = db.prepare(`INSERT OR REPLACE INTO epoch_chunks (trial_id, name, first_epoch, values_json) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      const a = rows[start]!;
      const b = rows[i];
      const continues = b && b.trialId === a.trialId && b.name === a.name && b.epoch === rows[i - 1]!.epoch + 1;
      if (continues) continue;
      const values = rows.slice(start, i).map((r) => (Number.isFinite(r.value) ? r.value : null));
      insert.run(a.trialId, a.name, a.epoch, JSON.stringify(values));
      start = i;
    }
  })();
}

/** Every stored per-epoch value of an experiment (one metric, some trials, when given), by trial, metric, epoch. */
export function readEpochChunks(db: Database.Database, experimentId: number, name?: string, trialIds?: readonly number[]): EpochMetric[] {
  if (trialIds && trialIds.length === 0) return [];
  const only = trialIds ? JSON.stringify(trialIds) : null;
  const chunks = db
    .prepare(
      `SELECT c.trial_id AS trialId, c.name, c.first_epoch AS first, c.values_json AS json FROM epoch_chunks c
         JOIN trials t ON t.id = c.trial_id
        WHERE t.experiment_id = ? AND (? IS NULL OR c.name = ?)
          AND (? IS NULL OR c.trial_id IN (SELECT value FROM json_each(?)))
        ORDER BY c.trial_id, c.name, c.first_epoch`,
    )
    .all(experimentId, name ?? null, name ?? null, only, only) as { trialId: number; name: string; first: number; json: string }[];
  return chunks.flatMap((c) =>
    (JSON.parse(c.json) as (number | null)[]).map((value, i) => ({ trialId: c.trialId, epoch: c.first + i, name: c.name, value: value ?? NaN })),
  );
}

/** The per-epoch metric names an experiment has, sorted. */
export function epochChunkNames(db: Database.Database, experimentId: number): string[] {
  const rows = db
    .prepare(`SELECT DISTINCT c.name FROM epoch_chunks c JOIN trials t ON t.id = c.trial_id WHERE t.experiment_id = ? ORDER BY c.name`)
    .all(experimentId) as { name: string }[];
  return rows.map((r) => r.name);
}
