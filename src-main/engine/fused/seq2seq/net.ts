import type { PairTensors, Seq2seqArchitecture } from '../../seq2seq/types.js';
import type { Precision, Vec } from '../types.js';
import { BahdanauAttention } from './attention.js';
import { Decoder } from './decoder.js';
import { Encoder } from './encoder.js';
import { scoredCrossEntropy, UNKNOWN_LABEL, type ScoredSums } from './loss.js';

/** Where the parts of an encoder–decoder start in the flat weight array (seq2seqWeightLayout order). */
export interface NetOffsets {
  readonly attention: number;
  readonly decoder: number;
  readonly end: number;
}

/** The attention over `params` at `offset`, or null without attention. */
export function makeAttention(a: Seq2seqArchitecture, params: Vec, grads: Vec, offset: number, encoderWidth: number, precision: Precision): BahdanauAttention | null {
  if (a.attention !== 'bahdanau') return null;
  return new BahdanauAttention(params, grads, offset, a.decoderUnits[a.decoderUnits.length - 1]!, encoderWidth, a.attentionUnits, precision);
}

/**
 * One encoder–decoder over the model's flat weights, with its own activation buffers (grown on demand): a batch
 * is gathered from {@link PairTensors} into time-major ids ({@link gather}), run teacher-forced
 * ({@link forward}: the decoder reads target[t] for t < targetSteps − 1 and is scored on target[t + 1] where
 * t < targetLength − 1), scored ({@link score}) and differentiated ({@link backward}: every weight's gradient
 * written into `grads`).
 */
export class Seq2seqNet {
  readonly encoder: Encoder;
  readonly attention: BahdanauAttention | null;
  readonly decoder: Decoder;
  readonly offsets: NetOffsets;
  private readonly arch: Seq2seqArchitecture;
  /** The gathered batch: time-major source ids [Ts, B], lengths [B], decoder input ids and labels [Td, B]. */
  sourceIds: Int32Array = new Int32Array(0);
  lengths: Int32Array = new Int32Array(0);
  private decoderIds: Int32Array = new Int32Array(0);
  labels: Int32Array = new Int32Array(0);
  sourceSteps = 0;
  decoderSteps = 0;
  batch = 0;

  constructor(a: Seq2seqArchitecture, params: Vec, grads: Vec, precision: Precision) {
    this.arch = a;
    this.encoder = new Encoder(params, grads, 0, a.sourceVocab, a.encoderUnits, a.bidirectionalEncoder, precision);
    const attOffset = this.encoder.endOffset;
    const E = this.encoder.outputWidth;
    this.attention = makeAttention(a, params, grads, attOffset, E, precision);
    const top = a.decoderUnits[a.decoderUnits.length - 1]!;
    const decOffset = attOffset + (this.attention !== null ? (top + E + 1) * a.attentionUnits : 0);
    this.decoder = new Decoder(params, grads, decOffset, a.targetVocab, a.decoderUnits, this.attention, E, precision);
    this.offsets = { attention: attOffset, decoder: decOffset, end: this.decoder.endOffset };
  }

  /** Copies pairs order[start … start + rows) (index order without `order`) into the time-major batch buffers. */
  gather(p: PairTensors, order: Int32Array | undefined, start: number, rows: number): void {
    const Ts = p.sourceSteps;
    const Tt = p.targetSteps;
    const Td = Tt - 1;
    const grow = (a: Int32Array, n: number) => (a.length < n ? new Int32Array(n) : a);
    this.sourceIds = grow(this.sourceIds, Ts * rows);
    this.lengths = grow(this.lengths, rows);
    this.decoderIds = grow(this.decoderIds, Td * rows);
    this.labels = grow(this.labels, Td * rows);
    for (let b = 0; b < rows; b++) {
      const r = order === undefined ? start + b : order[start + b]!;
      this.lengths[b] = p.sourceLengths[r]!;
      for (let t = 0; t < Ts; t++) this.sourceIds[t * rows + b] = p.source[r * Ts + t]!;
      const scored = p.targetLengths[r]! - 1;
      for (let t = 0; t < Td; t++) {
        this.decoderIds[t * rows + b] = p.target[r * Tt + t]!;
        const id = p.target[r * Tt + t + 1]!;
        this.labels[t * rows + b] = t < scored ? (id >= 0 ? id : UNKNOWN_LABEL) : -1;
      }
    }
    this.sourceSteps = Ts;
    this.decoderSteps = Td;
    this.batch = rows;
  }

  /** Encodes the gathered sources (the decoder's initial states and the attention's keys come from here). */
  encode(): void {
    this.encoder.forward(this.sourceIds, this.lengths, this.sourceSteps, this.batch);
  }

  /** The teacher-forced pass over the gathered batch: encoder, decoder steps, softmax. */
  forward(): void {
    this.encode();
    const B = this.batch;
    const Td = this.decoderSteps;
    this.decoder.start(this.decoderIds, Td, B);
    this.decoder.runs.forEach((run, l) => {
      this.encoder.finalState(l, 'h', run.h0);
      this.encoder.finalState(l, 'c', run.c0);
    });
    if (this.attention !== null) {
      const top = this.encoder.topOutputs();
      this.attention.begin(top.data, top.grad, this.sourceSteps, B, this.lengths, Td);
    }
    for (let t = 0; t < Td; t++) this.decoder.forwardStep(t);
    this.decoder.output(0, Td * B);
  }

  /** Loss sums of the last forward over its scored characters; with `gradient`, also d(mean loss)/d(logits). */
  score(gradient: boolean): ScoredSums {
    const d = this.decoder;
    return scoredCrossEntropy(d.logits, d.probs, this.labels, this.decoderSteps * this.batch, this.arch.targetVocab, gradient ? d.dLogits : null);
  }

  /** Backward through decoder, attention and encoder after {@link score}(true): writes every weight's gradient. */
  backward(): void {
    this.encoder.beginBackward();
    this.decoder.backward();
    const runs = this.decoder.runs;
    this.encoder.backward(runs.map((r) => r.dh), runs.map((r) => r.dc), this.attention !== null);
  }
}
