import type { FusedLossName, Vec } from './types.js';

/** Loss codes for the hot loop. */
export const enum LossCode {
  Mse = 0,
  Mae = 1,
  Categorical = 2,
  Sparse = 3,
}

/** The code of a loss name. */
export function lossCode(name: FusedLossName): LossCode {
  switch (name) {
    case 'mse':
      return LossCode.Mse;
    case 'mae':
      return LossCode.Mae;
    case 'categoricalCrossentropy':
      return LossCode.Categorical;
    case 'sparseCategoricalCrossentropy':
      return LossCode.Sparse;
  }
}

/** Whether the loss reads one class index per row instead of `cols` values. */
export function isSparse(code: LossCode): boolean {
  return code === LossCode.Sparse;
}

/** Whether the loss is a softmax cross-entropy (needs a softmax output layer, differentiated at its logits). */
export function isCrossEntropy(code: LossCode): boolean {
  return code === LossCode.Categorical || code === LossCode.Sparse;
}

/**
 * The batch loss and its gradient, as Keras computes them.
 *
 * `out` and `target` hold `rows × cols` values (sparse: `target` holds `rows` class indices); `logits` are
 * the softmax layer's inputs for the cross-entropies (unused otherwise). MSE and MAE are means over all
 * rows·cols elements (Keras: mean over the last axis, then over batch and steps — the same number);
 * the cross-entropies are means over rows of −Σ_j y_j·log softmax(z)_j, computed from the logits so that a
 * confident wrong answer gives a large finite loss rather than log(0).
 *
 * Writes into `dOut` (rows × cols) dLoss/dout for MSE/MAE and dLoss/dlogits for the cross-entropies.
 * Returns the loss.
 *
 * `valid` (masking: per-step outputs of variable-length sequences) marks the rows that count: the others get
 * a zero gradient and the means are over valid rows only (0 when none is valid).
 */
export function lossAndGradient(
  code: LossCode, out: Vec, logits: Vec, target: Vec, rows: number, cols: number, dOut: Vec, valid: Uint8Array | null = null,
): number {
  let validCount = rows;
  if (valid !== null) {
    validCount = 0;
    for (let r = 0; r < rows; r++) validCount += valid[r]!;
    for (let r = 0; r < rows; r++) if (valid[r] === 0) dOut.fill(0, r * cols, (r + 1) * cols);
    if (validCount === 0) return 0;
  }
  const count = validCount * cols;
  const all = rows * cols;
  let sum = 0;
  switch (code) {
    case LossCode.Mse: {
      const scale = 2 / count;
      for (let i = 0; i < all; i++) {
        if (valid !== null && valid[(i / cols) | 0] === 0) continue;
        const d = out[i]! - target[i]!;
        sum += d * d;
        dOut[i] = scale * d;
      }
      return sum / count;
    }
    case LossCode.Mae: {
      const scale = 1 / count;
      for (let i = 0; i < all; i++) {
        if (valid !== null && valid[(i / cols) | 0] === 0) continue;
        const d = out[i]! - target[i]!;
        sum += Math.abs(d);
        // |d|' = sign(d), 0 at d = 0 (TensorFlow's convention; tfjs uses −1 there, a measure-zero case).
        dOut[i] = d > 0 ? scale : d < 0 ? -scale : 0;
      }
      return sum / count;
    }
    case LossCode.Categorical:
    case LossCode.Sparse: {
      const scale = 1 / validCount;
      for (let r = 0; r < rows; r++) {
        if (valid !== null && valid[r] === 0) continue;
        const o = r * cols;
        let max = -Infinity;
        for (let j = 0; j < cols; j++) if (logits[o + j]! > max) max = logits[o + j]!;
        let se = 0;
        for (let j = 0; j < cols; j++) se += Math.exp(logits[o + j]! - max);
        const lse = max + Math.log(se);
        if (code === LossCode.Sparse) {
          const cls = target[r]!;
          if (!(cls >= 0 && cls < cols && Number.isInteger(cls))) {
            throw new RangeError(`sparse cross-entropy target of row ${r} is ${cls}; expected a class index in 0..${cols - 1}`);
          }
          sum += lse - logits[o + cls]!;
          for (let j = 0; j < cols; j++) dOut[o + j] = scale * (out[o + j]! - (j === cls ? 1 : 0));
        } else {
          let ysum = 0;
          for (let j = 0; j < cols; j++) {
            const y = target[o + j]!;
            ysum += y;
            sum += y * (lse - logits[o + j]!);
          }
          // d/dz_j of −Σ y·log softmax(z) is softmax_j·Σy − y_j (Σy = 1 for one-hot targets).
          for (let j = 0; j < cols; j++) dOut[o + j] = scale * (out[o + j]! * ysum - target[o + j]!);
        }
      }
      return sum / validCount;
    }
  }
}
