import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, rnnlab } from '../../testing/cli/run-cli.js';

// rename, edit, tag, note, delete, restore, purge and export --format xlsx, end to end on a temp database with
// real runs (two tiny shampoo experiments of 2 repeats).
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-manage-cli-'));
const db = join(dir, 'lab.db');
const run = () => rnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '2', '--epochs', '3', '--db', db, '--json', '--no-progress']);
/** `rnnlab purge …` with `answer` typed on standard input. */
const purgeAnswering = (answer: string, ref: string) =>
  spawnSync(process.execPath, [CLI, 'purge', ref, '--db', db], { cwd: ROOT, encoding: 'utf8', input: answer, timeout: 60_000 });
const rows = (sql: string) => {
  const d = new Database(db, { readonly: true });
  const n = (d.prepare(sql).get() as { n: number }).n;
  d.close();
  return n;
};

describe('rnnlab rename | edit | tag | note | delete | restore | purge', () => {
  it('manages experiments, refusing shared and taken names with the ids', () => {
    expect(run().code).toBe(0);
    expect(run().code).toBe(0); // two experiments named shampoo-lstm: #1 and #2

    const shared = rnnlab(['show', 'shampoo-lstm', '--db', db]);
    expect(shared.code).toBe(1);
    expect(shared.stderr).toBe('rnnlab: "shampoo-lstm" names 2 experiments (#2, #1); give the id instead, e.g. 2\n');
    expect(rnnlab(['resume', 'shampoo-lstm', '--db', db]).stderr).toContain('names 2 experiments (#2, #1)');

    expect(rnnlab(['rename', '1', 'lstm-units-1', '--db', db])).toMatchObject({ code: 0, stdout: 'renamed to #1 lstm-units-1\n' });
    expect(rnnlab(['rename', '2', 'lstm-units-1', '--db', db])).toMatchObject({
      code: 1, stderr: 'rnnlab: name "lstm-units-1" is taken by experiment #1; names are unique per database, pick another\n',
    });
    expect(rnnlab(['rename', '2', 'bad/name', '--db', db]).stderr).toMatch(/^rnnlab: name: .*letters, digits, spaces, dots, dashes or underscores\n$/);
    expect(rnnlab(['show', 'shampoo-lstm', '--db', db]).stdout).toMatch(/^experiment #2 shampoo-lstm/); // one left with it

    expect(rnnlab(['edit', 'lstm-units-1', '--description', 'LSTM(1) on shampoo', '--star', '--db', db]).stdout).toBe('#1 lstm-units-1 ★: LSTM(1) on shampoo\n');
    expect(rnnlab(['tag', '1', 'paper,units', 'shampoo', '--db', db]).stdout).toBe('#1 lstm-units-1: paper, shampoo, units\n');
    expect(rnnlab(['tag', '1', '--remove', 'units', '--db', db]).stdout).toBe('#1 lstm-units-1: paper, shampoo\n');
    expect(rnnlab(['note', '1', '## Why\nunits = 1 beats 4?', '--db', db]).code).toBe(0);
    expect(rnnlab(['note', '1', 'yes, p = 0.004', '--append', '--db', db]).code).toBe(0);
    expect(rnnlab(['note', '1', '--db', db]).stdout).toBe('## Why\nunits = 1 beats 4?\n\nyes, p = 0.004\n');
    const show = rnnlab(['show', '1', '--db', db]).stdout;
    expect(show).toMatch(/^experiment #1 lstm-units-1 ★ — done/);
    expect(show).toContain('LSTM(1) on shampoo\ntags: paper, shampoo\n\nnotes:\n## Why\n');

    const del = rnnlab(['delete', '2', '--db', db]);
    expect(del).toMatchObject({ code: 0, stdout: 'deleted #2 shampoo-lstm: hidden from lists, its results kept\n' });
    expect(del.stderr).toBe('undo with: rnnlab restore 2; free its space for good with: rnnlab purge 2\n');
    expect(rnnlab(['list', '--db', db]).stdout).not.toContain('shampoo-lstm');
    expect(rnnlab(['list', '--all', '--db', db]).stdout).toMatch(/\| 2 \| shampoo-lstm \| done \(deleted\) \|/);
    expect(rnnlab(['resume', '2', '--db', db]).stderr).toContain('experiment #2 is deleted; `rnnlab restore 2` brings it back');
    expect(rnnlab(['restore', 'shampoo-lstm', '--db', db]).stdout).toBe('restored #2 shampoo-lstm\n'); // by name, deleted too
    expect(rnnlab(['delete', '2', '--db', db]).code).toBe(0);

    // purge asks; anything but y keeps everything.
    const trialsBefore = rows(`SELECT COUNT(*) AS n FROM trials WHERE experiment_id = 2`);
    expect(trialsBefore).toBe(2);
    const refused = purgeAnswering('n\n', '2');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('purge #2 shampoo-lstm: 2 repeats with their curves, predictions and kept weights, for good? [y/N] ');
    expect(refused.stderr).toContain('rnnlab: purge of #2 shampoo-lstm not confirmed; nothing removed (answer y, or add --yes)');
    expect(purgeAnswering('', '2').status).toBe(1); // input ends without an answer
    expect(rows(`SELECT COUNT(*) AS n FROM trials WHERE experiment_id = 2`)).toBe(2);
    const purged = purgeAnswering('y\n', 'shampoo-lstm');
    expect(purged.status).toBe(0);
    expect(purged.stdout).toMatch(/^purged #2 shampoo-lstm: 2 repeats, \d+\.\d kB of weights removed\n$/);
    for (const table of ['trials', 'baselines', 'experiment_tags']) expect(rows(`SELECT COUNT(*) AS n FROM ${table} WHERE experiment_id = 2`)).toBe(0);
    expect(rows(`SELECT COUNT(*) AS n FROM trials`)).toBe(2);
    expect(rnnlab(['purge', '2', '--yes', '--db', db]).stderr).toMatch(/^rnnlab: experiment "2" not found/);
  });

  it('purge and delete refuse a running experiment', () => {
    const d = new Database(db);
    d.prepare(`UPDATE trials SET status = 'running', owner = ?, owner_pid = ?, lease_until = ? WHERE experiment_id = 1`).run(`${hostname()}/${process.pid}/1/t`, process.pid, Date.now() + 600_000);
    d.close();
    // Held by this (live) test process under an unexpired lease, so the CLI's crash recovery leaves it running.
    const out = rnnlab(['purge', '1', '--yes', '--db', db]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^rnnlab: experiment #1 is running in process \d+ on .+; cancel it \(or let it finish\) before you purge it\n$/);
    expect(rnnlab(['delete', '1', '--db', db]).stderr).toContain('before you delete it');
    expect(rows(`SELECT COUNT(*) AS n FROM trials WHERE experiment_id = 1`)).toBe(2);
    const fix = new Database(db);
    fix.prepare(`UPDATE trials SET status = 'done', owner = NULL, owner_pid = NULL, lease_until = NULL WHERE experiment_id = 1`).run();
    fix.close();
  });

  it('export --format xlsx writes the results and describe() sheets with the stored numbers', async () => {
    const out = join(dir, 'results.xlsx');
    expect(rnnlab(['export', '1', '--format', 'xlsx', '--db', db]).stderr).toBe('rnnlab: --format xlsx writes a binary file; give --out, e.g. --out results.xlsx\n');
    expect(rnnlab(['export', '1', '--format', 'xlsx', '--out', out, '--db', db]).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['results', 'describe rmse', 'describe mae', 'describe mape']);
    const sheet = book.getWorksheet('results')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['kind', 'config', 'repeat', 'seed', 'rmse']);
    const d = new Database(db, { readonly: true });
    const stored = d.prepare(`SELECT t.seed, m.value FROM trials t JOIN trial_metrics m ON m.trial_id = t.id WHERE t.experiment_id = 1 AND m.name = 'rmse' ORDER BY t.repeat_index`).all() as { seed: number; value: number }[];
    d.close();
    for (const [k, s] of stored.entries()) {
      const row = sheet.getRow(k + 2);
      expect(row.getCell(1).value).toBe('repeat');
      expect(row.getCell(4).value).toBe(s.seed);
      expect(row.getCell(5).value).toBe(s.value); // numbers as numbers, bit for bit
    }
  });
});
