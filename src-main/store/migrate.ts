import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { LabError } from '../contract/errors.js';

const MIGRATIONS = new URL('./migrations/', import.meta.url);

/** The migrations shipped with this version: `NNNN_name.sql`, in order. */
export function listMigrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file,
      sql: readFileSync(new URL(file, MIGRATIONS), 'utf8'),
    }));
}

/**
 * Refuses, before anything is written (so the file's bytes stay as they were), a database this version must
 * not touch: one written by a newer RNN Lab, or an SQLite file of another program (tables but no RNN Lab
 * schema version). Throws LabError('STORE_INVALID') naming the path and the fix.
 */
export function refuseForeign(db: Database.Database, path: string): void {
  const latest = listMigrations().at(-1)?.version ?? 0;
  let current: number;
  let tables: number;
  try {
    current = db.pragma('user_version', { simple: true }) as number;
    tables = (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  } catch (error) {
    throw new LabError('STORE_INVALID', `${path}: not an RNN Lab database (${(error as Error).message}); use another --db`);
  }
  if (current > latest) {
    throw new LabError('STORE_INVALID', `${path}: database schema version ${current} is newer than this RNN Lab understands (${latest}); upgrade RNN Lab or use another --db`);
  }
  if (current === 0 && tables > 0) {
    throw new LabError('STORE_INVALID', `${path}: an SQLite database of another program (it has tables but no RNN Lab schema); use another --db`);
  }
}

/**
 * Brings the schema up to date, one transaction per migration, recording the version in `user_version`.
 * Refuses (LabError 'STORE_INVALID') a database written by a newer RNN Lab. Foreign keys are off while
 * migrations run (a table rebuild drops the old table, which would otherwise cascade-delete its children; the
 * pragma cannot change inside a transaction) and each migration's `foreign_key_check` must be clean before it
 * commits; the caller's setting is restored afterwards.
 */
export function migrate(db: Database.Database, path: string): void {
  const migrations = listMigrations();
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new LabError(
      'STORE_INVALID',
      `${path}: database schema version ${current} is newer than this RNN Lab understands (${latest}); upgrade RNN Lab or use another --db`,
    );
  }
  if (current === latest) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new LabError('STORE_INVALID', `${path}: migration ${m.name} would leave ${broken.length} rows pointing nowhere; nothing was changed — keep using the older RNN Lab on this file and report it`);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
