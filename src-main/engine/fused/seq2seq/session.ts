import type { DecoderSession, PairTensors, Seq2seqArchitecture } from '../../seq2seq/types.js';
import { allocVec, type Precision, type Vec } from '../types.js';
import { Decoder } from './decoder.js';
import { copy } from './lstm-run.js';
import { makeAttention, type Seq2seqNet } from './net.js';

/**
 * Step-by-step decoding of n pairs at once. The sources are encoded by the model's own net in chunks of the
 * batch size (so memory stays that of a training batch), their top outputs and final states copied into
 * buffers for all n rows; a decoder of its own (same weights, buffers for one step of n rows) then runs one step
 * per call, carrying its states from call to call. The same kernels and arithmetic as the teacher-forced pass,
 * so fed the reference characters it reproduces `forcedDistributions` (the fidelity test).
 */
export class FusedDecoderSession implements DecoderSession {
  readonly n: number;
  private readonly decoder: Decoder;
  private readonly ids: Int32Array;
  private readonly vocab: number;
  private readonly sourceSteps: number;
  private readonly withAttention: boolean;
  private readonly before: () => void;
  private first = true;

  constructor(
    a: Seq2seqArchitecture, params: Vec, grads: Vec, precision: Precision, net: Seq2seqNet, pairs: PairTensors, batchSize: number,
    before: () => void,
  ) {
    const n = pairs.n;
    this.n = n;
    this.vocab = a.targetVocab;
    this.before = before;
    const Ts = pairs.sourceSteps;
    this.sourceSteps = Ts;
    const E = net.encoder.outputWidth;
    const L = a.decoderUnits.length;
    const widths = net.encoder.layers.map((l) => l.width);
    const H = allocVec(precision, Ts * n * E);
    const finalH = widths.map((w) => allocVec(precision, n * w));
    const finalC = widths.map((w) => allocVec(precision, n * w));
    const lengths = Int32Array.from(pairs.sourceLengths.subarray(0, n));
    for (let start = 0; start < n; start += batchSize) {
      const rows = Math.min(batchSize, n - start);
      net.gather(pairs, undefined, start, rows);
      net.encode();
      const top = net.encoder.topOutputs().data;
      for (let t = 0; t < Ts; t++) for (let b = 0; b < rows; b++) copy(top, (t * rows + b) * E, H, (t * n + start + b) * E, E);
      const scratchWidth = Math.max(...widths);
      const scratch = allocVec(precision, rows * scratchWidth);
      for (let l = 0; l < L; l++) {
        const w = widths[l]!;
        net.encoder.finalState(l, 'h', scratch);
        copy(scratch, 0, finalH[l]!, start * w, rows * w);
        net.encoder.finalState(l, 'c', scratch);
        copy(scratch, 0, finalC[l]!, start * w, rows * w);
      }
    }
    const attention = makeAttention(a, params, grads, net.offsets.attention, E, precision);
    this.withAttention = attention !== null;
    this.decoder = new Decoder(params, grads, net.offsets.decoder, a.targetVocab, a.decoderUnits, attention, E, precision);
    this.ids = new Int32Array(n);
    this.decoder.start(this.ids, 1, n);
    this.decoder.runs.forEach((run, l) => {
      copy(finalH[l]!, 0, run.h0, 0, n * run.units);
      copy(finalC[l]!, 0, run.c0, 0, n * run.units);
    });
    // No backward here: the keys' gradient buffer is never written.
    attention?.begin(H, new Float64Array(0), Ts, n, lengths, 1);
  }

  step(tokens: Int32Array): { probs: Float64Array; attention: Float64Array | null } {
    this.before();
    const n = this.n;
    if (tokens.length !== n) throw new RangeError(`decoder session: step takes ${n} token ids (one per row), got ${tokens.length}`);
    for (let i = 0; i < n; i++) {
      const id = tokens[i]!;
      if (!(Number.isInteger(id) && id >= -1 && id < this.vocab)) throw new RangeError(`decoder session: token ${i} is ${id}; expected a target id in 0..${this.vocab - 1} (or −1)`);
    }
    if (!this.first) for (const run of this.decoder.runs) run.carry();
    this.first = false;
    this.ids.set(tokens);
    this.decoder.forwardStep(0);
    this.decoder.output(0, n);
    const probs = Float64Array.from(this.decoder.probs.subarray(0, n * this.vocab));
    const attention = this.withAttention ? Float64Array.from(this.decoder.attention!.alpha.subarray(0, n * this.sourceSteps)) : null;
    return { probs, attention };
  }
}
