import { columnSumsInto, fillRows, mulInto, ACCUMULATE, TRANSPOSE_A, TRANSPOSE_B } from '../gemm.js';
import { mat, type Mat } from '../mat.js';
import { allocVec, type Precision, type Vec } from '../types.js';
import type { BahdanauAttention } from './attention.js';
import { softmaxRows } from './loss.js';
import { LstmRun } from './lstm-run.js';

/**
 * The LSTM decoder stack and its softmax Dense, one step at a time: layer 0 reads onehot(target[t]) and, with
 * attention, the context c_t (input feeding: the kernel's rows past the vocabulary are the context's); layer l
 * reads layer l − 1's h(t); the attention's query is the top layer's h(t − 1) (its initial state at t = 0).
 * Initial states are written by the caller into each run's h0 / c0 after {@link start}. Backward runs the steps
 * in reverse, top layer first, so the attention's query gradient reaches the top layer's dh before its step
 * t − 1; after it each run's dh / dc hold the gradients of its initial state (for the encoder).
 */
export class Decoder {
  readonly runs: readonly LstmRun[];
  readonly attention: BahdanauAttention | null;
  private readonly vocab: number;
  private readonly contextWidth: number;
  private readonly precision: Precision;
  private readonly outKernel: Mat;
  private readonly outBias: Mat;
  private readonly outKernelGrad: Mat;
  private readonly outBiasGrad: Mat;
  /** Where the next weight would start (the end of the output bias). */
  readonly endOffset: number;
  private capacity = 0;
  /** [Td, B, V]: logits, softmax probabilities and the logits' gradient. */
  logits: Vec = new Float64Array(0);
  probs: Vec = new Float64Array(0);
  dLogits: Vec = new Float64Array(0);
  /** [Td, B, u_top]: the gradient arriving at the top layer's h from the Dense. */
  private dTop: Vec = new Float64Array(0);
  /** Per layer below the top, [B, u]: the gradient arriving at its h(t) from the layer above; [B, E] the context's. */
  private dx: Vec[] = [];
  private dContext: Vec = new Float64Array(0);
  private ids: Int32Array = new Int32Array(0);
  private steps = 0;
  private batch = 0;
  private batchCapacity = 0;

  /**
   * The decoder layers' weights from `offset` (decoder[0] … then output.kernel, output.bias, layout order);
   * `contextWidth` the encoder's output width (the context's, with attention; else unused).
   */
  constructor(
    params: Vec, grads: Vec, offset: number, vocab: number, units: readonly number[],
    attention: BahdanauAttention | null, contextWidth: number, precision: Precision,
  ) {
    this.vocab = vocab;
    this.attention = attention;
    this.contextWidth = contextWidth;
    this.precision = precision;
    const runs: LstmRun[] = [];
    let input = vocab + (attention !== null ? contextWidth : 0);
    let at = offset;
    for (const u of units) {
      const run = new LstmRun(params, grads, at, input, u, precision);
      runs.push(run);
      at = run.end;
      input = u;
    }
    this.runs = runs;
    const top = units[units.length - 1]!;
    this.outKernel = mat(params, at, top, vocab);
    this.outKernelGrad = mat(grads, at, top, vocab);
    at += top * vocab;
    this.outBias = mat(params, at, 1, vocab);
    this.outBiasGrad = mat(grads, at, 1, vocab);
    this.endOffset = at + vocab;
  }

  private get top(): LstmRun {
    return this.runs[this.runs.length - 1]!;
  }

  /** Starts a pass over `steps` × `batch` rows reading `ids` (time-major [steps, batch]); initial states zero. */
  start(ids: Int32Array, steps: number, batch: number): void {
    this.ids = ids;
    this.steps = steps;
    this.batch = batch;
    for (const run of this.runs) run.begin(steps, batch);
    const rows = steps * batch;
    if (rows > this.capacity) {
      this.capacity = rows;
      const vec = (n: number) => allocVec(this.precision, n);
      this.logits = vec(rows * this.vocab);
      this.probs = vec(rows * this.vocab);
      this.dLogits = vec(rows * this.vocab);
      this.dTop = vec(rows * this.top.units);
    }
    if (batch > this.batchCapacity) {
      this.batchCapacity = batch;
      this.dx = this.runs.slice(0, -1).map((r) => allocVec(this.precision, batch * r.units));
      this.dContext = allocVec(this.precision, batch * this.contextWidth);
    }
  }

  /** Forward step t: attention from the top layer's h(t − 1), then each layer's step. */
  forwardStep(t: number): void {
    const B = this.batch;
    const att = this.attention;
    if (att !== null) att.forwardStep(t, this.top.hAt(t - 1));
    const first = this.runs[0]!;
    first.projectIds(this.ids, t * B, B);
    if (att !== null) first.addInput(t * B, mat(att.context, t * B * this.contextWidth, B, this.contextWidth), first.kernelRows(this.vocab, this.contextWidth));
    first.step(t, null);
    for (let l = 1; l < this.runs.length; l++) {
      const run = this.runs[l]!;
      run.projectBias(t * B, B);
      run.addInput(t * B, this.runs[l - 1]!.hAt(t), run.kernel);
      run.step(t, null);
    }
  }

  /** The Dense over rows [first, first + count) of the top layer's outputs: logits, then softmax into `probs`. */
  output(first: number, count: number): void {
    const V = this.vocab;
    const logits = mat(this.logits, first * V, count, V);
    fillRows(logits, this.outBias);
    mulInto(logits, mat(this.top.hidden, first * this.top.units, count, this.top.units), this.outKernel, ACCUMULATE);
    softmaxRows(this.logits, this.probs, first, count, V);
  }

  /** Backward over every step from `dLogits`: writes the decoder's, the Dense's and the attention's weight gradients. */
  backward(): void {
    const B = this.batch;
    const rows = this.steps * B;
    const V = this.vocab;
    const top = this.top;
    const L = this.runs.length;
    const dLogits = mat(this.dLogits, 0, rows, V);
    mulInto(this.outKernelGrad, top.outputs(), dLogits, TRANSPOSE_A);
    columnSumsInto(this.outBiasGrad, dLogits);
    mulInto(mat(this.dTop, 0, rows, top.units), dLogits, this.outKernel, TRANSPOSE_B);
    for (const run of this.runs) run.beginBackward();
    const att = this.attention;
    att?.beginBackward();
    const E = this.contextWidth;
    for (let t = this.steps - 1; t >= 0; t--) {
      for (let l = L - 1; l >= 0; l--) {
        const run = this.runs[l]!;
        if (l === L - 1) run.stepBackward(t, this.dTop, t * B * run.units, null);
        else run.stepBackward(t, this.dx[l]!, 0, null);
        if (l > 0) run.inputGradient(t * B, mat(this.dx[l - 1]!, 0, B, this.runs[l - 1]!.units), run.kernel);
        else if (att !== null) {
          run.inputGradient(t * B, mat(this.dContext, 0, B, E), run.kernelRows(V, E));
          att.backwardStep(t, this.dContext, 0, top.hAt(t - 1), mat(top.dh, 0, B, top.units));
        }
      }
    }
    const first = this.runs[0]!;
    first.idGradients(this.ids, V);
    if (att !== null) first.denseGradients(mat(att.context, 0, rows, E), first.kernelRows(V, E, true));
    for (let l = 1; l < L; l++) this.runs[l]!.denseGradients(this.runs[l - 1]!.outputs(), this.runs[l]!.kernelGrad);
    for (const run of this.runs) run.recurrentGradients();
    att?.endBackward();
  }
}
