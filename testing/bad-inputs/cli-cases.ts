import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { builtin, junkBytes, write } from './fixtures.js';

/** What a CLI case runs, and what it leaves to check. */
export interface CliSetup {
  readonly args: string[];
  /** The database the case points at: it must hold `stored` experiments afterwards (0: none, or no file). */
  readonly db?: string;
  /** A file that must be byte-identical afterwards (a refused database), with no -wal/-shm beside it. */
  readonly unchanged?: string;
  /** A file that must not exist afterwards (an export refused before writing). */
  readonly absent?: string;
}

/** A command line the CLI must refuse with one line (exit 1), or accept (exit 0). */
export interface CliCase {
  readonly category: 'spec-file' | 'cli' | 'db';
  readonly name: string;
  /** Prepares the case in its folder; `lab` is a database holding one finished experiment (#1, "shampoo-lstm"). */
  readonly setup: (dir: string, lab: string) => CliSetup;
  /** The message line (for `rnnlab:` errors, after the prefix). */
  readonly message: RegExp;
  readonly code?: number;
  /** Experiments `db` holds afterwards (default 0). */
  readonly stored?: number;
  /** Text of the user's file that must never appear in any output. */
  readonly secret?: string;
}

/** A quick sound spec written into `dir`. */
const okSpec = (dir: string) => write(dir, 'ok.json', JSON.stringify(builtin('shampoo-lstm')));
const run = (dir: string, spec: string, ...more: string[]): CliSetup => ({ args: ['run', spec, '--db', join(dir, 'lab.db'), '--no-progress', ...more], db: join(dir, 'lab.db') });
/** `rnnlab run` on a spec file with these contents. */
const specFile = (name: string, content: string | Buffer, message: RegExp, extra: Partial<CliCase> = {}): CliCase => ({
  category: 'spec-file',
  name,
  setup: (dir) => run(dir, write(dir, 'spec.json', content)),
  message: new RegExp(`^.*spec\\.json${message.source}`),
  ...extra,
});
const SECRET = 'hunter2-secret-token';

