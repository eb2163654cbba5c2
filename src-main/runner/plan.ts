import { crossValidationOf, type ExperimentSpec } from '../contract/spec.js';
import type { PlannedTrial } from '../contract/results.js';
import { deriveSeed } from '../common/rng.js';
import { foldSplitSeed } from '../common/split.js';


// Grids expand in the contract (the renderer's grid editor and heatmaps read them the same way); re-exported here
// for the runner's and services' existing imports.
export { configLabel, expandGrid } from '../contract/grid.js';

/**
 * Every trial of an experiment: configurations × repeats. Under the spec's `seedScheme` 'per-repeat' repeat r's
 * seed is `deriveSeed(seed, 0, r)` for every configuration (common random numbers: configurations pair by repeat;
 * configuration 0 keeps the seeds it always had); 'per-configuration' is the old `deriveSeed(seed, config, repeat)`.
 * Under cross-validation with K folds: configurations × repeats × K, trial k of repeat r initialised with
 * `deriveSeed(seed, stream, r·K + k)` and every fold of repeat r split by `foldSplitSeed(seed, r)`.
 */
export function planTrials(spec: ExperimentSpec, configCount: number): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  const cv = crossValidationOf(spec);
  for (let c = 0; c < configCount; c++) {
    const stream = spec.seedScheme === 'per-configuration' ? c : 0;
    for (let r = 0; r < spec.repeats; r++) {
      if (!cv) {
        trials.push({ configIndex: c, repeatIndex: r, seed: deriveSeed(spec.seed, stream, r) });
        continue;
      }
      const splitSeed = foldSplitSeed(spec.seed, r);
      for (let k = 0; k < cv.folds; k++) trials.push({ configIndex: c, repeatIndex: r, fold: k, seed: deriveSeed(spec.seed, stream, r * cv.folds + k), splitSeed });
    }
  }
  return trials;
}
