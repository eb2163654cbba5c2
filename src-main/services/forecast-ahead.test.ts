import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { TrainedModels } from './trained-models.js';

// Forecasting past the end with a kept model. Oracles: walking the experiment's own series reproduces each
// repeat's stored test forecasts, and a series cut one month short forecasts that month exactly as the trial did.
const root = appRoot(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-ahead-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
const models = new TrainedModels(store);
let id = 0;
beforeAll(async () => {
  const e = await service.createExperiment(JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8')), { specDir: join(root, 'experiments'), overrides: { repeats: 2, epochs: 40 } });
  expect(await service.run(e.id)).toBe('done');
  id = e.id;
}, 120_000);
afterAll(async () => {
  await pool.close();
  store.close();
});

const csv = readFileSync(join(root, 'data/shampoo-sales.csv'), 'utf8').trim().split('\n');

describe('forecasting past the end of a series', () => {
  it("walks the series like the trial's evaluation and forecasts the months after it, per repeat", async () => {
    const f = await models.forecast(id, { repeats: [1, 2] }, 6);
    expect(f.observed).toBe(36);
    for (const [k, trial] of store.listTrials(id).entries()) {
      const test = store.predictions(trial.id).filter((p) => p.split === 'test');
      const rmse = Math.sqrt(test.reduce((s, p) => s + (p.predicted - p.actual) ** 2, 0) / test.length);
      expect(f.repeats[k]!.walkRmse).toBeCloseTo(rmse, 9); // the walk over months 25–36 is the trial's test walk
      expect(f.repeats[k]!.ahead).toHaveLength(6);
      expect(f.repeats[k]!.ahead.every(Number.isFinite)).toBe(true);
    }
    expect(f.repeats[0]!.ahead).not.toEqual(f.repeats[1]!.ahead);
  });

  it('a series one month short forecasts that month as the trial did', async () => {
    const short = join(dir, 'short.csv');
    writeFileSync(short, `${csv.slice(0, -1).join('\n')}\n`);
    const f = await models.forecast(id, { repeats: [2] }, 1, short);
    expect(f.observed).toBe(35);
    const last = store.predictions(store.listTrials(id)[1]!.id).find((p) => p.split === 'test' && p.step === 35)!;
    expect(f.repeats[0]!.ahead[0]).toBeCloseTo(last.predicted, 9);
  });

  it('refuses what it cannot forecast in one line', async () => {
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, `${csv.slice(0, 10).join('\n')}\n`);
    await expect(models.forecast(id, { repeats: [1] }, 3, tiny)).rejects.toThrow(/tiny\.csv: 9 values, but the model's training rows alone cover 24; give the whole series/);
  });
});
