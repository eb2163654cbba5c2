import { Act } from '../activations.js';
import { lstmBackwardStep, lstmForwardStep } from '../cell-kernels.js';
import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, columnSumsInto, fillRows, mulInto, TRANSPOSE_A, TRANSPOSE_B } from '../gemm.js';
import { mat, type Mat } from '../mat.js';
import { allocVec, type Precision, type Vec } from '../types.js';

/**
 * One LSTM layer (one direction) of an encoder–decoder, driven one step at a time by its caller.
 *
 * Why not `LstmLayer` (recurrent.ts): that layer runs all steps of one layer in a single call, from a zero (or
 * carried) initial state. A seq2seq needs a settable initial state (the decoder starts from the encoder's final
 * [h, c]), the gradient with respect to that initial state, gradients entering at the final state, one-hot ids
 * read as a row gather of the kernel, and — for Bahdanau attention with input feeding — the decoder's layers and
 * the attention interleaved step by step. The cell itself is not re-implemented: every step calls the engine's
 * LSTM kernels (`lstmForwardStep` / `lstmBackwardStep` in cell-kernels.ts, native on the native tier) and every
 * product goes through `mulInto`, so gate order (i, f, c, o), arithmetic and kernel tiers are the fused LSTM's.
 *
 * Buffers are time-major (row t·batch + b is step t of sequence b) and grow on demand ({@link begin}); masking is
 * TF1 dynamic_rnn's as in recurrent.ts: past its length a row's state is frozen, so its history at the last step
 * is the state at step length − 1, and backward its state gradients pass through unchanged.
 */
export class LstmRun {
  readonly units: number;
  readonly inputSize: number;
  /** Views of the weights in the flat arrays: kernel [in, 4u], recurrent kernel [u, 4u], bias [1, 4u]. */
  readonly kernel: Mat;
  readonly recurrentKernel: Mat;
  readonly bias: Mat;
  readonly kernelGrad: Mat;
  readonly recurrentKernelGrad: Mat;
  readonly biasGrad: Mat;
  private readonly precision: Precision;
  private readonly params: Vec;
  private readonly grads: Vec;
  private readonly offset: number;
  /** Rows (steps × batch) and batch rows the buffers hold. */
  private rowCapacity = 0;
  private batchCapacity = 0;
  /** [T, B, 4u]: x·W + b (+ h·R), then the gate outputs; and the gate pre-activation gradients. */
  gates: Vec = new Float64Array(0);
  dGates: Vec = new Float64Array(0);
  /** [T, B, u]: cell state, act(c) and h after each step. */
  cell: Vec = new Float64Array(0);
  actCell: Vec = new Float64Array(0);
  hidden: Vec = new Float64Array(0);
  /** [B, u]: the state before step 0 (the caller writes it after {@link begin}: zeros by default). */
  h0: Vec = new Float64Array(0);
  c0: Vec = new Float64Array(0);
  /** [B, u]: backward, the gradient with respect to h and c at the current step, then (after step 0) the initial state. */
  dh: Vec = new Float64Array(0);
  dc: Vec = new Float64Array(0);
  private keepH: Vec = new Float64Array(0);
  private keepC: Vec = new Float64Array(0);
  private gatesView!: Mat;
  private dGatesView!: Mat;
  private hiddenView!: Mat;
  private h0View!: Mat;
  private dhView!: Mat;
  /** Steps and batch rows of the current pass. */
  steps = 0;
  batch = 0;

  /** The layer whose kernel starts at `offset` of `params` (recurrent kernel and bias follow, Keras order). */
  constructor(params: Vec, grads: Vec, offset: number, inputSize: number, units: number, precision: Precision) {
    const w = 4 * units;
    this.params = params;
    this.grads = grads;
    this.offset = offset;
    this.units = units;
    this.inputSize = inputSize;
    this.precision = precision;
    const rec = offset + inputSize * w;
    const bias = rec + units * w;
    this.kernel = mat(params, offset, inputSize, w);
    this.recurrentKernel = mat(params, rec, units, w);
    this.bias = mat(params, bias, 1, w);
    this.kernelGrad = mat(grads, offset, inputSize, w);
    this.recurrentKernelGrad = mat(grads, rec, units, w);
    this.biasGrad = mat(grads, bias, 1, w);
  }

  /** Values of the three weights: where the next weight starts. */
  get end(): number {
    return this.offset + (this.inputSize + this.units + 1) * 4 * this.units;
  }

  /** Rows `first`… of the kernel as a view (`count` rows): the one-hot part or the context part of an input. */
  kernelRows(first: number, count: number, grad = false): Mat {
    return mat(grad ? this.grads : this.params, this.offset + first * 4 * this.units, count, 4 * this.units);
  }

