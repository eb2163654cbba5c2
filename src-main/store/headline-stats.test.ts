import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGrid } from '../contract/grid.js';
import { parseSpec } from '../contract/validate.js';
import { SqliteExperimentStore } from './sqlite-store.js';

const base = {
  name: 'grid',
  data: { kind: 'csv', path: '/x.csv', column: 'v' },
  preprocessing: [{ supervised: {} }],
  model: { layers: [{ lstm: { units: 1 } }, { dense: { units: 1 } }] },
  training: { epochs: 1 },
  evaluation: { protocol: 'walk-forward', testSize: 1 },
  repeats: 3,
  seed: 1,
};

/** Stores an experiment of `configs` configurations × 3 repeats and finishes each trial with `rmse[c][r]`. */
function stored(grid: Record<string, unknown[]>, rmse: number[][], headline = 'rmse') {
  const store = new SqliteExperimentStore(join(mkdtempSync(join(tmpdir(), 'rnnlab-headline-')), 'h.db'));
  const spec = parseSpec({ ...base, grid }, '');
  const configs = expandGrid(spec);
  const e = store.createExperiment({
    name: 'grid', spec, configs, headline,
    trials: configs.flatMap((_, c) => [0, 1, 2].map((r) => ({ configIndex: c, repeatIndex: r, seed: r }))),
  });
  for (const t of store.listTrials(e.id)) {
    const value = rmse[t.configIndex]?.[t.repeatIndex];
    if (value === undefined) continue;
    const lease = { owner: 'h/1/1/a', pid: 1, ms: 60_000 };
    store.claimTrial(t.id, lease);
    store.finishTrial(t.id, { metrics: { [headline]: value }, predictions: [], engine: 'fused', backend: 'js-f64', durationMs: 1 }, lease.owner);
  }
  return store;
}

describe('the list headline of a grid', () => {
  it("is the best configuration's mean ± std with its label, not the pooled mean", () => {
    // Means: units=1 → 10, units=4 → 5 (best; std of 4, 5, 6 = 1), units=8 → 7. Pooled would be 7.333….
    const store = stored({ 'model.layers[0].lstm.units': [1, 4, 8] }, [[9, 10, 11], [4, 5, 6], [7, 7, 7]]);
    const e = store.listExperiments()[0]!;
    expect(e.mean).toBeCloseTo(5, 12);
    expect(e.std).toBeCloseTo(1, 12);
    expect(e.best).toEqual({ configIndex: 1, label: 'units=4', n: 3, configs: 3 });
    store.close();
  });

  it('takes the highest mean for accuracies, and ignores configurations with nothing finished', () => {
    const store = stored({ 'model.layers[0].lstm.units': [1, 4], 'training.epochs': [1, 2] }, [[0.5, 0.6, 0.7], [], [0.9, 0.8], []], 'accuracy');
    const e = store.listExperiments()[0]!;
    expect(e.mean).toBeCloseTo(0.85, 12);
    expect(e.std).toBeCloseTo(Math.SQRT1_2 * 0.1, 12);
    expect(e.best).toEqual({ configIndex: 2, label: 'units=4, epochs=1', n: 2, configs: 4 });
    store.close();
  });

  it('is the plain mean without a grid (best is null)', () => {
    const store = stored({}, [[1, 2, 6]]);
    expect(store.listExperiments()[0]).toMatchObject({ mean: 3, best: null });
    store.close();
  });
});
