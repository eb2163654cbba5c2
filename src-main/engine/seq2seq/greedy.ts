import type { PairTensors, Seq2seqModel } from './types.js';

/** Greedy translations of a batch, and (attention models) the weights each output character used. */
export interface GreedyResult {
  /** The decoded texts without the final `\n`. */
  readonly texts: string[];
  /** Per pair, per output character (the `\n` included when reached), α over the pair's source characters. */
  readonly attention: number[][][] | null;
}

/**
 * The seed's `decode_sequence` for every pair of `pairs` at once: start from the encoder's states with `\t`,
 * take the argmax character, feed it back, until it is `\n` or the text is longer than `maxLength` characters
 * (the longest wrapped target; the seed's max_decoder_seq_length). `targetVocab` maps ids to characters.
 * With `keepAttention`, keeps α trimmed to each pair's source length (null for a model without attention).
 */
export function greedyDecode(model: Seq2seqModel, pairs: PairTensors, targetVocab: readonly string[], maxLength: number, keepAttention = false): GreedyResult {
  const start = targetVocab.indexOf('\t');
  const end = targetVocab.indexOf('\n');
  const n = pairs.n;
  const V = targetVocab.length;
  const session = model.startDecoding(pairs);
  const texts = Array.from({ length: n }, () => '');
  const lengths = new Int32Array(n);
  const done = new Uint8Array(n);
  const attention: number[][][] | null = keepAttention ? Array.from({ length: n }, () => []) : null;
  let tokens = new Int32Array(n).fill(start);
  let open = n;
  while (open > 0) {
    const { probs, attention: alpha } = session.step(tokens);
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      let best = 0;
      for (let v = 1; v < V; v++) if (probs[i * V + v]! > probs[i * V + best]!) best = v;
      next[i] = best;
      if (attention && alpha) attention[i]!.push(Array.from(alpha.subarray(i * pairs.sourceSteps, i * pairs.sourceSteps + pairs.sourceLengths[i]!)));
      lengths[i]!++;
      if (best === end) {
        done[i] = 1;
        open--;
        continue;
      }
      texts[i] += targetVocab[best]!;
      // The seed stops once the decoded text (its `\n` would count) is longer than the longest target.
      if (lengths[i]! > maxLength) {
        done[i] = 1;
        open--;
      }
    }
    tokens = next;
  }
  // A model without attention gives no α at any step: null, not empty rows (which a view would draw as a blank map).
  return { texts, attention: attention && attention.some((rows) => rows.length > 0) ? attention : null };
}
