import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { rnnlab, startRnnlab } from '../../testing/cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-crash-'));
const db = join(dir, 'lab.db');

/** Rows of the finished trials with their metrics and predictions: what a resume must not touch. */
function finishedSnapshot(): unknown {
  const sql = new Database(db, { readonly: true });
  try {
    return sql
      .prepare(`SELECT t.*, (SELECT json_group_array(json_array(name, value)) FROM trial_metrics WHERE trial_id = t.id) AS m,
                       (SELECT json_group_array(json_array(split, step, predicted)) FROM predictions WHERE trial_id = t.id) AS p,
                       (SELECT group_concat(values_json) FROM epoch_chunks WHERE trial_id = t.id) AS e
                  FROM trials t WHERE status = 'done' ORDER BY id`)
      .all();
  } finally {
    sql.close();
  }
}

function statuses(): string[] {
  if (!existsSync(db)) return [];
  const sql = new Database(db, { readonly: true });
  try {
    return (sql.prepare(`SELECT status FROM trials ORDER BY repeat_index`).all() as { status: string }[]).map((r) => r.status);
  } catch {
    return [];
  } finally {
    sql.close();
  }
}

describe('a crash midway, then resume', () => {
  it('keeps finished repeats untouched and runs only the missing ones', async () => {
    // tfjs on one worker: slow enough (~1 s a repeat) to be killed between repeats.
    const child = startRnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '4', '--epochs', '60', '--engine', 'tfjs', '--backend', 'cpu', '--workers', '1', '--db', db, '--no-progress']);
    const deadline = Date.now() + 120_000;
    while (statuses().filter((s) => s === 'done').length < 2 || !statuses().includes('running')) {
      if (Date.now() > deadline) throw new Error(`run never reached 2 done + 1 running: ${statuses().join(',')}`);
      await sleep(25);
    }
    child.kill('SIGKILL'); // a crash: no cleanup, no signal handler
    await new Promise((resolve) => child.once('exit', resolve));

    const before = finishedSnapshot();
    const crashed = statuses();
    expect(crashed.filter((s) => s === 'done').length).toBeGreaterThanOrEqual(2);
    expect(crashed).toContain('running');

    // Reopening recovers: the dead process's running trial becomes interrupted.
    const resumed = rnnlab(['resume', 'shampoo-lstm', '--db', db, '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout.trim().split('\n').pop()!);
    expect(result.status).toBe('done');
    expect(statuses()).toEqual(['done', 'done', 'done', 'done']);
    // The repeats finished before the crash are byte-for-byte what they were.
    const after = finishedSnapshot() as { id: number }[];
    const ids = new Set((before as { id: number }[]).map((r) => r.id));
    expect(after.filter((r) => ids.has(r.id))).toEqual(before);

    const store = new SqliteExperimentStore(db);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });
});

describe('Ctrl-C', () => {
  it('stops cleanly: running repeats interrupted, finished kept, exit code 130, resume hint', async () => {
    const path = join(dir, 'sigint.db');
    const child = startRnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '3', '--epochs', '400', '--engine', 'tfjs', '--backend', 'cpu', '--workers', '1', '--db', path, '--no-progress']);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 60_000;
    const running = () => {
      if (!existsSync(path)) return false;
      const sql = new Database(path, { readonly: true });
      try {
        return (sql.prepare(`SELECT COUNT(*) AS n FROM trials WHERE status = 'running'`).get() as { n: number }).n > 0;
      } catch {
        return false;
      } finally {
        sql.close();
      }
    };
    while (!running()) {
      if (Date.now() > deadline) throw new Error('run never started');
      await sleep(25);
    }
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopping; finished repeats are kept\. Continue later with: rnnlab resume \d+/);
    const sql = new Database(path, { readonly: true });
    const rows = sql.prepare(`SELECT status FROM trials ORDER BY repeat_index`).all() as { status: string }[];
    sql.close();
    expect(rows.map((r) => r.status)).toEqual(['interrupted', 'queued', 'queued']);
  });
});
