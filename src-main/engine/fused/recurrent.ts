import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, columnSumsInto, fillRows, mulInto, TRANSPOSE_A, TRANSPOSE_B } from './gemm.js';
import { mat } from './mat.js';
import { allocVec, type ForwardContext, type FusedLayer, type Precision, type Vec } from './types.js';

/** Where a recurrent layer's weights sit in the model's flat parameter (and gradient) array, and its shape. */
export interface RecurrentSetup {
  readonly params: Vec;
  readonly grads: Vec;
  /** Offset of this layer's kernel in `params`; recurrent kernel and bias follow in Keras order. */
  readonly offset: number;
  readonly inputSize: number;
  readonly units: number;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly stateful: boolean;
  /** Largest batch (the model's batch size) and the fixed number of steps: buffers are sized for them. */
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
}

/**
 * What SimpleRNN, LSTM and GRU share: the flat-array weight offsets, the batched input projection
 * x·W + b over all steps at once, the hidden-state history, carried state, and the weight gradients
 * computed after the time loop as single large products (Xᵀ·dZ, Hprevᵀ·dZ, dZ·Wᵀ) instead of one
 * small product per step.
 *
 * Buffers (time-major, row t·batch + b): `xw` [steps, batch, G·u] input projections; `h` [steps, batch, u]
 * outputs, with the initial state in `h0`; `dzx` the pre-activation gradients seen by the kernel and input
 * bias; `dzh` those seen by the recurrent kernel (the same buffer except for GRU with reset_after).
 *
 * Masking (a batch with lengths, TF1 dynamic_rnn semantics): after each step the cell calls {@link freeze},
 * which copies h(t−1) (and LSTM's c) over h(t) for rows past their length, so `h` holds the frozen state and
 * the last row is the state at step length−1; the sequence output is a copy of `h` with those rows zeroed.
 * In the backward loop such rows call {@link maskRow}: no pre-activation gradient, and dh (dc) pass through.
 */
