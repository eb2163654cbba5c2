import { createRng, permutation } from './rng.js';

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