  /** Starts a pass of `steps` × `batch` rows: grows the buffers when needed and zeros the initial state. */
  begin(steps: number, batch: number): void {
    const u = this.units;
    const w = 4 * u;
    if (steps * batch > this.rowCapacity || batch > this.batchCapacity) {
      const rows = Math.max(steps * batch, this.rowCapacity);
      const b = Math.max(batch, this.batchCapacity);
      const vec = (n: number) => allocVec(this.precision, n);
      this.gates = vec(rows * w);
      this.dGates = vec(rows * w);
      this.cell = vec(rows * u);
      this.actCell = vec(rows * u);
      this.hidden = vec(rows * u);
      this.h0 = vec(b * u);
      this.c0 = vec(b * u);
      this.dh = vec(b * u);
      this.dc = vec(b * u);
      this.keepH = vec(b * u);
      this.keepC = vec(b * u);
      this.gatesView = mat(this.gates, 0, rows, w);
      this.dGatesView = mat(this.dGates, 0, rows, w);
      this.hiddenView = mat(this.hidden, 0, rows, u);
      this.h0View = mat(this.h0, 0, b, u);
      this.dhView = mat(this.dh, 0, b, u);
      this.rowCapacity = rows;
      this.batchCapacity = b;
    }
    this.steps = steps;
    this.batch = batch;
    this.h0.fill(0, 0, batch * u);
    this.c0.fill(0, 0, batch * u);
  }

  /** The [batch, u] view of h at step t (t = −1: the initial state). */
  hAt(t: number): Mat {
    return t < 0 ? this.h0View.select(0, this.batch) : this.hiddenView.select(t * this.batch, this.batch);
  }

  /** The view of h over steps 0 … steps − 1 ([steps·batch, u]): the output sequence. */
  outputs(): Mat {
    return this.hiddenView.select(0, this.steps * this.batch);
  }

  /**
   * Gates of rows [first, first + count) (time-major) = bias + the kernel rows of their one-hot ids: a row gather,
   * exact for one-hot inputs; an id of −1 (padding) is a zero input row, bias only.
   */
  projectIds(ids: Int32Array, first: number, count: number): void {
    const w = 4 * this.units;
    fillRows(this.gatesView.select(first, count), this.bias);
    const g = this.gates;
    const k = this.params;
    const k0 = this.offset;
    for (let r = first; r < first + count; r++) {
      const id = ids[r]!;
      if (id < 0) continue;
      const src = k0 + id * w;
      const dst = r * w;
      for (let j = 0; j < w; j++) g[dst + j] = g[dst + j]! + k[src + j]!;
    }
  }

  /** Gates of rows [first, first + count) = bias (before {@link addInput}, for an input without ids). */
  projectBias(first: number, count: number): void {
    fillRows(this.gatesView.select(first, count), this.bias);
  }

  /** Gates of rows [first, first + x.rows) += x · `kernelPart` (a dense input, or its context part). */
  addInput(first: number, x: Mat, kernelPart: Mat): void {
    mulInto(this.gatesView.select(first, x.rows), x, kernelPart, ACCUMULATE);
  }

  /** Forward step t (its input already projected): z += h(t−1)·R, the cell, then masked rows frozen. */
  step(t: number, lengths: Int32Array | null): void {
    const u = this.units;
    const B = this.batch;
    mulInto(this.gatesView.select(t * B, B), this.hAt(t - 1), this.recurrentKernel, ACCUMULATE);
    const cPrev = t === 0 ? this.c0 : this.cell;
    const cPrevOff = t === 0 ? 0 : (t - 1) * B * u;
    lstmForwardStep(this.gates, t * B * 4 * u, cPrev, cPrevOff, this.cell, this.actCell, this.hidden, t * B * u, B, u, Act.Tanh, Act.Sigmoid);
    if (lengths === null) return;
    const hPrev = t === 0 ? this.h0 : this.hidden;
    for (let b = 0; b < B; b++) {
      if (t < lengths[b]!) continue;
      const at = (t * B + b) * u;
      copy(hPrev, cPrevOff + b * u, this.hidden, at, u);
      copy(cPrev, cPrevOff + b * u, this.cell, at, u);
    }
  }

  /** Copies the state after step 0 into the initial state (a decoder session's next step starts from it). */
  carry(): void {
    const n = this.batch * this.units;
    copy(this.hidden, 0, this.h0, 0, n);
    copy(this.cell, 0, this.c0, 0, n);
  }

