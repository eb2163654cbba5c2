import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import type { TrialOutcome } from '../contract/results.js';
import { deriveSeed } from '../common/rng.js';
import type { RunnerEvent } from './events.js';
import { planTrials } from './plan.js';
import { TrialPool } from './trial-pool.js';

const spec = parseSpec({
  name: 'seed-check',
  data: { kind: 'csv', path: new URL('../../data/shampoo-sales.csv', import.meta.url).pathname, column: 'Sales' },
  preprocessing: [{ difference: {} }, { supervised: {} }, { minmax: {} }],
  model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
  training: { epochs: 15 },
  evaluation: { protocol: 'walk-forward', testSize: 12 },
  repeats: 30,
  seed: 11,
  engine: 'tfjs',
  backend: 'cpu',
});

const pool = new TrialPool({ workers: 2 });
afterAll(() => pool.close());

async function runSeeds(seeds: number[]): Promise<Map<number, TrialOutcome>> {
  const outcomes = new Map<number, TrialOutcome>();
  const events: RunnerEvent[] = [];
  await pool.run(
    seeds.map((seed, i) => ({ trialId: i, seed, config: spec })),
    (e) => {
      events.push(e);
      if (e.type === 'trial-done') outcomes.set(e.trialId, e.outcome);
      if (e.type === 'trial-failed') throw new Error(e.error.message);
    },
  );
  // Per-epoch losses streamed for every epoch of every trial, before each trial's result.
  const epochs = events.filter((e) => e.type === 'epochs').flatMap((e) => (e.type === 'epochs' ? e.epochs : []));
  expect(epochs).toHaveLength(seeds.length * 15);
  return outcomes;
}

describe('seeded repeats in worker threads', () => {
  it('gives every repeat its own recorded seed', () => {
    const seeds = planTrials(spec, 1).map((t) => t.seed);
    expect(new Set(seeds).size).toBe(30);
    expect(seeds[3]).toBe(deriveSeed(11, 0, 3));
  });

  it('shares per-repeat seeds across the configurations of a grid (per-repeat scheme), unless the old scheme is stored', () => {
    const grid = parseSpec({ ...spec, grid: { 'model.layers[0].lstm.units': [1, 4, 8] } }, '');
    expect(grid.seedScheme).toBe('per-repeat');
    const trials = planTrials(grid, 3);
    const seedsOf = (c: number) => trials.filter((t) => t.configIndex === c).map((t) => t.seed);
    expect(seedsOf(1)).toEqual(seedsOf(0));
    expect(seedsOf(2)).toEqual(seedsOf(0));
    // Configuration 0 keeps the seeds of before, so ungridded experiments plan exactly as they always did.
    expect(seedsOf(0)[5]).toBe(deriveSeed(11, 0, 5));
    const legacy = planTrials({ ...grid, seedScheme: 'per-configuration' }, 3);
    expect(legacy.filter((t) => t.configIndex === 2).map((t) => t.seed)[5]).toBe(deriveSeed(11, 2, 5));
    expect(legacy.filter((t) => t.configIndex === 2).map((t) => t.seed)[5]).not.toBe(seedsOf(2)[5]);
  });

  it('the same seed gives the same RMSE bit for bit; another seed does not', async () => {
    const [a, b] = planTrials(spec, 1).map((t) => t.seed);
    const out = await runSeeds([a!, a!, b!]);
    expect(out.get(0)!.metrics.rmse).toBe(out.get(1)!.metrics.rmse);
    expect(out.get(0)!.predictions).toEqual(out.get(1)!.predictions);
    expect(out.get(2)!.metrics.rmse).not.toBe(out.get(0)!.metrics.rmse);
    expect(out.get(0)!.backend).toBe('cpu');
    expect(out.get(0)!.engine).toBe('tfjs');
  });
});
