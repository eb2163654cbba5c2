import type { Vec } from '../types.js';

/** probs = softmax(logits) over each of rows [first, first + count) of `cols` values (max-shifted). */
export function softmaxRows(logits: Vec, probs: Vec, first: number, count: number, cols: number): void {
  for (let r = first; r < first + count; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (logits[o + j]! > max) max = logits[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(logits[o + j]! - max);
    for (let j = 0; j < cols; j++) probs[o + j] = Math.exp(logits[o + j]! - max) / sum;
  }
}

/**
 * The label of a scored character whose reference the vocabulary does not hold (a held-out pair's character the
 * training pairs never had): it counts among the scored characters and is never right, and, as its zero one-hot
 * row does in Keras and tfjs, adds no loss and no gradient — the contract's denominator (types.ts PairTensors).
 */
export const UNKNOWN_LABEL = -2;

/** What {@link scoredCrossEntropy} returns: summed loss, scored characters and argmax hits among them. */
export interface ScoredSums {
  readonly lossSum: number;
  readonly count: number;
  readonly correct: number;
}

/**
 * Categorical cross-entropy over the scored rows of a softmax output: `labels[r]` is row r's reference class,
 * −1 for a row that is not scored (padding, or past a target's last predicted character), {@link UNKNOWN_LABEL}
 * for a scored row with an unknown reference. The loss of a row is
 * log Σ exp(z) − z_label (from the logits, so a confident wrong answer stays finite). With `dLogits`, writes the
 * gradient of the batch's mean loss (1/count·(p − onehot) on scored rows, 0 elsewhere). Accuracy: the argmax
 * (first maximum) equals the label.
 */
export function scoredCrossEntropy(logits: Vec, probs: Vec, labels: Int32Array, rows: number, cols: number, dLogits: Vec | null): ScoredSums {
  let count = 0;
  for (let r = 0; r < rows; r++) if (labels[r]! >= 0 || labels[r] === UNKNOWN_LABEL) count++;
  let lossSum = 0;
  let correct = 0;
  const scale = count > 0 ? 1 / count : 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const label = labels[r]!;
    if (label < 0) {
      if (dLogits !== null) dLogits.fill(0, o, o + cols);
      continue;
    }
    let max = -Infinity;
    let arg = 0;
    for (let j = 0; j < cols; j++) {
      if (logits[o + j]! > max) {
        max = logits[o + j]!;
        arg = j;
      }
    }
    let se = 0;
    for (let j = 0; j < cols; j++) se += Math.exp(logits[o + j]! - max);
    lossSum += max + Math.log(se) - logits[o + label]!;
    if (arg === label) correct++;
    if (dLogits !== null) for (let j = 0; j < cols; j++) dLogits[o + j] = scale * (probs[o + j]! - (j === label ? 1 : 0));
  }
  return { lossSum, count, correct };
}
