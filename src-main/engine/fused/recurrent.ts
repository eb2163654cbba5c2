import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, columnSumsInto, fillRows, mulInto, PackedWeights, repackWeights, TRANSPOSE_A, TRANSPOSE_B } from './gemm.js';
import { inputView, mat, type Mat } from './mat.js';
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

/** What a cell declares to its layer: columns of its kernels (gates × units) and its state vectors, in Keras order. */
export interface CellShape {
  /** Gate blocks of the kernels (1 SimpleRNN, 3 GRU, 4 LSTM): the kernels are [in, gates·units] and [units, gates·units]. */
  readonly gates: number;
  /** Names of the state vectors, the output first: ['h'] (SimpleRNN, GRU) or ['h', 'c'] (LSTM). */
  readonly states: readonly string[];
  /**
   * Whether the recurrent kernel sees other pre-activation gradients than the kernel and input bias (GRU
   * reset_after: r·dhh in the candidate block), so `dPreactRecurrent` is a buffer of its own; default false.
   */
  readonly separateRecurrentGradient?: boolean;
}

/** One state vector of a cell (h, or LSTM's c) and the buffers the layer keeps for it; each row is `units` wide. */
export interface CellState {
  readonly name: string;
  /** [steps, batch, units], time-major: the state after each step of the current batch (for h, the outputs). */
  readonly history: Vec;
  /** [batch, units]: the state before step 0 (the carried state when stateful, else zeros). */
  readonly initial: Vec;
  /** [batch, units]: the state carried to the next batch (stateful layers only). */
  readonly carried: Vec;
  /** [batch, units]: in the backward loop, the gradient with respect to this state at step t, then at t − 1. */
  readonly grad: Vec;
  /** [batch, units]: the gradient of masked rows, kept while a backward step overwrites `grad`. */
  readonly passThrough: Vec;
  /** Views of `history` (a step, or several), `initial` and `grad`, re-pointed before each product. */
  readonly historyView: Mat;
  readonly initialView: Mat;
  readonly gradView: Mat;
}

/**
 * The layer around a recurrent cell (Keras' `RNN`): it owns the weights' views, the time loop, the state and its
 * carry across batches, masking, and the weight gradients; the subclass is the cell and computes one step,
 * forward ({@link stepForward}) and backward ({@link stepBackward}, {@link backThroughRecurrentKernel}).
 *
 * The input projection x·W + b is one product over all steps before the loop, and the weight gradients are single
 * large products after it (Xᵀ·dZ, Hprevᵀ·dZ, dZ·Wᵀ) instead of one small product per step.
 *
 * Buffers are time-major (row t·batch + b is step t of sequence b): `gates` [steps, batch, G·u] holds x·W + b,
 * which the cells overwrite with their gate outputs; each state's `history` [steps, batch, u] (h's is the output
 * sequence), with its value before step 0 in `initial`; `dPreact` the gradients of the gate pre-activations as the
 * kernel and input bias see them, `dPreactRecurrent` as the recurrent kernel sees them (the same buffer except for
 * GRU with reset_after).
 *
 * Masking (a batch with lengths, TF1 dynamic_rnn semantics), here and not in the cells: after forward step t the
 * rows past their length get every state of step t − 1 back (frozen), so each history's row at the last step is
 * the state at step length − 1, and the sequence output is a copy of h with those rows zeroed. Backward, such
 * rows have no pre-activation gradient, and each state's gradient passes through unchanged (h's plus dOut at the
 * last step when the layer returns its last state; a masked sequence output is a constant zero): the cells compute
 * every row, and the layer zeros the masked rows of dPreact before the recurrent products and restores their
 * state gradients after.
 */