  /** Starts the backward pass: dh = dc = 0 (the caller may then add gradients arriving at the final state). */
  beginBackward(): void {
    const n = this.batch * this.units;
    this.dh.fill(0, 0, n);
    this.dc.fill(0, 0, n);
  }

  /**
   * Backward step t: the gradient from above at h(t) is `dOut` from `dOutOff` ([batch, u]; null: none) plus
   * `dh`; writes the gate pre-activation gradients of step t and leaves in dh, dc the gradients at step t − 1
   * (after step 0: at the initial state). Masked rows pass their state gradients through.
   */
  stepBackward(t: number, dOut: Vec | null, dOutOff: number, lengths: Int32Array | null): void {
    const u = this.units;
    const w = 4 * u;
    const B = this.batch;
    let masked = false;
    if (lengths !== null) {
      for (let b = 0; b < B; b++) {
        if (t < lengths[b]!) continue;
        masked = true;
        copy(this.dh, b * u, this.keepH, b * u, u);
        copy(this.dc, b * u, this.keepC, b * u, u);
      }
    }
    const cPrev = t === 0 ? this.c0 : this.cell;
    const cPrevOff = t === 0 ? 0 : (t - 1) * B * u;
    lstmBackwardStep(dOut, dOutOff, this.dh, this.dc, this.gates, t * B * w, this.actCell, t * B * u, cPrev, cPrevOff, this.dGates, B, u, Act.Tanh, Act.Sigmoid);
    if (masked) {
      for (let b = 0; b < B; b++) if (t >= lengths![b]!) this.dGates.fill(0, (t * B + b) * w, (t * B + b + 1) * w);
    }
    // dh(t−1) = dZ(t)·Rᵀ; at t = 0 this is the gradient of the initial state h (a decoder's comes from the encoder).
    mulInto(this.dhView.select(0, B), this.dGatesView.select(t * B, B), this.recurrentKernel, TRANSPOSE_B);
    if (masked) {
      for (let b = 0; b < B; b++) {
        if (t < lengths![b]!) continue;
        copy(this.keepH, b * u, this.dh, b * u, u);
        copy(this.keepC, b * u, this.dc, b * u, u);
      }
    }
  }

  /** The [batch, 4u] view of step t's gate pre-activation gradients. */
  dGatesAt(t: number): Mat {
    return this.dGatesView.select(t * this.batch, this.batch);
  }

  /** dR = Σ_t h(t−1)ᵀ·dZ(t) and db = Σ dZ, written (not accumulated) after the backward loop. */
  recurrentGradients(): void {
    const B = this.batch;
    const rows = this.steps * B;
    const dZ = this.dGatesView;
    mulInto(this.recurrentKernelGrad, this.h0View.select(0, B), dZ.select(0, B), TRANSPOSE_A);
    if (this.steps > 1) mulInto(this.recurrentKernelGrad, this.hiddenView.select(0, rows - B), dZ.select(B, rows - B), ACCUMULATE_TRANSPOSE_A);
    columnSumsInto(this.biasGrad, dZ.select(0, rows));
  }

  /** Kernel gradient of the one-hot part (rows 0 … vocab − 1), written: a scatter-add of dZ rows by id. */
  idGradients(ids: Int32Array, vocab: number): void {
    const w = 4 * this.units;
    const g = this.grads;
    const k0 = this.offset;
    g.fill(0, k0, k0 + vocab * w);
    const dz = this.dGates;
    const rows = this.steps * this.batch;
    for (let r = 0; r < rows; r++) {
      const id = ids[r]!;
      if (id < 0) continue;
      const dst = k0 + id * w;
      const src = r * w;
      for (let j = 0; j < w; j++) g[dst + j] = g[dst + j]! + dz[src + j]!;
    }
  }

  /** Kernel gradient of a dense input part, written: `gradPart` = xᵀ·dZ over all steps (x is [steps·batch, in]). */
  denseGradients(x: Mat, gradPart: Mat): void {
    mulInto(gradPart, x, this.dGatesView.select(0, this.steps * this.batch), TRANSPOSE_A);
  }

  /** dX = dZ·`kernelPart`ᵀ for rows [first, first + dx.rows): the gradient of a dense input (written). */
  inputGradient(first: number, dx: Mat, kernelPart: Mat): void {
    mulInto(dx, this.dGatesView.select(first, dx.rows), kernelPart, TRANSPOSE_B);
  }
}

/** Copies `count` values of `src` from `from` into `dst` from `to`. */
export function copy(src: Vec, from: number, dst: Vec, to: number, count: number): void {
  for (let i = 0; i < count; i++) dst[to + i] = src[from + i]!;
}
