import * as tf from '@tensorflow/tfjs';
import type { Seq2seqArchitecture } from '../seq2seq/types.js';

// The encoder–decoder written as an unrolled graph of tf ops (the reference engine). tfjs-layers has no
// Bahdanau attention with input feeding and no per-step decoder that shares the training graph's weights, so
// the cells are written out here: one `decoderStep` serves teacher-forced training, evaluation and greedy
// decoding, which is what makes a step-by-step decoder reproduce the training distributions exactly.

/** An LSTM's weights in Keras layout: kernel [in, 4u], recurrent kernel [u, 4u], bias [4u]; gates i, f, c, o. */
export interface LstmTensors {
  readonly kernel: tf.Tensor2D;
  readonly recurrent: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/** Every weight of an encoder–decoder, as tensors (variables while training). */
export interface Seq2seqTensors {
  readonly encoder: readonly { readonly forward: LstmTensors; readonly backward?: LstmTensors }[];
  readonly attention?: { readonly query: tf.Tensor2D; readonly key: tf.Tensor2D; readonly score: tf.Tensor2D };
  readonly decoder: readonly LstmTensors[];
  readonly output: { readonly kernel: tf.Tensor2D; readonly bias: tf.Tensor1D };
}

/** A batch of pairs as tensors: ids [b, S] and [b, T] (-1 = padding), masks and reversal indices. */
export interface BatchTensors {
  readonly b: number;
  readonly sourceSteps: number;
  /** Source ids [b, S], -1 past each length. */
  readonly source: tf.Tensor2D;
  /** 1 at real source positions, [b, S] float. */
  readonly sourceMask: tf.Tensor2D;
  /** Row index (into [b·S] rows) of each position with each row's real part reversed (padding stays). */
  readonly reversal: tf.Tensor1D;
}

/** Builds the batch tensors of sources `ids` (b × S, row-major, -1 = padding) with `lengths`. */
export function sourceBatch(ids: Int32Array, lengths: Int32Array, b: number, sourceSteps: number): BatchTensors {
  const mask = new Float32Array(b * sourceSteps);
  const reversal = new Int32Array(b * sourceSteps);
  for (let i = 0; i < b; i++) {
    const len = lengths[i]!;
    for (let t = 0; t < sourceSteps; t++) {
      mask[i * sourceSteps + t] = t < len ? 1 : 0;
      reversal[i * sourceSteps + t] = i * sourceSteps + (t < len ? len - 1 - t : t);
    }
  }
  return {
    b,
    sourceSteps,
    source: tf.tensor2d(ids, [b, sourceSteps], 'int32'),
    sourceMask: tf.tensor2d(mask, [b, sourceSteps]),
    reversal: tf.tensor1d(reversal, 'int32'),
  };
}

/** One LSTM step: Keras' cell (sigmoid gates, tanh activation). x [b, in], h and c [b, u]. */
export function lstmStep(x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, w: LstmTensors): [tf.Tensor2D, tf.Tensor2D] {
  const z = tf.add(tf.add(tf.matMul(x, w.kernel), tf.matMul(h, w.recurrent)), w.bias) as tf.Tensor2D;
  const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
  const cNext = tf.add(tf.mul(tf.sigmoid(zf!), c), tf.mul(tf.sigmoid(zi!), tf.tanh(zc!))) as tf.Tensor2D;
  const hNext = tf.mul(tf.sigmoid(zo!), tf.tanh(cNext)) as tf.Tensor2D;
  return [hNext, cNext];
}

/**
 * One direction of one masked LSTM layer over `xs` (S tensors [b, in]): past a row's length its state is
 * frozen and its output is 0. Returns the outputs and the final [h, c] (those at step length − 1).
 */
function maskedLayer(xs: readonly tf.Tensor2D[], masks: readonly tf.Tensor2D[], w: LstmTensors, units: number): { outputs: tf.Tensor2D[]; h: tf.Tensor2D; c: tf.Tensor2D } {
  const b = xs[0]!.shape[0];
  let h = tf.zeros([b, units]) as tf.Tensor2D;
  let c = tf.zeros([b, units]) as tf.Tensor2D;
  const outputs: tf.Tensor2D[] = [];
  xs.forEach((x, t) => {
    const [hn, cn] = lstmStep(x, h, c, w);
    const m = masks[t]!;
    h = tf.add(h, tf.mul(m, tf.sub(hn, h))) as tf.Tensor2D;
    c = tf.add(c, tf.mul(m, tf.sub(cn, c))) as tf.Tensor2D;
    outputs.push(tf.mul(m, hn) as tf.Tensor2D);
  });
  return { outputs, h, c };
}

/** Each row's real part reversed in time (padding left where it is), for the backward direction. */
function reverseWithin(seq: readonly tf.Tensor2D[], reversal: tf.Tensor1D): tf.Tensor2D[] {
  const [b, d] = seq[0]!.shape;
  const flat = tf.reshape(tf.stack(seq as tf.Tensor2D[], 1), [b * seq.length, d]);
  return tf.unstack(tf.reshape(tf.gather(flat, reversal), [b, seq.length, d]), 1) as tf.Tensor2D[];
}

/** What the encoder hands the decoder: its top layer's outputs (for attention) and each layer's final state. */
export interface Encoded {
  /** Top encoder outputs [b, S, E] (zeros at padding). */
  readonly memory: tf.Tensor3D;
  readonly h: tf.Tensor2D[];
  readonly c: tf.Tensor2D[];
}

/** Runs the encoder stack over a batch's one-hot sources; a bidirectional layer's states are [fw; bw]. */
export function encode(a: Seq2seqArchitecture, w: Seq2seqTensors, batch: BatchTensors): Encoded {
  let xs = tf.unstack(tf.oneHot(batch.source, a.sourceVocab).toFloat(), 1) as tf.Tensor2D[];
  const masks = tf.unstack(tf.expandDims(batch.sourceMask, 2), 1) as tf.Tensor2D[];
  const h: tf.Tensor2D[] = [];
  const c: tf.Tensor2D[] = [];
  a.encoderUnits.forEach((u, i) => {
    const layer = w.encoder[i]!;
    const fw = maskedLayer(xs, masks, layer.forward, u);
    if (!a.bidirectionalEncoder || !layer.backward) {
      h.push(fw.h);
      c.push(fw.c);
      xs = fw.outputs;
      return;
    }
    // The reversed real part starts at position 0, so the same masks apply; outputs are put back in order.
    const bw = maskedLayer(reverseWithin(xs, batch.reversal), masks, layer.backward, u);
    const bwOutputs = reverseWithin(bw.outputs, batch.reversal);
    h.push(tf.concat([fw.h, bw.h], 1));
    c.push(tf.concat([fw.c, bw.c], 1));
    xs = fw.outputs.map((o, t) => tf.concat([o, bwOutputs[t]!], 1));
  });
  return { memory: tf.stack(xs, 1) as tf.Tensor3D, h, c };
}

/** Attention's per-batch constants: keys W₂·h_j [b, S, a], the memory, and −1e9 on padding [b, S]. */
export interface AttentionMemory {
  readonly keys: tf.Tensor3D;
  readonly values: tf.Tensor3D;
  readonly bias: tf.Tensor2D;
}

/** The keys of Bahdanau attention for an encoded batch (computed once, used at every decoder step). */
export function attentionMemory(w: Seq2seqTensors, encoded: Encoded, sourceMask: tf.Tensor2D): AttentionMemory {
  const [b, s, e] = encoded.memory.shape;
  const key = w.attention!.key;
  const keys = tf.reshape(tf.matMul(tf.reshape(encoded.memory, [b * s, e]), key), [b, s, key.shape[1]]) as tf.Tensor3D;
  // exp(−1e9 − max) is exactly 0 in float32: padded positions get weight 0.
  return { keys, values: encoded.memory, bias: tf.mul(tf.sub(sourceMask, 1), 1e9) as tf.Tensor2D };
}

/** The decoder's state between steps: one [h, c] per layer. */
export interface DecoderState {
  readonly h: tf.Tensor2D[];
  readonly c: tf.Tensor2D[];
}

/**
 * One decoder step for a batch: reads one-hot `x` [b, V] (with attention, concatenated with the context
 * Σ_j α_j·h_j whose scores vᵀ·tanh(W₁·s_{t−1} + W₂·h_j) use the top layer's previous h), steps each layer and
 * returns the output logits [b, V], the next state and α [b, S] (attention models).
 */
export function decoderStep(
  w: Seq2seqTensors,
  x: tf.Tensor2D,
  state: DecoderState,
  memory: AttentionMemory | undefined,
): { logits: tf.Tensor2D; state: DecoderState; alpha: tf.Tensor2D | undefined } {
  let input = x;
  let alpha: tf.Tensor2D | undefined;
  const top = state.h.length - 1;
  if (memory && w.attention) {
    const [b, s, a] = memory.keys.shape;
    const q = tf.matMul(state.h[top]!, w.attention.query);
    const e = tf.tanh(tf.add(memory.keys, tf.expandDims(q, 1)));
    const scores = tf.add(tf.reshape(tf.matMul(tf.reshape(e, [b * s, a]), w.attention.score), [b, s]), memory.bias);
    alpha = tf.softmax(scores) as tf.Tensor2D;
    const context = tf.squeeze(tf.matMul(tf.expandDims(alpha, 1), memory.values), [1]) as tf.Tensor2D;
    input = tf.concat([x, context], 1);
  }
  const h: tf.Tensor2D[] = [];
  const c: tf.Tensor2D[] = [];
  w.decoder.forEach((layer, i) => {
    const [hn, cn] = lstmStep(input, state.h[i]!, state.c[i]!, layer);
    h.push(hn);
    c.push(cn);
    input = hn;
  });
  const logits = tf.add(tf.matMul(input, w.output.kernel), w.output.bias) as tf.Tensor2D;
  return { logits, state: { h, c }, alpha };
}

/**
 * Teacher-forced logits of a batch: the decoder reads target ids [b, T] at steps 0 … T − 2 from the encoder's
 * states; returns logits [b, T − 1, V].
 */
export function forcedLogits(a: Seq2seqArchitecture, w: Seq2seqTensors, batch: BatchTensors, target: tf.Tensor2D): tf.Tensor3D {
  const encoded = encode(a, w, batch);
  const memory = a.attention === 'bahdanau' ? attentionMemory(w, encoded, batch.sourceMask) : undefined;
  const xs = tf.unstack(tf.oneHot(target, a.targetVocab).toFloat(), 1) as tf.Tensor2D[];
  let state: DecoderState = { h: encoded.h, c: encoded.c };
  const logits: tf.Tensor2D[] = [];
  for (let t = 0; t < xs.length - 1; t++) {
    const step = decoderStep(w, xs[t]!, state, memory);
    logits.push(step.logits);
    state = step.state;
  }
  return tf.stack(logits, 1) as tf.Tensor3D;
}

/**
 * Summed cross-entropy and correct argmax count over the real next characters (labels = target[:, 1:]; -1
 * padding gives a zero one-hot row, so it is never scored). logits [b, T − 1, V].
 */
export function scoredSums(logits: tf.Tensor3D, target: tf.Tensor2D, vocab: number): { loss: tf.Scalar; correct: tf.Scalar } {
  const [b, steps] = logits.shape;
  const labels = tf.slice(target, [0, 1], [b, steps]);
  const onehot = tf.oneHot(labels, vocab).toFloat();
  const loss = tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)))) as tf.Scalar;
  const hit = tf.cast(tf.equal(tf.argMax(logits, 2).toInt(), labels), 'float32');
  return { loss, correct: tf.sum(hit) as tf.Scalar };
}
