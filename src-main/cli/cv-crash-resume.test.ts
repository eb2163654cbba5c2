import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rnnlab, startRnnlab } from '../../testing/cli/run-cli.js';
import { SEED_000_LAYERS, writeTokenSequences } from '../../testing/cv/token-sequences.js';

// A cross-validated run killed midway (SIGKILL: no cleanup), then resumed: the trials finished before the kill
// stay byte for byte, and only the missing (repeat, fold) trials run — each exactly once.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-cv-crash-'));
const db = join(dir, 'lab.db');
const specPath = join(dir, 'cv.json');
writeFileSync(
  specPath,
  JSON.stringify({
    name: 'cv-crash',
    data: { kind: 'sequences', path: writeTokenSequences(join(dir, 'tokens.csv'), 60, 8), format: 'csv-wide', id: 'id', features: ['tok'], label: 'label' },
    model: { layers: SEED_000_LAYERS(0.2) },
    // Enough epochs (~1 s a trial on one worker) to be killed between trials.
    training: { epochs: 40, batchSize: 8, loss: 'sparseCategoricalCrossentropy', optimizer: { rmsprop: {} } },
    evaluation: { protocol: 'cross-validation', task: 'classification', folds: 3 },
    repeats: 2,
    seed: 5,
  }),
);

interface Row {
  id: number;
  repeat_index: number;
  fold: number;
  status: string;
  attempts: number;
}
function rows(): Row[] {
  try {
    const sql = new Database(db, { readonly: true });
    try {
      return sql.prepare(`SELECT id, repeat_index, fold, status, attempts FROM trials ORDER BY repeat_index, fold`).all() as Row[];
    } finally {
      sql.close();
    }
  } catch {
    return [];
  }
}
/** The finished trials with their metrics, artifacts and curves: what a resume must not touch. */
function finished(): unknown[] {
  const sql = new Database(db, { readonly: true });
  try {
    return sql
      .prepare(`SELECT t.*, (SELECT json_group_array(json_array(name, value)) FROM trial_metrics WHERE trial_id = t.id) AS m,
                       (SELECT group_concat(json) FROM trial_artifacts WHERE trial_id = t.id) AS a,
                       (SELECT group_concat(values_json) FROM epoch_chunks WHERE trial_id = t.id) AS e
                  FROM trials t WHERE status = 'done' ORDER BY id`)
      .all();
  } finally {
    sql.close();
  }
}

describe('cross-validation: a crash midway, then resume', () => {
  it('redoes only the missing (repeat, fold) trials', async () => {
    const child = startRnnlab(['run', specPath, '--workers', '1', '--db', db, '--no-progress']);
    const deadline = Date.now() + 120_000;
    while (rows().filter((r) => r.status === 'done').length < 2 || !rows().some((r) => r.status === 'running')) {
      if (Date.now() > deadline) throw new Error(`run never reached 2 done + 1 running: ${JSON.stringify(rows())}`);
      await sleep(25);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = finished() as { id: number }[];
    const crashed = rows();
    expect(crashed.map((r) => [r.repeat_index, r.fold])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    const done = new Set(crashed.filter((r) => r.status === 'done').map((r) => r.id));
    expect(done.size).toBeGreaterThanOrEqual(2);
    expect(done.size).toBeLessThan(6);

    const resumed = rnnlab(['resume', 'cv-crash', '--db', db, '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout.trim().split('\n').pop()!) as { status: string; trials: { repeat: number; fold: number; splitSeed: number }[]; perRepeat: unknown[] };
    expect(result.status).toBe('done');
    expect(result.trials.map((t) => [t.repeat, t.fold])).toEqual([[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    expect(result.perRepeat).toHaveLength(2 * 2); // 2 repeats × (accuracy, loss)
    const after = rows();
    expect(after.every((r) => r.status === 'done')).toBe(true);
    // Finished trials were not claimed again (one attempt, rows unchanged); the killed one ran a second time.
    for (const r of after) expect(r.attempts, `trial ${r.repeat_index}/${r.fold}`).toBe(done.has(r.id) || crashed.find((c) => c.id === r.id)!.status === 'queued' ? 1 : 2);
    expect((finished() as { id: number }[]).filter((r) => done.has(r.id))).toEqual(before);
  });
});