export abstract class RecurrentLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence: boolean;
  protected readonly inputSize: number;
  protected readonly units: number;
  /** Columns of the kernels: gates × units. */
  protected readonly width: number;
  protected readonly returnSequences: boolean;
  protected readonly stateful: boolean;
  protected readonly maxBatch: number;
  protected readonly steps: number;
  /** Views of the weights in the model's flat arrays: kernel W [in, G·u], recurrent kernel R [u, G·u], bias [1, G·u]. */
  protected readonly kernel: Mat;
  protected readonly recurrentKernel: Mat;
  /**
   * R for h(t−1)·R in the forward steps and Rᵀ for dZ(t)·Rᵀ in the backward steps: repacked at the start of each
   * pass ({@link repackWeights}), so the steps of a pass multiply by a packed R where the tier packs.
   */
  protected readonly recurrentPacked: PackedWeights;
  protected readonly recurrentPackedTransposed: PackedWeights;
  /** The input bias, or null without bias (GRU reset_after's recurrent bias row follows it). */
  protected readonly bias: Mat | null;
  /** The same views in the gradient array. */
  protected readonly kernelGrad: Mat;
  protected readonly recurrentKernelGrad: Mat;
  protected readonly biasGrad: Mat | null;
  /** [steps, batch, G·u]: x·W + b (+ h(t−1)·R), overwritten by the cells with their gate outputs. */
  protected readonly gates: Vec;
  /** The cell's state vectors in the order it declared them; `hidden` (h, the output) is the first. */
  protected readonly states: readonly CellState[];
  protected readonly hidden: CellState;
  /** [steps, batch, G·u]: d(loss)/d(pre-activations), as the kernel and input bias see them. */
  protected readonly dPreact: Vec;
  /** As the recurrent kernel sees them: `dPreact` itself, unless the cell asks for its own (GRU reset_after). */
  protected readonly dPreactRecurrent: Vec;
  /** [steps, batch, in]: d(loss)/d(input). */
  private readonly dInput: Vec;
  /** [batch, u]: the output without returnSequences (h at the last step). */
  private readonly lastOutput: Vec;
  /** The sequence output with rows past their length zeroed (allocated on the first masked batch). */
  private maskedOutput: Vec | null = null;
  /** Views of `gates`, `dPreact`, `dPreactRecurrent` and `dInput`, re-pointed (Mat.select) before each product. */
  protected readonly gatesView: Mat;
  protected readonly dPreactView: Mat;
  protected readonly dPreactRecurrentView: Mat;
  private readonly dInputView: Mat;
  /** The input of the last forward pass, [steps·batch, in] (read by the weight gradients). */
  private input: Mat | null = null;
  protected batch = 0;
  /** Lengths of the current batch's rows, or null (all steps valid). */
  protected lengths: Int32Array | null = null;
  private readonly precision: Precision;

  protected constructor(s: RecurrentSetup, cell: CellShape) {
    const u = s.units;
    const w = cell.gates * u;
    this.outputSize = u;
    this.outputIsSequence = s.returnSequences;
    this.inputSize = s.inputSize;
    this.units = u;
    this.width = w;
    this.returnSequences = s.returnSequences;
    this.stateful = s.stateful;
    this.maxBatch = s.maxBatch;
    this.steps = s.steps;
    this.precision = s.precision;
    const recurrentOffset = s.offset + s.inputSize * w;
    const biasOffset = recurrentOffset + u * w;
    this.kernel = mat(s.params, s.offset, s.inputSize, w);
    this.recurrentKernel = mat(s.params, recurrentOffset, u, w);
    this.recurrentPacked = new PackedWeights(this.recurrentKernel, false);
    this.recurrentPackedTransposed = new PackedWeights(this.recurrentKernel, true);
    this.bias = s.useBias ? mat(s.params, biasOffset, 1, w) : null;
    this.kernelGrad = mat(s.grads, s.offset, s.inputSize, w);
    this.recurrentKernelGrad = mat(s.grads, recurrentOffset, u, w);
    this.biasGrad = s.useBias ? mat(s.grads, biasOffset, 1, w) : null;
    const rows = s.steps * s.maxBatch;
    const vec = (length: number) => allocVec(s.precision, length);
    this.gates = vec(rows * w);
    this.states = cell.states.map((name) => {
      const history = vec(rows * u);
      const initial = vec(s.maxBatch * u);
      const grad = vec(s.maxBatch * u);
      return {
        name,
        history,
        initial,
        carried: vec(s.maxBatch * u),
        grad,
        passThrough: vec(s.maxBatch * u),
        historyView: mat(history, 0, rows, u),
        initialView: mat(initial, 0, s.maxBatch, u),
        gradView: mat(grad, 0, s.maxBatch, u),
      };
    });
    this.hidden = this.states[0]!;
    this.dPreact = vec(rows * w);
    this.dPreactRecurrent = cell.separateRecurrentGradient === true ? vec(rows * w) : this.dPreact;
    this.dInput = vec(rows * s.inputSize);
    this.lastOutput = vec(s.maxBatch * u);
    this.gatesView = mat(this.gates, 0, rows, w);
    this.dPreactView = mat(this.dPreact, 0, rows, w);
    this.dPreactRecurrentView = mat(this.dPreactRecurrent, 0, rows, w);
    this.dInputView = mat(this.dInput, 0, rows, s.inputSize);
  }

  resetStates(): void {
    for (let i = 0; i < this.states.length; i++) this.states[i]!.carried.fill(0);
  }

  stateBuffers(): Vec[] {
    return this.stateful ? this.states.map((s) => s.carried) : [];
  }

  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec {
    if (this.stateful && batch !== this.maxBatch) {
      throw new RangeError(
        `a stateful layer needs every batch to hold exactly batchSize=${this.maxBatch} rows, got ${batch}; ` +
          'drop the final partial batch or use a batch size that divides the rows',
      );
    }
    const rows = steps * batch;
    this.input = inputView(this.input, input, rows, this.inputSize);
    this.batch = batch;
    this.lengths = ctx.lengths;
    if (this.multipliesWholeRecurrentKernel()) repackWeights(this.recurrentPacked, batch); // the weights may have changed since the last pass
    const n = batch * this.units;
    for (let i = 0; i < this.states.length; i++) {
      const s = this.states[i]!;
      if (this.stateful) s.initial.set(s.carried); // batch === maxBatch here
      else s.initial.fill(0, 0, n);
    }
    // All steps' input projections in one product: [steps·batch, in] × [in, G·u] (+ input bias).
    const projections = this.gatesView.select(0, rows);
    fillRows(projections, this.bias);
    mulInto(projections, this.input, this.kernel, ACCUMULATE);
    for (let t = 0; t < steps; t++) {
      this.stepForward(t, batch);
      if (this.lengths !== null) this.freezeMasked(t, batch, this.lengths);
    }
    const lastOff = (steps - 1) * n;
    if (this.stateful) {
      for (let i = 0; i < this.states.length; i++) copy(this.states[i]!.history, lastOff, this.states[i]!.carried, 0, n);
    }
    const h = this.hidden.history;
    if (this.returnSequences) return this.lengths === null ? h : this.zeroPadded(steps, batch, this.lengths);
    copy(h, lastOff, this.lastOutput, 0, n);
    return this.lastOutput;
  }

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    const steps = this.steps;
    const batch = this.batch;
    const n = batch * this.units;
    for (let i = 0; i < this.states.length; i++) this.states[i]!.grad.fill(0, 0, n);
    const lengths = this.lengths;
    if (this.multipliesWholeRecurrentKernel()) repackWeights(this.recurrentPackedTransposed, batch);
    for (let t = steps - 1; t >= 0; t--) {
      if (lengths !== null) {
        this.maskedStepBackward(dOut, t, steps, batch, lengths);
        continue;
      }
      this.stepBackward(dOut, t, steps, batch);
      this.backThroughRecurrentKernel(t, batch);
    }
    const rows = steps * batch;
    // dW = Xᵀ·dZ over all steps at once: [in, rows] × [rows, G·u].
    mulInto(this.kernelGrad, this.input!, this.dPreactView.select(0, rows), TRANSPOSE_A);
    this.recurrentKernelGradients(steps, batch);
    if (this.biasGrad !== null) this.biasGradients(rows);
    if (!needInputGrad) return null;
    // dX = dZ·Wᵀ: [rows, G·u] × [G·u, in].
    mulInto(this.dInputView.select(0, rows), this.dPreactView.select(0, rows), this.kernel, TRANSPOSE_B);
    return this.dInput;
  }

  /** Whether the cell's steps multiply by the whole recurrent kernel (through `recurrentPacked*`), so it is packed per pass. */
  protected multipliesWholeRecurrentKernel(): boolean {
    return true;
  }

  /**
   * Forward step t of the cell: from `gates` at step t (x·W + b) and every state at step t − 1
   * ({@link previous}), writes each state's `history` at step t (and what the cell saves for its backward step).
   */
  protected abstract stepForward(t: number, batch: number): void;

  /**
   * Backward step t of the cell, element-wise part, for every row: from the gradient arriving at h(t)
   * ({@link outputGradient} plus `hidden.grad`) and the other states' `grad`, writes the pre-activation gradients
   * of step t (`dPreact`, and `dPreactRecurrent` when distinct) and the direct part of each state's gradient at
   * t − 1 into its `grad`.
   */
  protected abstract stepBackward(dOut: Vec, t: number, steps: number, batch: number): void;

  /**
   * Backward step t of the cell, after the masked rows' pre-activation gradients were zeroed: the products through
   * the recurrent kernel that complete `hidden.grad` for step t − 1 (none at step 0: the initial state is a constant).
   */
  protected abstract backThroughRecurrentKernel(t: number, batch: number): void;

  /** Bias gradient: column sums of dPreact (GRU reset_after adds its recurrent bias row). */
  protected biasGradients(rows: number): void {
    columnSumsInto(this.biasGrad!, this.dPreactView.select(0, rows));
  }

  /**
   * dR = Σ_t h(t−1)ᵀ·dZ(t): the first step pairs with the initial state, the rest with h(0..steps−2), which are
   * contiguous, so two products cover every step.
   */
  protected recurrentKernelGradients(steps: number, batch: number): void {
    const dZ = this.dPreactRecurrentView;
    mulInto(this.recurrentKernelGrad, this.hidden.initialView.select(0, batch), dZ.select(0, batch), TRANSPOSE_A);
    if (steps > 1) {
      const later = (steps - 1) * batch;
      mulInto(this.recurrentKernelGrad, this.hidden.historyView.select(0, later), dZ.select(batch, later), ACCUMULATE_TRANSPOSE_A);
    }
  }

  /** The [batch, u] view of a state before step t: its initial value for t = 0, else its history at t − 1. */
  protected previous(state: CellState, t: number, batch: number): Mat {
    return t === 0 ? state.initialView.select(0, batch) : state.historyView.select((t - 1) * batch, batch);
  }

  /** Step t's rows ([batch, cols]) of a time-major view: `view` re-pointed. */
  protected step(view: Mat, t: number, batch: number): Mat {
    return view.select(t * batch, batch);
  }

  /** Gradient arriving at h(t) from above (entry `idx` of the step's [batch, u] block): dOut(t) with returnSequences, else dOut at the last step only. */
  protected outputGradient(dOut: Vec, t: number, steps: number, idx: number, n: number): number {
    if (this.returnSequences) return dOut[t * n + idx]!;
    return t === steps - 1 ? dOut[idx]! : 0;
  }

  /** Masking, end of forward step t: rows past their length get every state of step t − 1 back. */
  private freezeMasked(t: number, batch: number, lengths: Int32Array): void {
    const u = this.units;
    for (let b = 0; b < batch; b++) {
      if (t < lengths[b]!) continue;
      const at = (t * batch + b) * u;
      for (const s of this.states) {
        const prev = this.previous(s, t, batch);
        copy(prev.data, prev.offset + b * u, s.history, at, u);
      }
    }
  }

  /**
   * Backward step t of a batch with lengths: the cell's step for every row, then the masked rows' state gradients
   * pass through unchanged and they contribute no pre-activation gradient.
   */
  private maskedStepBackward(dOut: Vec, t: number, steps: number, batch: number, lengths: Int32Array): void {
    const masked = this.keepMaskedGradients(dOut, t, steps, batch, lengths);
    this.stepBackward(dOut, t, steps, batch);
    if (masked) this.zeroMaskedPreact(t, batch, lengths);
    this.backThroughRecurrentKernel(t, batch);
    if (masked) this.restoreMaskedGradients(t, batch, lengths);
  }

  /**
   * Masking, backward step t, before the cell's step: keeps each masked row's state gradients in `passThrough`
   * (h's plus dOut at the last step when the layer returns its last state). Returns whether any row is masked.
   */
  private keepMaskedGradients(dOut: Vec, t: number, steps: number, batch: number, lengths: Int32Array): boolean {
    const u = this.units;
    const n = batch * u;
    let any = false;
    for (let b = 0; b < batch; b++) {
      if (t < lengths[b]!) continue;
      any = true;
      for (const s of this.states) {
        const isHidden = s === this.hidden;
        for (let k = b * u; k < (b + 1) * u; k++) {
          s.passThrough[k] = isHidden ? (this.returnSequences ? 0 : this.outputGradient(dOut, t, steps, k, n)) + s.grad[k]! : s.grad[k]!;
        }
      }
    }
    return any;
  }

  /** Masking, backward step t: masked rows have no pre-activation gradient (so the products add nothing for them). */
  private zeroMaskedPreact(t: number, batch: number, lengths: Int32Array): void {
    const w = this.width;
    for (let b = 0; b < batch; b++) {
      if (t < lengths[b]!) continue;
      const at = (t * batch + b) * w;
      this.dPreact.fill(0, at, at + w);
      if (this.dPreactRecurrent !== this.dPreact) this.dPreactRecurrent.fill(0, at, at + w);
    }
  }

  /** Masking, backward step t, after the cell's step: masked rows get their passed-through state gradients back. */
  private restoreMaskedGradients(t: number, batch: number, lengths: Int32Array): void {
    const u = this.units;
    for (let b = 0; b < batch; b++) {
      if (t < lengths[b]!) continue;
      for (const s of this.states) copy(s.passThrough, b * u, s.grad, b * u, u);
    }
  }

  /** `h` with the rows past each sequence's length zeroed (the masked sequence output). */
  private zeroPadded(steps: number, batch: number, lengths: Int32Array): Vec {
    const u = this.units;
    const h = this.hidden.history;
    const out = (this.maskedOutput ??= allocVec(this.precision, this.steps * this.maxBatch * u));
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        const o = (t * batch + b) * u;
        if (t < lengths[b]!) copy(h, o, out, o, u);
        else out.fill(0, o, o + u);
      }
    }
    return out;
  }
}

/** Copies `count` values of `src` from `from` into `dst` from `to` (a loop: no subarray views on the hot path). */
function copy(src: Vec, from: number, dst: Vec, to: number, count: number): void {
  for (let i = 0; i < count; i++) dst[to + i] = src[from + i]!;
}
