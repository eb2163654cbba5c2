import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';
import { forecastTable as tableRows } from './prediction-table.js';
import { TrainedModels } from './trained-models.js';

// Forecasting a table past its end with kept models. Oracles: the walk over the experiment's own rows is the
// trial's test walk (its RMSE is the stored rmse:<target>), and a table cut H rows short forecasts those rows
// exactly as the trial did (within the horizon every window reads observed rows only).
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-table-ahead-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
const models = new TrainedModels(store);
afterAll(async () => {
  await pool.close();
  store.close();
});

const x = Array.from({ length: 60 }, (_, i) => Math.round(100 * (10 + 3 * Math.sin(i / 4) + (i % 5) / 10)) / 100);
const y = x.map((v, i) => Math.round(100 * (0.5 * (x[i - 1] ?? v) + 2)) / 100);
const lines = x.map((v, i) => `w${i + 1},${v},${y[i]}`);
const csv = join(dir, 'weekly.csv');
writeFileSync(csv, `week,x,y\n${lines.join('\n')}\n`);

async function trained(name: string, targets: string[], horizon: number) {
  const e = await service.createExperiment({
    name,
    repeats: 2,
    seed: 4,
    data: { kind: 'table', path: csv, time: 'week', features: ['x', 'y'], targets },
    preprocessing: [{ difference: { interval: horizon } }, { supervised: { lag: 3, horizon } }, { minmax: {} }],
    model: { layers: [{ lstm: { units: 4 } }, { dense: { units: targets.length } }] },
    training: { epochs: 4, batchSize: 8 },
    evaluation: { protocol: 'walk-forward', testSize: 10 },
  });
  expect(await service.run(e.id)).toBe('done');
  return e.id;
}

describe('forecasting a table past its end', () => {
  it('every feature a target: the walk is the trial’s test walk, then rows ahead for each target', async () => {
    const id = await trained('both', ['y', 'x'], 1);
    const f = await models.forecast(id, { repeats: [1, 2] }, 5);
    expect(f.targets).toEqual(['y', 'x']);
    expect(f.observed).toBe(60);
    for (const [k, trial] of store.listTrials(id).entries()) {
      const r = f.repeats[k]!;
      expect(r.byTarget!.map((t) => t.name)).toEqual(['y', 'x']);
      expect(r.byTarget![0]!.walkRmse).toBeCloseTo(trial.metrics['rmse:y']!, 9);
      expect(r.byTarget![1]!.walkRmse).toBeCloseTo(trial.metrics['rmse:x']!, 9);
      expect(r.ahead).toEqual(r.byTarget![0]!.ahead);
      expect(r.byTarget!.every((t) => t.ahead.length === 5 && t.ahead.every(Number.isFinite))).toBe(true);
    }
    const table = tableRows(f);
    expect(table.columns).toEqual(['step', 'target', 'repeat 1', 'repeat 2', 'mean', 'std', 'min', 'max']);
    expect(table.rows.slice(0, 2).map((row) => row.slice(0, 2))).toEqual([['+1', 'y'], ['+1', 'x']]);
    expect(table.rows).toHaveLength(5 * 2 + 2);
  });

  it('within the horizon a table cut short forecasts the cut rows as the trial did; past it an input-only column is refused', async () => {
    const id = await trained('y-only', ['y'], 2);
    const short = join(dir, 'short.csv');
    writeFileSync(short, `week,x,y\n${lines.slice(0, -2).join('\n')}\n`);
    const f = await models.forecast(id, { repeats: [2] }, 2, short);
    expect(f.observed).toBe(58);
    const trial = store.listTrials(id)[1]!;
    const test = store.predictions(trial.id).filter((p) => p.split === 'test' && p.step >= 58).map((p) => p.predicted);
    expect(test).toHaveLength(2);
    f.repeats[0]!.ahead.forEach((v, i) => expect(v).toBeCloseTo(test[i]!, 9));
    await expect(models.forecast(id, { repeats: [2] }, 3)).rejects.toThrow('--steps 3: past 2 steps ahead (the horizon) the model would need future values of "x", which it does not forecast; use --steps 2 or make them targets too');
  });
});
