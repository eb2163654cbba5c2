import type Database from 'better-sqlite3';
import { LabError } from '../contract/errors.js';
import type { PurgeReport } from './experiment-store.js';

/**
 * The management half of the SQLite store: names, descriptions, tags, notes, stars, soft deletion and purge.
 * Each function is one statement or one transaction on `db` (the store's connection, foreign keys on).
 */

const notFound = (id: number) => new LabError('NOT_FOUND', `experiment ${id} not found; \`rnnlab list --all\` shows the ids in this database`);

/** Runs an UPDATE of one experiment row; NOT_FOUND when no row has that id. */
function updateOne(db: Database.Database, sql: string, id: number, ...values: unknown[]): void {
  if (db.prepare(sql).run(...values, id).changes === 0) throw notFound(id);
}

/** Renames; refuses (REQUEST_INVALID, one line naming the other id) a name another experiment has. */
export function renameExperiment(db: Database.Database, id: number, name: string): void {
  db.transaction(() => {
    const other = db.prepare(`SELECT id, deleted_at FROM experiments WHERE name = ? AND id <> ? ORDER BY id LIMIT 1`).get(name, id) as
      | { id: number; deleted_at: string | null }
      | undefined;
    if (other) {
      const hint = other.deleted_at ? ` (deleted: \`rnnlab purge ${other.id}\` frees the name)` : '';
      throw new LabError('REQUEST_INVALID', `name "${name}" is taken by experiment #${other.id}${hint}; names are unique per database, pick another`);
    }
    updateOne(db, `UPDATE experiments SET name = ? WHERE id = ?`, id, name);
  })();
}

/** Replaces the description. */
export function setDescription(db: Database.Database, id: number, description: string): void {
  updateOne(db, `UPDATE experiments SET description = ? WHERE id = ?`, id, description);
}

/** Replaces the notes (Markdown). */
export function setNotes(db: Database.Database, id: number, notes: string): void {
  updateOne(db, `UPDATE experiments SET notes = ? WHERE id = ?`, id, notes);
}

export function setStarred(db: Database.Database, id: number, starred: boolean): void {
  updateOne(db, `UPDATE experiments SET starred = ? WHERE id = ?`, id, starred ? 1 : 0);
}

/** Tags as stored: trimmed, empty ones and duplicates dropped, sorted. */
export function normalTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))].sort();
}

/** Replaces the tags in one transaction. */
export function setTags(db: Database.Database, id: number, tags: readonly string[]): void {
  const insert = db.prepare(`INSERT INTO experiment_tags (experiment_id, tag) VALUES (?, ?)`);
  db.transaction(() => {
    if (!db.prepare(`SELECT 1 FROM experiments WHERE id = ?`).get(id)) throw notFound(id);
    db.prepare(`DELETE FROM experiment_tags WHERE experiment_id = ?`).run(id);
    for (const tag of normalTags(tags)) insert.run(id, tag);
  })();
}

/** Tags of every experiment, by id. */
export function tagsById(db: Database.Database): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of db.prepare(`SELECT experiment_id AS id, tag FROM experiment_tags ORDER BY experiment_id, tag`).all() as { id: number; tag: string }[]) {
    const list = out.get(r.id) ?? [];
    list.push(r.tag);
    out.set(r.id, list);
  }
  return out;
}

/** Marks deleted now (a deleted experiment keeps its first deletion time). */
export function softDelete(db: Database.Database, id: number): void {
  updateOne(db, `UPDATE experiments SET deleted_at = COALESCE(deleted_at, ?) WHERE id = ?`, id, new Date().toISOString());
}

export function restore(db: Database.Database, id: number): void {
  updateOne(db, `UPDATE experiments SET deleted_at = NULL WHERE id = ?`, id);
}

/**
 * Deletes the experiment row in one transaction (the cascade removes trials, trial_metrics, epoch_chunks,
 * predictions, trial_artifacts, trial_weights, baselines, experiment_tags), then VACUUMs — which SQLite refuses
 * inside a transaction — and checkpoints the WAL so the main file itself shrinks.
 */
export function purgeExperiment(db: Database.Database, id: number): PurgeReport {
  const counted = db.transaction(() => {
    const trials = (db.prepare(`SELECT COUNT(*) AS n FROM trials WHERE experiment_id = ?`).get(id) as { n: number }).n;
    const weightBytes = (
      db.prepare(`SELECT COALESCE(SUM(LENGTH(w.data)), 0) AS b FROM trial_weights w JOIN trials t ON t.id = w.trial_id WHERE t.experiment_id = ?`).get(id) as { b: number }
    ).b;
    if (db.prepare(`DELETE FROM experiments WHERE id = ?`).run(id).changes === 0) throw notFound(id);
    return { trials, weightBytes };
  })();
  let vacuumed = true;
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    // Another connection reading or writing keeps VACUUM from running: the rows are gone all the same, and
    // their pages are reused by later writes; the next purge (or `rnnlab purge`) returns them to the disk.
    if (!/busy|locked/i.test((error as Error).message)) throw error;
    vacuumed = false;
  }
  return { experimentId: id, ...counted, vacuumed };
}
