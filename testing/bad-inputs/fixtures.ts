import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI, ROOT } from '../cli/run-cli.js';

/** Everything the bad-input suite writes lives under this folder (one sub-folder per case). */
export const SUITE_DIR = mkdtempSync(join(tmpdir(), 'rnnlab-bad-inputs-'));

let cases = 0;
/** A fresh, empty folder for one case. */
export function caseDir(name: string): string {
  const dir = join(SUITE_DIR, `${String(++cases).padStart(3, '0')}-${name.replace(/[^\w-]+/g, '-').slice(0, 40)}`);
  mkdirSync(dir);
  return dir;
}

/** Writes `content` to `dir/name` and returns the path. */
export function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A spec as plain JSON (edited freely by the cases). */
export type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- specs are edited as plain JSON here

/** The repository's data folder (the shampoo CSV, the Portuguese text). */
export const DATA = join(ROOT, 'data');
export const SHAMPOO_CSV = join(DATA, 'shampoo-sales.csv');
export const SHAMPOO_ROWS = readFileSync(SHAMPOO_CSV, 'utf8').trim().split('\n');

/**
 * A built-in spec (experiments/NAME.json) made quick and self-contained: one repeat, one epoch, data paths
 * absolute, then `edit` applied. A case that is wrongly accepted therefore costs a second, not an hour.
 */
export function builtin(name: string, edit: (s: Spec) => void = () => {}): Spec {
  const s = JSON.parse(readFileSync(join(ROOT, 'experiments', `${name}.json`), 'utf8')) as Spec;
  if (typeof s.data.path === 'string') s.data.path = join(DATA, s.data.path.split('/').pop()!);
  s.repeats = 1;
  s.training.epochs = 1;
  edit(s);
  return s;
}

/** The shampoo spec reading `path` as its CSV. */
export const shampooOn = (path: string, edit: (s: Spec) => void = () => {}): Spec =>
  builtin('shampoo-lstm', (s) => {
    s.data.path = path;
    edit(s);
  });

/** Experiments stored in a database file; 0 when the file does not exist (nothing was even created). */
export function storedExperiments(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM experiments').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** sha256 of a file's bytes (a refused database must stay byte for byte as it was). */
export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Deterministic pseudo-random bytes (binary junk that is the same on every run). */
export function junkBytes(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A stack trace line, or Node's own error prefix (an uncaught `Error:` / `TypeError [ERR_…]:`). */
export const STACK = /\n\s+at \S|^\s*at \S+ \(|^(?:\w+)?Error(?: \[\w+\])?: /m;

/** commander's hints under its one-line error: not part of the message. */
const HINT = /^\((?:run with --help for usage|Did you mean .*\?)\)$/;
/** The lines of stderr that carry a message (commander's hints dropped). */
export const messageLines = (stderr: string): string[] =>
  stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !HINT.test(l));

/** Result of one CLI run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** CLI processes at once: two cores, and each process is mostly startup. */
const CLI_PARALLEL = 3;
let running = 0;
const queue: (() => void)[] = [];

/**
 * Runs `rnnlab args…` in the background (so several cases run at once, at most {@link CLI_PARALLEL}); resolves
 * with exit code and output. $RNNLAB_DB points into the suite's folder, so no case can touch a real database.
 * A refusal is a process that only loads its modules and exits: `--no-opt` (no optimising compiler, the same
 * behaviour) costs it a quarter less CPU. Cases that train pass `{ trains: true }` and run as users run it.
 */
export async function rnnlabAsync(args: readonly string[], options: { trains?: boolean } = {}): Promise<CliResult> {
  if (running >= CLI_PARALLEL) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [...(options.trains ? [] : ['--no-opt']), CLI, ...args], { cwd: ROOT, env: { ...process.env, RNNLAB_DB: join(SUITE_DIR, 'default.db') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
    });
  } finally {
    running--;
    queue.shift()?.();
  }
}
