import { Act, activateInPlace, derivFromOutput, softmaxRows } from './activations.js';
import { ACCUMULATE, columnSumsInto, fillRows, mulInto, TRANSPOSE_A, TRANSPOSE_B } from './gemm.js';
import { inputView, mat, type Mat } from './mat.js';
import { allocVec, type FusedLayer, type Precision, type Vec } from './types.js';

/** Where a Dense layer's weights sit in the flat arrays, and its shape. */
export interface DenseSetup {
  readonly params: Vec;
  readonly grads: Vec;
  /** Offset of the kernel [in, units] in `params`; the bias [units] follows. */
  readonly offset: number;
  readonly inputSize: number;
  readonly units: number;
  readonly useBias: boolean;
  /** A Dense on a 3-D input applies to every step (Keras semantics), i.e. to steps·batch rows. */
  readonly inputIsSequence: boolean;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
}

/** Keras Dense: y = act(x·W + b) on each row (each step of each sequence when the input is a sequence). */
export class DenseLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence: boolean;
  /**
   * Set by the model when a cross-entropy loss hands this (softmax) layer the gradient with respect to its
   * logits directly: (softmax − target) is exact and cheaper than going through the softmax Jacobian.
   */
  logitGradient = false;
  /** Views of the kernel [in, units] and bias [1, units] in the model's parameter and gradient arrays. */
  private readonly kernel: Mat;
  private readonly bias: Mat | null;
  private readonly kernelGrad: Mat;
  private readonly biasGrad: Mat | null;
  private readonly inputSize: number;
  private readonly units: number;
  /** Code of the layer's `activation`. */
  private readonly act: Act;
  /** Pre-activations (the logits of a softmax) [rows, units]. */
  readonly preact: Vec;
  /** Outputs act(preact) [rows, units] (`preact` itself for a linear layer). */
  private readonly output: Vec;
  private readonly dPreact: Vec;
  private readonly dInput: Vec;
  /** The input of the last forward pass, [rows, in] (read by the kernel gradient). */
  private input: Mat | null = null;
  /** Views of `preact`, `dPreact` and `dInput`, re-pointed (Mat.select) at the rows of each batch. */
  private readonly preactView: Mat;
  private readonly dPreactView: Mat;
  private readonly dInputView: Mat;
  /** Rows of the last forward pass: batch, or steps·batch on a sequence. */
  private rows = 0;

  constructor(s: DenseSetup, activation: Act) {
    this.outputSize = s.units;
    this.outputIsSequence = s.inputIsSequence;
    const biasOffset = s.offset + s.inputSize * s.units;
    this.kernel = mat(s.params, s.offset, s.inputSize, s.units);
    this.bias = s.useBias ? mat(s.params, biasOffset, 1, s.units) : null;
    this.kernelGrad = mat(s.grads, s.offset, s.inputSize, s.units);
    this.biasGrad = s.useBias ? mat(s.grads, biasOffset, 1, s.units) : null;
    this.inputSize = s.inputSize;
    this.units = s.units;
    this.act = activation;
    const rows = (s.inputIsSequence ? s.steps : 1) * s.maxBatch;
    this.preact = allocVec(s.precision, rows * s.units);
    this.output = activation === Act.Linear ? this.preact : allocVec(s.precision, rows * s.units);
    this.dPreact = allocVec(s.precision, rows * s.units);
    this.dInput = allocVec(s.precision, rows * s.inputSize);
    this.preactView = mat(this.preact, 0, rows, s.units);
    this.dPreactView = mat(this.dPreact, 0, rows, s.units);
    this.dInputView = mat(this.dInput, 0, rows, s.inputSize);
  }

  forward(input: Vec, steps: number, batch: number): Vec {
    const rows = (this.outputIsSequence ? steps : 1) * batch;
    const u = this.units;
    this.rows = rows;
    this.input = inputView(this.input, input, rows, this.inputSize);
    const preact = this.preactView.select(0, rows);
    fillRows(preact, this.bias);
    mulInto(preact, this.input, this.kernel, ACCUMULATE);
    if (this.act === Act.Softmax) softmaxRows(this.preact, this.output, rows, u);
    else if (this.act !== Act.Linear) {
      for (let i = 0; i < rows * u; i++) this.output[i] = this.preact[i]!;
      activateInPlace(this.act, this.output, 0, rows * u);
    }
    return this.output;
  }

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    const rows = this.rows;
    const u = this.units;
    const dz = this.dPreact;
    const y = this.output;
    if (this.logitGradient || this.act === Act.Linear) {
      for (let i = 0; i < rows * u; i++) dz[i] = dOut[i]!;
    } else if (this.act === Act.Softmax) {
      // Softmax Jacobian-vector product: dz_j = y_j·(dy_j − Σ_k dy_k·y_k).
      for (let r = 0; r < rows; r++) {
        const o = r * u;
        let s = 0;
        for (let j = 0; j < u; j++) s += dOut[o + j]! * y[o + j]!;
        for (let j = 0; j < u; j++) dz[o + j] = y[o + j]! * (dOut[o + j]! - s);
      }
    } else {
      for (let i = 0; i < rows * u; i++) dz[i] = dOut[i]! * derivFromOutput(this.act, y[i]!);
    }
    const dPreact = this.dPreactView.select(0, rows);
    mulInto(this.kernelGrad, this.input!, dPreact, TRANSPOSE_A);
    if (this.biasGrad !== null) columnSumsInto(this.biasGrad, dPreact);
    if (!needInputGrad) return null;
    mulInto(this.dInputView.select(0, rows), dPreact, this.kernel, TRANSPOSE_B);
    return this.dInput;
  }

  resetStates(): void {}

  stateBuffers(): Vec[] {
    return [];
  }
}
