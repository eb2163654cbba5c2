import type { Activation } from '../../contract/layers.js';
import type { Vec } from './types.js';

/**
 * Activations as small integer codes so hot loops switch on a number instead of calling closures.
 * Every derivative is written in terms of the activation's *output*, so layers keep only post-activation
 * values for the backward pass.
 */
export const enum Act {
  Tanh = 0,
  Sigmoid = 1,
  /** tfjs/Keras 2 hard sigmoid: clip(0.2·x + 0.5, 0, 1). */
  HardSigmoid = 2,
  Relu = 3,
  Linear = 4,
  /** Over the last axis; only in Dense layers. */
  Softmax = 5,
}

/** The code of a Keras activation name. */
export function actCode(name: Activation): Act {
  switch (name) {
    case 'tanh':
      return Act.Tanh;
    case 'sigmoid':
      return Act.Sigmoid;
    case 'hardSigmoid':
      return Act.HardSigmoid;
    case 'relu':
      return Act.Relu;
    case 'linear':
      return Act.Linear;
    case 'softmax':
      return Act.Softmax;
  }
}

/** f(x) for an element-wise activation (not softmax). */
export function activate(code: Act, x: number): number {
  switch (code) {
    case Act.Tanh:
      return Math.tanh(x);
    case Act.Sigmoid:
      return sigmoid(x);
    case Act.HardSigmoid: {
      const y = 0.2 * x + 0.5;
      return y < 0 ? 0 : y > 1 ? 1 : y;
    }
    case Act.Relu:
      return x > 0 ? x : 0;
    default:
      return x;
  }
}

/** f'(x) written through y = f(x), for an element-wise activation (not softmax). */
export function derivFromOutput(code: Act, y: number): number {
  switch (code) {
    case Act.Tanh:
      return 1 - y * y;
    case Act.Sigmoid:
      return y * (1 - y);
    case Act.HardSigmoid:
      // The linear region is exactly where the clip did not bite (tfjs gives 0 at the clip points too).
      return y > 0 && y < 1 ? 0.2 : 0;
    case Act.Relu:
      return y > 0 ? 1 : 0;
    default:
      return 1;
  }
}

/**
 * Logistic sigmoid, written as tfjs' CPU kernel does (1 / (1 + e^−x)); for very negative x e^−x
 * overflows to Infinity and the result is 0, which is the correct limit.
 */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Applies `code` in place to `len` values of `buf` from `off` (element-wise codes only). */
export function activateInPlace(code: Act, buf: Vec, off: number, len: number): void {
  const end = off + len;
  switch (code) {
    case Act.Linear:
      return;
    case Act.Tanh:
      for (let i = off; i < end; i++) buf[i] = Math.tanh(buf[i]!);
      return;
    case Act.Sigmoid:
      for (let i = off; i < end; i++) buf[i] = 1 / (1 + Math.exp(-buf[i]!));
      return;
    default:
      for (let i = off; i < end; i++) buf[i] = activate(code, buf[i]!);
  }
}

/**
 * Softmax over each of `rows` rows of `cols` values: writes softmax(src row) into `dst` (may alias `src`).
 * Subtracts the row maximum first so exp never overflows.
 */
export function softmaxRows(src: Vec, dst: Vec, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (src[o + j]! > max) max = src[o + j]!;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(src[o + j]! - max);
      dst[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) dst[o + j] = dst[o + j]! * inv;
  }
}
