import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { mannWhitney } from '../stats/mann-whitney.js';
import { planTrials } from './plan.js';
import { TrialPool } from './trial-pool.js';

const pool = new TrialPool({ workers: 2 });
afterAll(() => pool.close());

async function rmses(engine: 'tfjs' | 'fused'): Promise<{ values: number[]; engines: Set<string> }> {
  const spec = parseSpec({
    name: `agree-${engine}`,
    data: { kind: 'csv', path: new URL('../../data/shampoo-sales.csv', import.meta.url).pathname, column: 'Sales' },
    preprocessing: [{ difference: {} }, { supervised: {} }, { minmax: {} }],
    model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
    training: { epochs: 25 },
    evaluation: { protocol: 'walk-forward', testSize: 12 },
    repeats: 30,
    seed: 2024,
    engine,
    backend: 'cpu',
  });
  const values: number[] = [];
  const engines = new Set<string>();
  await pool.run(
    planTrials(spec, 1).map((t, i) => ({ trialId: i, seed: t.seed, config: spec })),
    (e) => {
      if (e.type === 'trial-done') {
        values.push(e.outcome.metrics.rmse!);
        engines.add(e.outcome.engine);
      }
      if (e.type === 'trial-failed') throw new Error(e.error.message);
    },
  );
  return { values, engines };
}

describe('the fused and tfjs engines are the same mathematics', () => {
  it('30 shampoo repeats on each engine: Mann–Whitney cannot tell the RMSE distributions apart at p = 0.01', async () => {
    const fused = await rmses('fused');
    const tfjs = await rmses('tfjs');
    expect([...fused.engines]).toEqual(['fused']);
    expect([...tfjs.engines]).toEqual(['tfjs']);
    expect(fused.values).toHaveLength(30);
    expect(tfjs.values).toHaveLength(30);
    const { pValue } = mannWhitney(fused.values, tfjs.values);
    console.log(`Mann–Whitney p = ${pValue.toFixed(4)} (fused median ${median(fused.values).toFixed(3)}, tfjs median ${median(tfjs.values).toFixed(3)})`);
    expect(pValue).toBeGreaterThan(0.01);
  });
});

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}