export const SPEC_FILE_CASES: CliCase[] = [
  { category: 'spec-file', name: 'missing spec file', setup: (dir) => run(dir, join(dir, 'nope.json')), message: /nope\.json: spec file not found; give the path of an experiment JSON \(see experiments\/\)$/ },
  { category: 'spec-file', name: 'a folder as the spec', setup: (dir) => run(dir, dir), message: /: is a folder, not a spec file; give the experiment JSON inside it \(see experiments\/\)$/ },
  ...(existsSync('/dev/zero') ? [{ category: 'spec-file', name: 'a device as the spec', setup: (dir: string) => run(dir, '/dev/zero'), message: /^rnnlab: \/dev\/zero: is a device or socket, not a spec file; give the experiment JSON/ } satisfies CliCase] : []),
  specFile('an empty file', '', /: the file is empty; write an experiment spec in it \(see experiments\/\)$/),
  specFile('only whitespace', '  \n\t\n', /: the file is empty; write an experiment spec in it/),
  specFile('a trailing comma', '{\n  "name": "x",\n}\n', /:3:1: not valid JSON \(a comma before '\}' \(remove the trailing comma\)\); fix the syntax$/),
  specFile('a missing comma', '{\n  "name": "x"\n  "repeats": 3\n}\n', /:3:3: not valid JSON \(expected ',' or '\}' after a property value\); fix the syntax$/),
  specFile('single quotes', "{ 'name': 'x' }", /:1:3: not valid JSON \(expected a property name in double quotes\); fix the syntax$/),
  specFile('an unterminated string', '{ "name": "shampoo', /:1:19: not valid JSON \(unterminated string\); fix the syntax$/),
  specFile('the file ends too soon', '{\n  "name": "x",\n  "data": {\n', /:4:1: not valid JSON \(unexpected end of the file\); fix the syntax$/),
  specFile('NaN as a value', '{ "repeats": NaN }', /:1:14: not valid JSON \(expected a value: an object, a list, "text", a number, true, false or null\); fix the syntax$/),
  specFile('a misspelt true', '{ "shuffle": tru }', /:1:17: not valid JSON \(expected true\); fix the syntax$/),
  specFile('a comment', '// my experiment\n{ "name": "x" }', /:1:1: not valid JSON \(expected a value: /),
  specFile('a line break inside a string', '{ "name": "two\nlines" }', /:1:15: not valid JSON \(a line break or control character inside a string; close the string or write \\n\); fix the syntax$/),
  specFile('text after the JSON', '{ "name": "x" }\n{ "name": "y" }', /:2:1: not valid JSON \(unexpected text after the end of the JSON value\); fix the syntax$/),
  specFile('a leading zero', '{ "repeats": 03 }', /:1:15: not valid JSON \(bad number \(no leading zeros; digits after the point\)\); fix the syntax$/),
  specFile('a secret file is never echoed', `${SECRET}\n{`, /:1:1: not valid JSON \(expected a value: .*\); fix the syntax$/, { secret: SECRET }),
  specFile('a secret after valid JSON is never echoed', `{}\n${SECRET}`, /:2:1: not valid JSON \(unexpected text after the end of the JSON value\)/, { secret: SECRET }),
  specFile('binary junk as the spec', junkBytes(4000), /:1:1: not valid JSON \(/),
  specFile('an 11 MB spec file', `{"description": "${'x'.repeat(11 * 1024 * 1024)}"}`, /: 11 MB is not an experiment spec \(specs are a few kB\); give the spec's JSON file$/, { secret: 'xxxxxxxxxx' }),
  { category: 'spec-file', name: 'a spec with a byte-order mark runs', setup: (dir) => run(dir, write(dir, 'bom.json', `\uFEFF${JSON.stringify(builtin('shampoo-lstm'))}`)), message: /^experiment #1 shampoo-lstm: 1 repeats × 1 configuration/, code: 0, stored: 1 },
  { category: 'spec-file', name: 'summary of a missing spec', setup: (dir) => ({ args: ['summary', join(dir, 'gone.json')] }), message: /gone\.json: spec file not found/ },
  { category: 'spec-file', name: 'summary of broken JSON', setup: (dir) => ({ args: ['summary', write(dir, 's.json', '{"a":')] }), message: /s\.json:1:6: not valid JSON \(unexpected end of the file\)/ },
];

const flag = (name: string, args: (dir: string, lab: string) => string[], message: RegExp, extra: Partial<CliCase> = {}): CliCase => ({
  category: 'cli',
  name,
  setup: (dir, lab) => ({ args: args(dir, lab), db: join(dir, 'lab.db') }),
  message,
  ...extra,
});
const onLab = (name: string, args: (lab: string, dir: string) => string[], message: RegExp, absent?: (dir: string) => string): CliCase => ({
  category: 'cli',
  name,
  setup: (dir, lab) => ({ args: [...args(lab, dir), '--db', lab], db: lab, ...(absent ? { absent: absent(dir) } : {}) }),
  message,
  stored: 1,
});
const runFlags = (...more: string[]) => (dir: string) => ['run', okSpec(dir), '--db', join(dir, 'lab.db'), '--no-progress', ...more];

export const ARGUMENT_CASES: CliCase[] = [
  flag('an unknown command', () => ['frobnicate'], /^error: unknown command 'frobnicate'$/),
  flag('a misspelt command', () => ['lst'], /^error: unknown command 'lst'$/),
  flag('an unknown flag', runFlags('--frob'), /^error: unknown option '--frob'$/),
  flag('a misspelt flag', runFlags('--epoch', '1'), /^error: unknown option '--epoch'$/),
  flag('--epochs abc', runFlags('--epochs', 'abc'), /^error: option '--epochs <n>' argument 'abc' is invalid\. --epochs must be a whole number, got "abc"$/),
  flag('--epochs 1.5', runFlags('--epochs', '1.5'), /--epochs must be a whole number, got "1\.5"$/),
  flag('--epochs 0 names the spec field', runFlags('--epochs', '0'), /^rnnlab: training\.epochs: epochs must be at least 1$/),
  flag('--repeats 0', runFlags('--repeats', '0'), /--repeats must be an integer ≥ 1, got "0"$/),
  flag('--repeats -1', runFlags('--repeats', '-1'), /--repeats must be an integer ≥ 1, got "-1"$/),
  flag('--repeats abc', runFlags('--repeats', 'abc'), /--repeats must be an integer ≥ 1, got "abc"$/),
  flag('--workers 0', runFlags('--workers', '0'), /--workers must be an integer ≥ 1, got "0"$/),
  flag('--workers two', runFlags('--workers', 'two'), /--workers must be an integer ≥ 1, got "two"$/),
  flag('--seed -5', runFlags('--seed', '-5'), /--seed must be an integer from 0 to 2147483647, got "-5"$/),
  flag('--seed too large', runFlags('--seed', '99999999999'), /--seed must be an integer from 0 to 2147483647, got "99999999999"$/),
  flag('--engine nope', runFlags('--engine', 'nope'), /^error: option '--engine <name>' argument 'nope' is invalid\. Allowed choices are auto, tfjs, fused\.$/),
  flag('--backend nope', runFlags('--backend', 'nope'), /Allowed choices are auto, tensorflow, wasm, cpu\.$/),
  flag('--db without a value', (dir) => ['run', okSpec(dir), '--db'], /^error: option '--db <file>' argument missing$/),
  flag('run without a spec', (dir) => ['run', '--db', join(dir, 'lab.db')], /^error: missing required argument 'spec'$/),
  flag('show without an experiment', (dir) => ['show', '--db', join(dir, 'lab.db')], /^error: missing required argument 'experiment'$/),
  flag('an extra argument', (dir) => ['list', 'extra', '--db', join(dir, 'lab.db')], /^error: too many arguments for 'list'\. Expected 0 arguments but got 1\.$/),
  onLab('--format nope on export', () => ['export', '1', '--format', 'nope'], /^error: option '--format <format>' argument 'nope' is invalid\. Allowed choices are csv, md, latex, json, xlsx\.$/),
  onLab('show of a missing id', () => ['show', '999'], /^rnnlab: experiment "999" not found; `rnnlab list` shows the ids and names in this database$/),
  onLab('show of a missing name', () => ['show', 'no-such-name'], /^rnnlab: experiment "no-such-name" not found; `rnnlab list` shows/),
  onLab('export of a missing id', () => ['export', '42'], /^rnnlab: experiment "42" not found; /),
  onLab('export of a missing name', () => ['export', 'shampoo-lstn'], /^rnnlab: experiment "shampoo-lstn" not found; /),
  onLab('resume of a missing id', () => ['resume', '7', '--no-progress'], /^rnnlab: experiment "7" not found; /),
  onLab('resume of a missing name', () => ['resume', 'ghost', '--no-progress'], /^rnnlab: experiment "ghost" not found; /),
  onLab('export --out a folder', (_lab, dir) => ['export', '1', '--out', dir], /^rnnlab: --out .*: is a folder; give a file name, e\.g\. .*results\.csv$/),
  onLab('export --out into a missing folder', (_lab, dir) => ['export', '1', '--out', join(dir, 'no-such', 'r.csv')], /^rnnlab: --out .*r\.csv: the folder .*no-such does not exist; create it or choose another --out$/, (dir) => join(dir, 'no-such')),
  onLab('export --format latex --out a folder names a .tex file', (_lab, dir) => ['export', '1', '--format', 'latex', '--out', dir], /: is a folder; give a file name, e\.g\. .*results\.tex$/),
];

/** A database case: `make` writes the file; every command must refuse it and leave it byte for byte. */
const refusedDb = (name: string, make: (path: string) => void, message: RegExp, command: 'run' | 'list' | 'show'): CliCase => ({
  category: 'db',
  name: `${name} (${command})`,
  setup: (dir) => {
    const db = join(dir, 'their.db');
    make(db);
    const args = command === 'run' ? ['run', okSpec(dir), '--no-progress'] : command === 'show' ? ['show', '1'] : ['list'];
    return { args: [...args, '--db', db], unchanged: db };
  },
  message,
});
const textFile = (path: string) => writeFileSync(path, 'my notes, not a database\n');
const otherProgram = (path: string) => {
  const db = new Database(path);
  db.exec('CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES (\'Ana\', \'555\');');
  db.close();
};
const newerLab = (path: string) => {
  const db = new Database(path);
  db.exec('CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT);');
  db.pragma('user_version = 999');
  db.close();
};
const NOT_DB = /^rnnlab: .*their\.db: not an RNN Lab database \(file is not a database\); use another --db$/;
const OTHER = /^rnnlab: .*their\.db: an SQLite database of another program \(it has tables but no RNN Lab schema\); use another --db$/;
const NEWER = /^rnnlab: .*their\.db: database schema version 999 is newer than this RNN Lab understands \(\d+\); upgrade RNN Lab or use another --db$/;

export const DB_CASES: CliCase[] = [
  ...(['run', 'list', 'show'] as const).flatMap((command) => [
    refusedDb('--db a text file', textFile, NOT_DB, command),
    refusedDb('--db an SQLite file of another program', otherProgram, OTHER, command),
    refusedDb('--db a newer-schema RNN Lab file', newerLab, NEWER, command),
  ]),
  { category: 'db', name: '--db a folder', setup: (dir) => ({ args: ['list', '--db', dir] }), message: /^rnnlab: .*: is a folder, not a database file; give a file name, e\.g\. .*rnnlab\.db$/ },
  { category: 'db', name: '--db a folder (run)', setup: (dir) => ({ args: ['run', okSpec(dir), '--no-progress', '--db', (mkdirSync(join(dir, 'store')), join(dir, 'store'))] }), message: /^rnnlab: .*store: is a folder, not a database file; give a file name, e\.g\. .*store\/rnnlab\.db$/ },
  { category: 'db', name: '--db inside a file', setup: (dir) => ({ args: ['list', '--db', join(write(dir, 'notes.txt', 'x'), 'lab.db')] }), message: /^rnnlab: .*notes\.txt: is a file where a folder is needed; check the path$/ },
];
