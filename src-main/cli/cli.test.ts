import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { rnnlab } from '../../testing/cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-cli-'));
const db = join(dir, 'lab.db');

describe('rnnlab CLI end to end (real workers, real SQLite)', () => {
  it('run --json, then list, show and export csv', () => {
    const run = rnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '2', '--epochs', '20', '--db', db, '--json']);
    expect(run.stderr).not.toMatch(/Error|at \w+ \(/);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const result = JSON.parse(lines[lines.length - 1]!);
    expect(result).toMatchObject({ experimentId: 1, name: 'shampoo-lstm', status: 'done', headline: 'rmse' });
    expect(result.trials).toHaveLength(2);
    expect(result.trials[0].seed).not.toBe(result.trials[1].seed);
    for (const t of result.trials) expect(t.metrics.rmse).toBeGreaterThan(0);
    expect(result.baselines[0].metrics.rmse).toBeCloseTo(136.761, 3); // REFERENCE.md's 3 decimals
    const rmse = result.describe.find((d: { metric: string }) => d.metric === 'rmse').summary;
    expect(rmse.count).toBe(2);

    const list = rnnlab(['list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\| 1 \| shampoo-lstm \| done \| 2\/2 \| rmse \| \d+\.\d{3} ± \d+\.\d{3} \|/);

    const show = rnnlab(['show', 'shampoo-lstm', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/\| count \| 2 \|/);
    expect(show.stdout).toContain('baseline persistence: rmse 136.761');
    expect(show.stdout).toContain(String(result.trials[1].seed));
    // Each repeat's engine, backend and threads (shampoo's stateful LSTM(4) never splits: 1).
    expect(show.stdout).toMatch(/\| engine \| backend \| threads \|/);
    expect(show.stdout).toMatch(/\| fused \| [\w-]+ \| 1 \|\n/);
    expect(result.trials.map((t: { threads: number }) => t.threads)).toEqual([1, 1]);

    const out = join(dir, 'results.csv');
    const exp = rnnlab(['export', '1', '--format', 'csv', '--out', out, '--db', db]);
    expect(exp.code).toBe(0);
    const rows = parse(readFile(out), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.kind === 'repeat')).toHaveLength(2);
    expect(rows.map((r) => r.kind)).toEqual(['repeat', 'repeat', 'count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'baseline:persistence']);
    // The CSV holds round-trip decimals of the stored values; 9 decimals (of ≈ 100) allow only summation-order rounding.
    expect(Number(rows.find((r) => r.kind === 'mean')!.rmse)).toBeCloseTo(rmse.mean, 9);

    // Every epoch's loss was stored (batched writes), for both repeats.
    const sql = new Database(db, { readonly: true });
    const chunks = sql.prepare(`SELECT values_json FROM epoch_chunks`).all() as { values_json: string }[];
    expect(chunks.flatMap((c) => JSON.parse(c.values_json) as number[])).toHaveLength(40);
    expect(sql.prepare(`SELECT COUNT(*) AS n FROM predictions WHERE split = 'test'`).get()).toEqual({ n: 24 });
    sql.close();
  });

  it('prints help for every command', () => {
    for (const command of ['run', 'list', 'show', 'export', 'resume']) {
      const help = rnnlab([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: rnnlab ${command}`);
    }
  });
});

describe('bad inputs: exit code ≠ 0 and one line naming the problem', () => {
  const spec = (patch: (s: Record<string, unknown>) => void) => {
    const s = JSON.parse(readFile(join(import.meta.dirname, '../../experiments/shampoo-lstm.json'))) as Record<string, unknown>;
    s.data = { ...(s.data as object), path: join(import.meta.dirname, '../../data/shampoo-sales.csv') };
    patch(s);
    const path = join(dir, `spec-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(s));
    return path;
  };
  const expectOneLine = (args: string[], pattern: RegExp, dbFile: string) => {
    const r = rnnlab([...args, '--db', dbFile]);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    return r;
  };

  it('a folder, a junk file and broken JSON as the spec: one line naming the path, never the contents', () => {
    expectOneLine(['run', dir], /^rnnlab: .*: is a folder, not a spec file; give the experiment JSON inside it/, join(dir, 'f.db'));
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, 'secret-password-here{');
    const r = expectOneLine(['run', junk], /^rnnlab: .*junk\.json:1:1: not valid JSON \(expected a value: .*\); fix the syntax$/, join(dir, 'f.db'));
    expect(r.stderr).not.toContain('secret');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x",\n  "repeats": 3\n');
    expectOneLine(['run', broken], /^rnnlab: .*broken\.json:4:1: not valid JSON \(unexpected end of the file\); fix the syntax$/, join(dir, 'f.db'));
  });

  it('rejects an unknown spec key and writes nothing', () => {
    const fresh = join(dir, 'untouched.db');
    const path = spec((s) => ((s.model as { layers: Record<string, unknown>[] }).layers[0] = { lstm: { unit: 4 } }));
    expectOneLine(['run', path], /^rnnlab: model\.layers\[0\]\.lstm\.unit: unknown key, did you mean units\?/, fresh);
    const sql = new Database(fresh, { readonly: true });
    expect(sql.prepare('SELECT COUNT(*) AS n FROM experiments').get()).toEqual({ n: 0 });
    sql.close();
  });

  it('rejects epochs = 0 (from the flag too)', () => {
    expectOneLine(['run', spec(() => {}), '--epochs', '0'], /^rnnlab: training\.epochs: epochs must be at least 1$/, join(dir, 'e.db'));
  });

  it('names the flag of a non-numeric --epochs, and the --out of an export into a folder or a missing folder', () => {
    const r = rnnlab(['run', spec(() => {}), '--epochs', 'abc', '--db', join(dir, 'e.db')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--epochs must be a whole number, got "abc"/);
    expect(r.stderr).not.toMatch(/NaN|\n\s+at /);
    // Export from the first test's database (experiment 1 exists there).
    expectOneLine(['export', '1', '--out', dir], /^rnnlab: --out .*: is a folder; give a file name, e\.g\. .*results\.csv$/, db);
    expectOneLine(['export', '1', '--out', join(dir, 'no-such-folder', 'x.csv')], /^rnnlab: --out .*x\.csv: the folder .*no-such-folder does not exist; create it or choose another --out$/, db);
  });

  it('names a missing data file and a malformed CSV', () => {
    const missing = spec((s) => ((s.data as { path: string }).path = join(dir, 'no-such.csv')));
    expectOneLine(['run', missing], /no-such\.csv: CSV file not found/, join(dir, 'm.db'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '"Month","Sales"\n"1-01",266.0\n"1-02",oops\n');
    const malformed = spec((s) => ((s.data as { path: string }).path = bad));
    expectOneLine(['run', malformed], /bad\.csv:3: column "Sales" \(column 2\): "oops" is not a number/, join(dir, 'm.db'));
  });

  it('names a missing spec file and an unknown experiment', () => {
    expectOneLine(['run', join(dir, 'nope.json')], /nope\.json: spec file not found/, join(dir, 'x.db'));
    expectOneLine(['show', 'nothing-here'], /experiment "nothing-here" not found/, join(dir, 'x.db'));
    expect(existsSync(join(dir, 'x.db'))).toBe(true);
  });
});

function readFile(path: string): string {
  return readFileSync(path, 'utf8');
}

describe('rnnlab summary of a bare model', () => {
  it("--input-shape 100,10: the seeds' Dense(32) + 4 × SimpleRNN(32) has 8,672 parameters; Keras' refusals are ours", () => {
    const rnn = (returnSequences: boolean) => ({ simpleRNN: { units: 32, returnSequences } });
    const model = join(dir, 'model.json');
    writeFileSync(model, JSON.stringify({ layers: [{ dense: { units: 32 } }, rnn(true), rnn(true), rnn(true), rnn(false)] }));
    const r = rnnlab(['summary', '--input-shape', '100,10', model]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('dense_1 (Dense)              (None, 100, 32)           352');
    expect(r.stdout).toContain('simple_rnn_4 (SimpleRNN)     (None, 32)                2080');
    expect(r.stdout).toContain('Total params: 8,672');
    const bad = join(dir, 'bad-model.json');
    writeFileSync(bad, JSON.stringify({ layers: [{ lstm: { units: 3 } }, { lstm: { units: 3 } }] }));
    const refused = rnnlab(['summary', '--input-shape', '100,10', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('rnnlab: model.layers[0].lstm.returnSequences: this LSTM feeds another recurrent layer (model.layers[1].lstm), so it must return sequences; set "returnSequences": true');
    expect(rnnlab(['summary', '--input-shape', '10', model]).stderr).toMatch(/--input-shape takes steps,features/);
  });
});

describe('rnnlab inspect', () => {
  it('reports columns and suggests a spec that runs as it is: a series, and labeled sequences', () => {
    const series = rnnlab(['inspect', 'data/shampoo-sales.csv', '--json']);
    expect(series.code, series.stderr).toBe(0);
    const report = JSON.parse(series.stdout) as { rows: number; columns: { name: string; type: string; missing: number }[]; suggestion: { spec: Record<string, unknown> } };
    expect(report.rows).toBe(36);
    expect(report.columns.map((c) => [c.name, c.type, c.missing])).toEqual([['Month', 'text', 0], ['Sales', 'number', 0]]);
    const rows = ['seq,t,x,y,class'];
    for (let s = 0; s < 12; s++) for (let t = 0; t < 3 + (s % 2); t++) rows.push(`s${s},${t},${(s % 2 ? t : -t) / 3},${(s * t) % 3},${s % 2 ? 'up' : 'down'}`);
    const long = join(dir, 'moves.csv');
    writeFileSync(long, `${rows.join('\n')}\n`);
    const sequences = JSON.parse(rnnlab(['inspect', long, '--json']).stdout) as { suggestion: { spec: Record<string, unknown> } };
    expect(sequences.suggestion.spec.data).toEqual({ kind: 'sequences', path: long, format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' });
    for (const [name, spec] of [['series', report.suggestion.spec], ['sequences', sequences.suggestion.spec]] as const) {
      const file = join(dir, `suggested-${name}.json`);
      writeFileSync(file, JSON.stringify(spec));
      const run = rnnlab(['run', file, '--repeats', '1', '--epochs', '2', '--db', join(dir, 'inspect.db'), '--no-progress']);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    }
  });
});

describe('series tables end to end', () => {
  it('inspect suggests a "table" for several numeric columns; a two-target spec trains and stores per-target metrics', () => {
    // 60 weeks of two coupled series (x leads y by a step) and a text column inspect must leave out.
    const x = Array.from({ length: 60 }, (_, i) => Math.round(100 * (10 + 3 * Math.sin(i / 4) + (i % 5) / 10)) / 100);
    const y = x.map((v, i) => Math.round(100 * (0.5 * (x[i - 1] ?? v) + 2)) / 100);
    const csv = join(dir, 'weekly.csv');
    writeFileSync(csv, `week,x,y,note\n${x.map((v, i) => `w${i + 1},${v},${y[i]},n${i % 3}`).join('\n')}\n`);
    const inspected = rnnlab(['inspect', csv, '--json']);
    expect(inspected.code, inspected.stderr).toBe(0);
    const suggested = (JSON.parse(inspected.stdout) as { suggestion: { spec: { data: Record<string, unknown> } } }).suggestion.spec;
    expect(suggested.data).toEqual({ kind: 'table', path: csv, time: 'week', features: ['x', 'y'], targets: ['y'], delimiter: 'auto', missing: 'error' });

    const spec = { ...suggested, name: 'weekly-two', data: { ...suggested.data, targets: ['y', 'x'] }, model: { layers: [{ lstm: { units: 4 } }, { dense: { units: 2 } }] } };
    const file = join(dir, 'weekly-two.json');
    writeFileSync(file, JSON.stringify(spec));
    const tdb = join(dir, 'table.db');
    const run = rnnlab(['run', file, '--repeats', '2', '--epochs', '3', '--db', tdb, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      trials: { metrics: Record<string, number> }[];
      describe: { metric: string }[];
      baselines: { metrics: Record<string, number> }[];
    };
    for (const t of result.trials) {
      expect(Object.keys(t.metrics).sort()).toEqual(['mae', 'mae:x', 'mae:y', 'rmse', 'rmse:x', 'rmse:y']);
      expect(t.metrics.rmse).toBe(t.metrics['rmse:y']); // the headline is the first target's
      expect(t.metrics['rmse:x']).toBeGreaterThan(0);
    }
    expect(result.describe.map((d) => d.metric)).toEqual(['rmse', 'mae', 'rmse:y', 'mae:y', 'rmse:x', 'mae:x']);
    // Persistence over the last 20 weeks (testSize 20 = 60 / 3), by hand from the raw columns.
    const persistence = (v: number[]) => Math.sqrt(v.slice(40).reduce((s, a, i) => s + (a - v[39 + i]!) ** 2, 0) / 20);
    expect(result.baselines[0]!.metrics['rmse:y']).toBeCloseTo(persistence(y), 10);
    expect(result.baselines[0]!.metrics['rmse:x']).toBeCloseTo(persistence(x), 10);
    const sql = new Database(tdb, { readonly: true });
    expect(sql.prepare(`SELECT COUNT(*) AS n FROM trial_metrics WHERE name = 'rmse:x'`).get()).toEqual({ n: 2 });
    // The stored predictions are the headline target's (the results views' one series), indexed by raw week.
    const points = sql.prepare(`SELECT step, actual FROM predictions WHERE split = 'test' AND trial_id = 1 ORDER BY step`).all() as { step: number; actual: number }[];
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
    expect(points.map((p) => p.actual)).toEqual(y.slice(40));
    const artifacts = sql.prepare(`SELECT * FROM trial_artifacts WHERE trial_id = 1`).all();
    expect(JSON.stringify(artifacts)).toContain('targetPredictions');
    sql.close();
    const show = rnnlab(['show', 'weekly-two', '--db', tdb]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('rmse:x');
  });
});

describe('data files changed since an experiment was stored', () => {
  it('show warns, resume refuses without --allow-changed-data, and goes on with it', () => {
    const csv = join(dir, 'changing.csv');
    writeFileSync(csv, readFileSync(join(import.meta.dirname, '../../data/shampoo-sales.csv')));
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, '../../experiments/shampoo-lstm.json'), 'utf8')) as Record<string, unknown>;
    spec.data = { ...(spec.data as object), path: csv };
    const file = join(dir, 'changing.json');
    writeFileSync(file, JSON.stringify(spec));
    const dbFile = join(dir, 'changing.db');
    expect(rnnlab(['run', file, '--repeats', '2', '--epochs', '2', '--db', dbFile, '--no-progress']).code).toBe(0);
    expect(rnnlab(['show', '1', '--db', dbFile]).stderr).toBe('');
    // One repeat left to run (as after a crash), then the file changes.
    const raw = new Database(dbFile);
    raw.prepare(`UPDATE trials SET status = 'interrupted' WHERE repeat_index = 1`).run();
    raw.close();
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('266.0', '267.0'));
    const show = rnnlab(['show', '1', '--db', dbFile]);
    expect(show.code).toBe(0);
    expect(show.stderr).toMatch(/^rnnlab: warning: data\.path: .*changing\.csv has changed \(same size, other contents\) since experiment #1 was stored; its results came from the old data\n$/);
    const refused = rnnlab(['resume', '1', '--db', dbFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^rnnlab: data\.path: .*changing\.csv has changed .* resume anyway with --allow-changed-data, or start a new experiment$/);
    expect(rnnlab(['resume', '1', '--db', dbFile, '--allow-changed-data']).code).toBe(0);
  });
});
