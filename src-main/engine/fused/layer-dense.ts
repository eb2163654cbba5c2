import { Act, activateInPlace, derivFromOutput, softmaxRows } from './activations.js';
import { columnSums, fillRows, gemm } from './gemm.js';
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
  private readonly p: Vec;
  private readonly g: Vec;
  private readonly wOff: number;
  private readonly bOff: number;
  private readonly inputSize: number;
  private readonly units: number;
  private readonly act: Act;
  /** Pre-activations (logits) [rows, units]. */
  readonly z: Vec;
  private readonly y: Vec;
  private readonly dz: Vec;
  private readonly dx: Vec;
  private input: Vec;
  private rows = 0;

  constructor(s: DenseSetup, activation: Act) {
    this.outputSize = s.units;
    this.outputIsSequence = s.inputIsSequence;
    this.p = s.params;
    this.g = s.grads;
    this.wOff = s.offset;
    this.bOff = s.useBias ? s.offset + s.inputSize * s.units : -1;
    this.inputSize = s.inputSize;
    this.units = s.units;
    this.act = activation;
    const rows = (s.inputIsSequence ? s.steps : 1) * s.maxBatch;
    this.z = allocVec(s.precision, rows * s.units);
    this.y = activation === Act.Linear ? this.z : allocVec(s.precision, rows * s.units);
    this.dz = allocVec(s.precision, rows * s.units);
    this.dx = allocVec(s.precision, rows * s.inputSize);
    this.input = this.dx;
  }

  forward(input: Vec, steps: number, batch: number): Vec {
    const rows = (this.outputIsSequence ? steps : 1) * batch;
    const u = this.units;
    this.input = input;
    this.rows = rows;
    fillRows(this.z, rows, u, this.bOff >= 0 ? this.p : null, this.bOff);
    gemm(rows, u, this.inputSize, input, 0, this.inputSize, 1, this.p, this.wOff, u, 1, this.z, 0, u, true);
    if (this.act === Act.Softmax) softmaxRows(this.z, this.y, rows, u);
    else if (this.act !== Act.Linear) {
      for (let i = 0; i < rows * u; i++) this.y[i] = this.z[i]!;
      activateInPlace(this.act, this.y, 0, rows * u);
    }
    return this.y;
  }

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    const rows = this.rows;
    const u = this.units;
    const dz = this.dz;
    const y = this.y;
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
    gemm(this.inputSize, u, rows, this.input, 0, 1, this.inputSize, dz, 0, u, 1, this.g, this.wOff, u, false);
    if (this.bOff >= 0) columnSums(dz, 0, u, rows, u, this.g, this.bOff);
    if (!needInputGrad) return null;
    gemm(rows, this.inputSize, u, dz, 0, u, 1, this.p, this.wOff, 1, u, this.dx, 0, this.inputSize, false);
    return this.dx;
  }

  resetStates(): void {}

  stateBuffers(): Vec[] {
    return [];
  }
}
