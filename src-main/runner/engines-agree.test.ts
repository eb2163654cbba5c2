import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentSpec } from '../contract/spec.js';
import { parseSpec } from '../contract/validate.js';
import { planTrials } from './plan.js';
import { TrialPool } from './trial-pool.js';

// The fused engine (Float64) and tfjs (float32) trained on the same seeds — same initial weights, same data order,
// same state resets — must give the same test RMSE per seed, not merely similar distributions: a rank test on the
// repeats would pass a 5 % bias. Per seed |Δrmse| / rmse ≤ 1e-4: what remains is float32 rounding in tfjs,
// accumulated over 25 epochs × 23 Adam steps (measured worst 1.5e-6 over 6 seeds), so the bound keeps a 60× margin and
// anything that changes the training (a weight, a gate, Adam's ε placement, one extra step) fails it.
const REPEATS = 6;
const EPOCHS = 25;
const TOLERANCE = 1e-4;

const pool = new TrialPool({ workers: 2 });
const report: Record<number, { seed: number; fused: number; tfjs: number; relative: number }> = {};
afterAll(async () => {
  console.log(`engines agree per seed, |Δrmse| / rmse (bound ${TOLERANCE}):`, report);
  await pool.close();
});

function spec(engine: 'tfjs' | 'fused'): ExperimentSpec {
  return parseSpec({
    name: `agree-${engine}`,
    data: { kind: 'csv', path: new URL('../../data/shampoo-sales.csv', import.meta.url).pathname, column: 'Sales' },
    preprocessing: [{ difference: {} }, { supervised: {} }, { minmax: {} }],
    model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
    training: { epochs: EPOCHS },
    evaluation: { protocol: 'walk-forward', testSize: 12 },
    repeats: REPEATS,
    seed: 2024,
    engine,
    backend: 'cpu',
  });
}

/** Test RMSE and engine of each trial, by seed. */
async function rmseBySeed(engine: 'tfjs' | 'fused'): Promise<Map<number, { rmse: number; engine: string }>> {
  const config = spec(engine);
  const tasks = planTrials(config, 1).map((t, i) => ({ trialId: i, seed: t.seed, config }));
  const out = new Map<number, { rmse: number; engine: string }>();
  await pool.run(tasks, (e) => {
    if (e.type === 'trial-done') out.set(tasks[e.trialId]!.seed, { rmse: e.outcome.metrics.rmse!, engine: e.outcome.engine });
    if (e.type === 'trial-failed') throw new Error(e.error.message);
  });
  return out;
}

describe('the fused and tfjs engines are the same mathematics', () => {
  it(`${REPEATS} shampoo repeats, paired by seed: |Δrmse| / rmse ≤ ${TOLERANCE} for every seed`, async () => {
    const fused = await rmseBySeed('fused');
    const tfjs = await rmseBySeed('tfjs');
    expect(fused.size).toBe(REPEATS);
    expect([...tfjs.keys()]).toEqual(expect.arrayContaining([...fused.keys()]));
    let worst = 0;
    for (const [seed, f] of fused) {
      const t = tfjs.get(seed)!;
      expect([f.engine, t.engine]).toEqual(['fused', 'tfjs']);
      const relative = Math.abs(f.rmse - t.rmse) / t.rmse;
      report[seed] = { seed, fused: f.rmse, tfjs: t.rmse, relative };
      worst = Math.max(worst, relative);
      expect(relative, `seed ${seed}: fused ${f.rmse}, tfjs ${t.rmse}`).toBeLessThanOrEqual(TOLERANCE);
    }
    // The pairing matters: seeds differ from each other by far more than the engines differ on one seed.
    const values = [...fused.values()].map((v) => v.rmse);
    const spread = (Math.max(...values) - Math.min(...values)) / Math.min(...values);
    expect(spread).toBeGreaterThan(100 * Math.max(worst, TOLERANCE));
  });
});
