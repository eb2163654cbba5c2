import type { Vec } from './types.js';

/**
 * Helpers for variable-length batches (TF1 `dynamic_rnn(sequence_length=…)` semantics; the recurrent layers'
 * own part is in recurrent.ts). Buffers are time-major: row `t * batch + b` is step t of sequence b.
 */

/**
 * `tf.reverse_sequence` on a time-major buffer: for each sequence b, rows t < len(b) take step len(b)−1−t of
 * `src`; rows past the length are copied unchanged. `lengths` null means every length is `steps`. It is its own
 * inverse, so the same call re-aligns a backward direction's outputs (and reverses gradients).
 * `src` and `dst` must differ; `width` values per row.
 */
export function reverseSequences(src: Vec, dst: Vec, steps: number, batch: number, width: number, lengths: Int32Array | null): void {
  for (let b = 0; b < batch; b++) {
    const len = lengths === null ? steps : lengths[b]!;
    for (let t = 0; t < steps; t++) {
      const from = t < len ? len - 1 - t : t;
      const s = (from * batch + b) * width;
      const d = (t * batch + b) * width;
      for (let j = 0; j < width; j++) dst[d + j] = src[s + j]!;
    }
  }
}

/** Marks the time-major rows (t·batch + b) that are within their sequence's length: 1 valid, 0 padding. */
export function validRows(steps: number, batch: number, lengths: Int32Array, out: Uint8Array): Uint8Array {
  for (let t = 0; t < steps; t++) for (let b = 0; b < batch; b++) out[t * batch + b] = t < lengths[b]! ? 1 : 0;
  return out;
}

/**
 * Checks a batch's lengths: one per sequence, integers in 0..steps. Throws a RangeError naming the first bad
 * entry and the fix.
 */
export function checkLengths(lengths: Int32Array, n: number, steps: number): void {
  if (lengths.length !== n) throw new RangeError(`x.lengths holds ${lengths.length} values for ${n} sequences; give one length per sequence`);
  for (let i = 0; i < n; i++) {
    const len = lengths[i]!;
    if (!(len >= 0 && len <= steps)) throw new RangeError(`x.lengths[${i}] is ${len}; expected 0..${steps} (the padded steps)`);
  }
}
