import { foldAssignment, foldSplit, foldSplitSeed, type Split } from '../../common/split.js';
import { LabError, quoteValue } from '../../contract/errors.js';
import type { CrossValidation } from '../../contract/spec.js';
import type { FoldRef } from './types.js';

/** The classes of labeled sequences, for stratified folds and their messages. */
export interface FoldClasses {
  /** Class index per sequence. */
  readonly labels: Int32Array;
  readonly names: readonly string[];
}

/** One cross-validated trial's split and what is recorded with it. */
export interface FoldSplit extends Split {
  readonly record: Readonly<Record<string, unknown>>;
}

/**
 * Checks that every repeat's folds can be drawn from `n` sequences — at least one sequence per fold; under
 * `stratified`, at least one sequence of every class per fold (with fewer, some fold holds none of it, for any
 * shuffle) — and returns the split of `fold` (fold 0 of repeat 0 when omitted: the checks before storing).
 * The folds of one repeat are a function of its split seed alone, so its K trials partition the same shuffle.
 * Throws LabError naming `evaluation.folds` or `evaluation.stratified` and the fix.
 */
export function crossValidationSplit(cv: CrossValidation, n: number, source: string, masterSeed: number, fold: FoldRef | undefined, classes?: FoldClasses): FoldSplit {
  const k = cv.folds;
  if (n < k) {
    throw new LabError('DATA_INVALID', `evaluation.folds: ${source} holds ${n} sequence${n === 1 ? '' : 's'}, fewer than the ${k} folds (each fold holds out at least one); use "folds": ${Math.max(2, n)} or fewer, or add sequences`);
  }
  const stratified = cv.stratified && classes !== undefined;
  if (stratified) {
    const counts = new Array<number>(classes.names.length).fill(0);
    for (const l of classes.labels) counts[l]!++;
    const fewest = counts.reduce((best, c, i) => (c < counts[best]! ? i : best), 0);
    if (counts[fewest]! < k) {
      const name = quoteValue(classes.names[fewest]!);
      const c = counts[fewest]!;
      throw new LabError(
        'DATA_INVALID',
        `evaluation.stratified: class ${name} has ${c} sequence${c === 1 ? '' : 's'} in ${source}, fewer than the ${k} folds, so ${k - c} fold${k - c === 1 ? '' : 's'} would hold no ${name}; use "folds": ${Math.max(2, c)} or fewer, add sequences of ${name}, or set "stratified": false`,
      );
    }
  }
  const at = fold ?? { repeat: 0, fold: 0, splitSeed: foldSplitSeed(masterSeed, 0) };
  if (!(at.fold >= 0 && at.fold < k)) throw new LabError('INTERNAL', `crossValidationSplit: fold ${at.fold} of ${k} folds`);
  const split = foldSplit(foldAssignment(n, k, at.splitSeed, stratified ? classes.labels : undefined), at.fold);
  return {
    ...split,
    record: {
      kind: stratified ? 'stratified k-fold' : 'k-fold',
      seed: at.splitSeed,
      repeat: at.repeat,
      fold: at.fold,
      folds: k,
      train: split.train.length,
      test: split.test.length,
    },
  };
}
