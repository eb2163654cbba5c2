import { createRng, deriveSeed, permutation } from './rng.js';

/** Row indices of a train/test split. */
export interface Split {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * A seeded, stratified hold-out split: within each class, a seeded permutation puts round(n_c · testFraction)
 * rows in the test set. Disjoint, covering, and the same for the same seed, labels and fraction.
 * Both index lists come out in ascending order.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): Split {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byClass.get(labels[i]!) ?? [];
    rows.push(i);
    byClass.set(labels[i]!, rows);
  }
  const rng = createRng(seed, 'split');
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(cls)!;
    const order = permutation(rows.length, rng);
    const nTest = Math.round(rows.length * testFraction);
    order.forEach((k, i) => (i < nTest ? test : train).push(rows[k]!));
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), test: Int32Array.from(test.sort((a, b) => a - b)) };
}

/** A seeded random split without classes: the first round(n · testFraction) of a permutation are test rows. */
export function randomSplit(n: number, testFraction: number, seed: number): Split {
  const order = permutation(n, createRng(seed, 'split'));
  const nTest = Math.round(n * testFraction);
  return {
    train: Int32Array.from(order.slice(nTest)).sort(),
    test: Int32Array.from(order.slice(0, nTest)).sort(),
  };
}

/** Rows `rows` of a row-major array with `width` values per row. */
export function takeRows(values: ArrayLike<number>, width: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < width; j++) out[i * width + j] = values[r * width + j]!;
  }
  return out;
}

/**
 * The seed that shuffles repeat `repeat`'s folds under master seed `seed`. It does not depend on the
 * configuration (configuration −1 of {@link deriveSeed} is a stream no configuration uses), so every
 * configuration of a grid is scored on the same folds and trials pair by (repeat, fold).
 */
export function foldSplitSeed(seed: number, repeat: number): number {
  return deriveSeed(seed, -1, repeat);
}

/**
 * The fold (0 … folds−1) of every row for one repeat of K-fold cross-validation. A seeded permutation orders
 * the rows — within each class, classes in ascending order, when `labels` are given (stratified) — and the
 * rows are dealt to folds 0, 1, …, K−1, 0, 1, … in that order, one counter running across classes. So fold
 * sizes differ by at most 1 overall and, when stratified, by at most 1 within every class. `n` rows when
 * `labels` is undefined. Deterministic per seed.
 */
export function foldAssignment(n: number, folds: number, seed: number, labels?: ArrayLike<number>): Int32Array {
  const rng = createRng(seed, 'folds');
  let order: number[];
  if (labels) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const rows = byClass.get(labels[i]!) ?? [];
      rows.push(i);
      byClass.set(labels[i]!, rows);
    }
    order = [...byClass.keys()].sort((a, b) => a - b).flatMap((cls) => {
      const rows = byClass.get(cls)!;
      return Array.from(permutation(rows.length, rng), (k) => rows[k]!);
    });
  } else order = Array.from(permutation(n, rng));
  const fold = new Int32Array(n);
  order.forEach((row, i) => (fold[row] = i % folds));
  return fold;
}

/** Fold `k` of an assignment as a split: its rows are the test set, every other row trains (both ascending). */
export function foldSplit(assignment: Int32Array, k: number): Split {
  const train: number[] = [];
  const test: number[] = [];
  assignment.forEach((f, row) => (f === k ? test : train).push(row));
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
