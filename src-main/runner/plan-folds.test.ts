import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/rng.js';
import { foldSplitSeed } from '../common/split.js';
import { parseSpec } from '../contract/validate.js';
import { expandGrid, planTrials } from './plan.js';

describe('planning cross-validated trials', () => {
  it('plans configurations × repeats × folds; every configuration gets the same folds per repeat (paired)', () => {
    const spec = parseSpec({
      name: 'cv-grid',
      data: { kind: 'varlen-sum' },
      model: { layers: [{ lstm: { units: 2 } }, { dense: { units: 1 } }] },
      training: { epochs: 1 },
      evaluation: { protocol: 'cross-validation', task: 'regression', folds: 3 },
      repeats: 2,
      seed: 17,
      grid: { 'model.layers[0].lstm.units': [2, 4] },
    }, '');
    const trials = planTrials(spec, expandGrid(spec).length);
    expect(trials.map((t) => [t.configIndex, t.repeatIndex, t.fold])).toEqual([0, 1].flatMap((c) => [0, 1].flatMap((r) => [0, 1, 2].map((k) => [c, r, k]))));
    // Per-repeat seeds (the default): every configuration's (repeat, fold) trial starts from the same seed.
    for (const t of trials) {
      expect(t.splitSeed).toBe(foldSplitSeed(17, t.repeatIndex));
      expect(t.seed).toBe(deriveSeed(17, 0, t.repeatIndex * 3 + t.fold!));
    }
    expect(new Set(trials.map((t) => t.seed)).size).toBe(6);
    const old = planTrials(parseSpec({ ...spec, seedScheme: 'per-configuration' }, ''), 2);
    for (const t of old) expect(t.seed).toBe(deriveSeed(17, t.configIndex, t.repeatIndex * 3 + t.fold!));
    expect(new Set(old.map((t) => t.seed)).size).toBe(12);
    expect(new Set(trials.map((t) => t.splitSeed)).size).toBe(2);
    // Other protocols plan one trial per repeat, without a fold.
    const holdout = parseSpec({ ...spec, grid: {}, evaluation: { protocol: 'holdout-regression' } }, '');
    expect(planTrials(holdout, 1)).toEqual([0, 1].map((r) => ({ configIndex: 0, repeatIndex: r, seed: deriveSeed(17, 0, r) })));
  });
});
