import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SqliteExperimentStore } from '../../src-main/store/sqlite-store.js';
import { CLI, ROOT } from '../cli/run-cli.js';

/** A desk (`rnnlab run|resume … --queue`) running in the background. */
export interface TestDesk {
  readonly child: ChildProcess;
  /** Resolves with its exit code and output when it ends. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stderr(): string;
}

/** Starts `rnnlab args…` (the compiled CLI) from the repository root. */
export function startDesk(args: readonly string[]): TestDesk {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

/** Rows of `sql` on the database file read-only (while a desk writes it), [] before it exists. */
export function peek<T>(db: string, sql: string, ...params: unknown[]): T[] {
  if (!existsSync(db)) return [];
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } catch {
    return []; // the schema is not there yet
  } finally {
    conn.close();
  }
}

/**
 * What a run stored for each trial of experiment #1, by repeat: seed, status, claims, metrics, predictions, every
 * per-epoch value and the kept weights (as plain numbers, bit for bit), and the attempts queue workers recorded.
 */
export function trialsOf(db: string) {
  const store = new SqliteExperimentStore(db);
  try {
    const trials = store.listTrials(1);
    const curves = store.epochMetrics(1);
    return trials.map((t) => ({
      repeat: t.repeatIndex,
      seed: t.seed,
      status: t.status,
      attempts: t.attempts,
      metrics: t.metrics,
      predictions: store.predictions(t.id),
      epochs: curves.filter((m) => m.trialId === t.id).map((m) => [m.name, m.epoch, m.value]),
      weights: store.trialWeights(t.id)?.map((w) => ({ name: w.name, shape: [...w.shape], values: [...w.values] })) ?? null,
      runs: store.trialRuns(t.id),
    }));
  } finally {
    store.close();
  }
}

/** {@link trialsOf} without what differs between hosts and runs (who ran it, claims, attempts). */
export const resultsOf = (db: string) => trialsOf(db).map(({ runs: _r, attempts: _a, ...rest }) => rest);
