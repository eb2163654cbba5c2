import { reverseSequences } from './masking.js';
import { allocVec, type ForwardContext, type FusedLayer, type Precision, type Vec } from './types.js';

/** How the two directions' outputs combine (Keras Bidirectional `merge_mode`). */
export type MergeMode = 'concat' | 'sum' | 'ave' | 'mul';

/** Shapes of a Bidirectional layer: the input width, the largest batch and the fixed steps. */
export interface BidirectionalSetup {
  readonly inputSize: number;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
}

/**
 * Keras Bidirectional over two recurrent layers of the same kind and size (each with its own weights in the
 * flat arrays: forward's, then backward's — Keras order). The backward layer reads each sequence reversed
 * within its length (`tf.reverse_sequence`: it starts at step length−1); with returnSequences its outputs are
 * re-reversed to line up with time, without it its output is its final state (after original step 0).
 * Outputs merge per `mergeMode`: concat [f, b] (2·units wide), sum, ave, or mul (units wide).
 */
export class BidirectionalLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence: boolean;
  /** Units of each direction. */
  private readonly units: number;
  private readonly inputSize: number;
  /** The input reversed within each sequence's length: what the backward layer reads. */
  private readonly reversedInput: Vec;
  /** The backward layer's sequence output re-reversed into time order. */
  private readonly backwardAligned: Vec;
  /** The merged output. */
  private readonly merged: Vec;
  /** Gradients of each direction's output (the backward one in time order, then re-reversed into `dBackwardReversed`). */
  private readonly dForward: Vec;
  private readonly dBackward: Vec;
  private readonly dBackwardReversed: Vec;
  private readonly dInput: Vec;
  /** Each direction's output in time order, from the last forward pass (read by the `mul` merge's gradient). */
  private forwardOut: Vec;
  private backwardOut: Vec;
  private steps = 0;
  private batch = 0;
  private lengths: Int32Array | null = null;

  constructor(
    private readonly forwardLayer: FusedLayer,
    private readonly backwardLayer: FusedLayer,
    private readonly mergeMode: MergeMode,
    s: BidirectionalSetup,
  ) {
    const u = forwardLayer.outputSize;
    this.units = u;
    this.inputSize = s.inputSize;
    this.outputSize = mergeMode === 'concat' ? 2 * u : u;
    this.outputIsSequence = forwardLayer.outputIsSequence;
    const rows = s.steps * s.maxBatch;
    const outRows = (this.outputIsSequence ? s.steps : 1) * s.maxBatch;
    this.reversedInput = allocVec(s.precision, rows * s.inputSize);
    this.dInput = allocVec(s.precision, rows * s.inputSize);
    this.backwardAligned = allocVec(s.precision, outRows * u);
    this.merged = allocVec(s.precision, outRows * this.outputSize);
    this.dForward = allocVec(s.precision, outRows * u);
    this.dBackward = allocVec(s.precision, outRows * u);
    this.dBackwardReversed = allocVec(s.precision, outRows * u);
    this.forwardOut = this.dForward;
    this.backwardOut = this.dBackward;
  }

  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec {
    this.steps = steps;
    this.batch = batch;
    this.lengths = ctx.lengths;
    const u = this.units;
    this.forwardOut = this.forwardLayer.forward(input, steps, batch, ctx);
    reverseSequences(input, this.reversedInput, steps, batch, this.inputSize, ctx.lengths);
    const reversedOut = this.backwardLayer.forward(this.reversedInput, steps, batch, ctx);
    if (this.outputIsSequence) {
      reverseSequences(reversedOut, this.backwardAligned, steps, batch, u, ctx.lengths);
      this.backwardOut = this.backwardAligned;
    } else {
      this.backwardOut = reversedOut;
    }
    const rows = (this.outputIsSequence ? steps : 1) * batch;
    const f = this.forwardOut;
    const b = this.backwardOut;
    const out = this.merged;
    for (let r = 0; r < rows; r++) {
      const o = r * u;
      if (this.mergeMode === 'concat') {
        for (let j = 0; j < u; j++) {
          out[2 * o + j] = f[o + j]!;
          out[2 * o + u + j] = b[o + j]!;
        }
      } else {
        for (let j = 0; j < u; j++) {
          const x = f[o + j]!;
          const y = b[o + j]!;
          out[o + j] = this.mergeMode === 'sum' ? x + y : this.mergeMode === 'ave' ? (x + y) / 2 : x * y;
        }
      }
    }
    return out;
  }

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    const u = this.units;
    const steps = this.steps;
    const batch = this.batch;
    const rows = (this.outputIsSequence ? steps : 1) * batch;
    const dF = this.dForward;
    const dB = this.dBackward;
    for (let r = 0; r < rows; r++) {
      const o = r * u;
      for (let j = 0; j < u; j++) {
        switch (this.mergeMode) {
          case 'concat':
            dF[o + j] = dOut[2 * o + j]!;
            dB[o + j] = dOut[2 * o + u + j]!;
            break;
          case 'sum':
            dF[o + j] = dOut[o + j]!;
            dB[o + j] = dOut[o + j]!;
            break;
          case 'ave':
            dF[o + j] = dOut[o + j]! / 2;
            dB[o + j] = dOut[o + j]! / 2;
            break;
          case 'mul':
            dF[o + j] = dOut[o + j]! * this.backwardOut[o + j]!;
            dB[o + j] = dOut[o + j]! * this.forwardOut[o + j]!;
            break;
        }
      }
    }
    let dReversedOut = dB;
    if (this.outputIsSequence) {
      reverseSequences(dB, this.dBackwardReversed, steps, batch, u, this.lengths);
      dReversedOut = this.dBackwardReversed;
    }
    const dxForward = this.forwardLayer.backward(dF, needInputGrad);
    const dxReversed = this.backwardLayer.backward(dReversedOut, needInputGrad);
    if (!needInputGrad || dxForward === null || dxReversed === null) return null;
    reverseSequences(dxReversed, this.dInput, steps, batch, this.inputSize, this.lengths);
    const n = steps * batch * this.inputSize;
    for (let i = 0; i < n; i++) this.dInput[i] = this.dInput[i]! + dxForward[i]!;
    return this.dInput;
  }

  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  stateBuffers(): Vec[] {
    return [...this.forwardLayer.stateBuffers(), ...this.backwardLayer.stateBuffers()];
  }
}