export abstract class RecurrentLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence: boolean;
  protected readonly p: Vec;
  protected readonly g: Vec;
  protected readonly wOff: number;
  protected readonly rOff: number;
  /** Input bias offset (−1 without bias); the recurrent bias of GRU reset_after follows it. */
  protected readonly bOff: number;
  protected readonly inputSize: number;
  protected readonly units: number;
  /** Columns of the kernels: gates × units. */
  protected readonly width: number;
  protected readonly returnSequences: boolean;
  protected readonly stateful: boolean;
  protected readonly maxBatch: number;
  protected readonly steps: number;
  protected readonly xw: Vec;
  protected readonly h: Vec;
  protected readonly h0: Vec;
  protected readonly state: Vec;
  protected readonly last: Vec;
  protected readonly dzx: Vec;
  protected dzh: Vec;
  /** Running gradient into h(t−1) during the backward loop. */
  protected readonly dhNext: Vec;
  protected readonly dx: Vec;
  protected input: Vec;
  protected batch = 0;
  /** Lengths of the current batch's rows, or null (all steps valid). */
  protected lengths: Int32Array | null = null;
  /** dh of masked rows, kept across the dh(t−1) product that overwrites `dhNext`. */
  protected readonly carry: Vec;
  /** Sequence output with rows past their length zeroed (allocated on the first masked batch). */
  private seqOut: Vec | null = null;
  private readonly precision: Precision;

  protected constructor(s: RecurrentSetup, gates: number) {
    const u = s.units;
    this.outputSize = u;
    this.outputIsSequence = s.returnSequences;
    this.p = s.params;
    this.g = s.grads;
    this.inputSize = s.inputSize;
    this.units = u;
    this.width = gates * u;
    this.wOff = s.offset;
    this.rOff = this.wOff + s.inputSize * this.width;
    this.bOff = s.useBias ? this.rOff + u * this.width : -1;
    this.returnSequences = s.returnSequences;
    this.stateful = s.stateful;
    this.maxBatch = s.maxBatch;
    this.steps = s.steps;
    const rows = s.steps * s.maxBatch;
    this.xw = allocVec(s.precision, rows * this.width);
    this.h = allocVec(s.precision, rows * u);
    this.h0 = allocVec(s.precision, s.maxBatch * u);
    this.state = allocVec(s.precision, s.maxBatch * u);
    this.last = allocVec(s.precision, s.maxBatch * u);
    this.dzx = allocVec(s.precision, rows * this.width);
    this.dzh = this.dzx;
    this.dhNext = allocVec(s.precision, s.maxBatch * u);
    this.dx = allocVec(s.precision, rows * s.inputSize);
    this.input = this.dx;
    this.carry = allocVec(s.precision, s.maxBatch * u);
    this.precision = s.precision;
  }

  resetStates(): void {
    this.state.fill(0);
    this.resetExtraStates();
  }

  stateBuffers(): Vec[] {
    return this.stateful ? [this.state, ...this.extraStates()] : [];
  }

  /** LSTM adds its cell state. */
  protected extraStates(): Vec[] {
    return [];
  }

  /** LSTM zeros its cell state here. */
  protected resetExtraStates(): void {}

  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec {
    if (this.stateful && batch !== this.maxBatch) {
      throw new RangeError(
        `a stateful layer needs every batch to hold exactly batchSize=${this.maxBatch} rows, got ${batch}; ` +
          'drop the final partial batch or use a batch size that divides the rows',
      );
    }
    this.input = input;
    this.batch = batch;
    this.lengths = ctx.lengths;
    const n = batch * this.units;
    if (this.stateful) this.h0.set(this.state); // batch === maxBatch here
    else this.h0.fill(0, 0, n);
    this.loadExtraStates(batch);
    // All steps' input projections in one product: [steps·batch, in] × [in, G·u] (+ input bias).
    const rows = steps * batch;
    fillRows(mat(this.xw, 0, rows, this.width), this.bOff >= 0 ? mat(this.p, this.bOff, 1, this.width) : null);
    mulInto(mat(this.xw, 0, rows, this.width), mat(input, 0, rows, this.inputSize), mat(this.p, this.wOff, this.inputSize, this.width), ACCUMULATE);
    this.runSteps(steps, batch);
    const lastOff = (steps - 1) * n;
    if (this.stateful) {
      for (let i = 0; i < n; i++) this.state[i] = this.h[lastOff + i]!;
      this.saveExtraStates(steps, batch);
    }
    if (this.returnSequences) return this.lengths === null ? this.h : this.zeroPadded(steps, batch, this.lengths);
    for (let i = 0; i < n; i++) this.last[i] = this.h[lastOff + i]!;
    return this.last;
  }

  /** `h` with the rows past each sequence's length zeroed (the masked sequence output). */
  private zeroPadded(steps: number, batch: number, lengths: Int32Array): Vec {
    const u = this.units;
    const out = (this.seqOut ??= allocVec(this.precision, this.steps * this.maxBatch * u));
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        const o = (t * batch + b) * u;
        if (t < lengths[b]!) for (let j = 0; j < u; j++) out[o + j] = this.h[o + j]!;
        else out.fill(0, o, o + u);
      }
    }
    return out;
  }

  /** Whether row b is past its length at step t. */
  protected masked(t: number, b: number): boolean {
    return this.lengths !== null && t >= this.lengths[b]!;
  }

  /** Masking, end of forward step t: rows past their length keep their previous state (h, and LSTM's c). */
  protected freeze(t: number, batch: number): void {
    const lens = this.lengths;
    if (lens === null) return;
    const u = this.units;
    const n = batch * u;
    for (let b = 0; b < batch; b++) {
      if (t < lens[b]!) continue;
      const src = t === 0 ? this.h0 : this.h;
      const so = (t === 0 ? 0 : (t - 1) * n) + b * u;
      const o = t * n + b * u;
      for (let j = 0; j < u; j++) this.h[o + j] = src[so + j]!;
      this.freezeExtra(t, b, batch);
    }
  }

  /** LSTM copies c(t−1) over c(t) for a masked row here. */
  protected freezeExtra(_t: number, _b: number, _batch: number): void {}

  /**
   * Masking, backward step t for row b past its length: zero pre-activation gradients in each of `dzs` (rows
   * of `width` at step t), and dh passes through unchanged (plus dOut at the last step when the layer returns
   * its last state; a masked sequence output is a constant zero). Writes dh to `dhNext` and `carry`.
   */
  protected maskRow(dOut: Vec, t: number, steps: number, b: number, batch: number, dzs: readonly Vec[]): void {
    const u = this.units;
    const w = this.width;
    const zo = (t * batch + b) * w;
    for (const dz of dzs) dz.fill(0, zo, zo + w);
    const n = batch * u;
    const dh = this.dhNext;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const v = (this.returnSequences ? 0 : this.outGrad(dOut, t, steps, k, n)) + dh[k]!;
      dh[k] = v;
      this.carry[k] = v;
    }
  }

  /** After a product that overwrote `dhNext`: masked rows at step t get their passed-through dh back. */
  protected restoreMasked(t: number, batch: number): void {
    const lens = this.lengths;
    if (lens === null) return;
    const u = this.units;
    for (let b = 0; b < batch; b++) {
      if (t < lens[b]!) continue;
      for (let j = 0; j < u; j++) this.dhNext[b * u + j] = this.carry[b * u + j]!;
    }
  }

  /** LSTM copies its carried cell state into the initial slot here. */
  protected loadExtraStates(_batch: number): void {}
  /** LSTM carries its last cell state here. */
  protected saveExtraStates(_steps: number, _batch: number): void {}

  /** The time loop of the cell: fills `h` (and the layer's own saved activations) from `xw` and `h0`. */
  protected abstract runSteps(steps: number, batch: number): void;

  /** The backward time loop: fills `dzx` (and `dzh`) from the output gradient `dOut`. */
  protected abstract backSteps(dOut: Vec, steps: number, batch: number): void;

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    const steps = this.steps;
    const batch = this.batch;
    this.backSteps(dOut, steps, batch);
    const rows = steps * batch;
    const w = this.width;
    // dW = Xᵀ·dZx over all steps at once: [in, rows] × [rows, G·u].
    mulInto(mat(this.g, this.wOff, this.inputSize, w), mat(this.input, 0, rows, this.inputSize), mat(this.dzx, 0, rows, w), TRANSPOSE_A);
    this.recurrentKernelGrad(steps, batch);
    if (this.bOff >= 0) this.biasGrad(rows);
    if (!needInputGrad) return null;
    // dX = dZx·Wᵀ: [rows, G·u] × [G·u, in].
    mulInto(mat(this.dx, 0, rows, this.inputSize), mat(this.dzx, 0, rows, w), mat(this.p, this.wOff, this.inputSize, w), TRANSPOSE_B);
    return this.dx;
  }

  /** Bias gradient: column sums of dZx (GRU reset_after adds its recurrent bias row). */
  protected biasGrad(rows: number): void {
    columnSumsInto(mat(this.g, this.bOff, 1, this.width), mat(this.dzx, 0, rows, this.width));
  }

  /**
   * dR = Σ_t h(t−1)ᵀ·dZh(t): the first step pairs with the initial state h0, the rest with h(0..steps−2),
   * which are contiguous, so two products cover every step.
   */
  protected recurrentKernelGrad(steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    mulInto(mat(this.g, this.rOff, u, w), mat(this.h0, 0, batch, u), mat(this.dzh, 0, batch, w), TRANSPOSE_A);
    if (steps > 1) {
      mulInto(mat(this.g, this.rOff, u, w), mat(this.h, 0, (steps - 1) * batch, u), mat(this.dzh, batch * w, (steps - 1) * batch, w), ACCUMULATE_TRANSPOSE_A);
    }
  }

  /** Buffer and offset of h(t−1) for step t. */
  protected prevOffset(t: number, batch: number): number {
    return t === 0 ? 0 : (t - 1) * batch * this.units;
  }

  /** Gradient arriving at h(t) from above: dOut(t) with returnSequences, else dOut only at the last step. */
  protected outGrad(dOut: Vec, t: number, steps: number, idx: number, n: number): number {
    if (this.returnSequences) return dOut[t * n + idx]!;
    return t === steps - 1 ? dOut[idx]! : 0;
  }
}
