import { mean, variance } from 'd3-array';
import { LabError } from '../contract/errors.js';
import { requireFinite } from './checks.js';
import { tTestFrom, type TTestResult } from './t-test.js';

/** Sizes of the training and test parts of one cross-validation fold (counts of examples). */
export interface FoldSizes {
  readonly nTrain: number;
  readonly nTest: number;
}

/**
 * Nadeau & Bengio's corrected resampled t test, as Weka's Experimenter computes it (PairedCorrectedTTester):
 * over the k paired differences d (one per (repeat, fold), A − B on the same split),
 * t = mean(d) / √((1/k + nTest/nTrain)·var(d)) on k − 1 df. The extra nTest/nTrain term accounts for the
 * overlap of training sets between folds, which makes the plain paired t test far too liberal.
 * NaN t, p and CI below 2 differences; a LabError when the fold sizes are not positive.
 */
export function correctedResampledT(differences: readonly number[], sizes: FoldSizes, level = 0.95): TTestResult {
  requireFinite(differences, 'correctedResampledT: differences');
  if (!(sizes.nTrain > 0 && sizes.nTest > 0)) {
    throw new LabError('REQUEST_INVALID', `correctedResampledT: nTrain (${sizes.nTrain}) and nTest (${sizes.nTest}) must be positive counts of examples`);
  }
  const k = differences.length;
  const meanDiff = mean(differences) ?? NaN;
  if (k < 2) return tTestFrom(meanDiff, NaN, NaN, level);
  const se = Math.sqrt((1 / k + sizes.nTest / sizes.nTrain) * (variance(differences) ?? 0));
  return tTestFrom(meanDiff, se, k - 1, level);
}
