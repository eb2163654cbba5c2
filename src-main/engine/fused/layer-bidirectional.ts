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
  private readonly units: number;
  private readonly inputSize: number;
  private readonly xRev: Vec;
  private readonly bAligned: Vec;
  private readonly out: Vec;
  private readonly dF: Vec;
  private readonly dB: Vec;
  private readonly dBRev: Vec;
  private readonly dx: Vec;
  private f: Vec;
  private b: Vec;
  private steps = 0;
  private batch = 0;
  private lengths: Int32Array | null = null;

  constructor(
    private readonly fwd: FusedLayer,
    private readonly bwd: FusedLayer,
    private readonly mode: MergeMode,
    s: BidirectionalSetup,
  ) {
    const u = fwd.outputSize;
    this.units = u;
    this.inputSize = s.inputSize;
    this.outputSize = mode === 'concat' ? 2 * u : u;
    this.outputIsSequence = fwd.outputIsSequence;
    const rows = s.steps * s.maxBatch;
    const outRows = (this.outputIsSequence ? s.steps : 1) * s.maxBatch;
    this.xRev = allocVec(s.precision, rows * s.inputSize);
    this.dx = allocVec(s.precision, rows * s.inputSize);
    this.bAligned = allocVec(s.precision, outRows * u);
    this.out = allocVec(s.precision, outRows * this.outputSize);
    this.dF = allocVec(s.precision, outRows * u);
    this.dB = allocVec(s.precision, outRows * u);
    this.dBRev = allocVec(s.precision, outRows * u);
    this.f = this.dF;
    this.b = this.dB;
  }

  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec {
    this.steps = steps;
    this.batch = batch;
    this.lengths = ctx.lengths;
    const u = this.units;
    this.f = this.fwd.forward(input, steps, batch, ctx);
    reverseSequences(input, this.xRev, steps, batch, this.inputSize, ctx.lengths);
    const bOut = this.bwd.forward(this.xRev, steps, batch, ctx);
    if (this.outputIsSequence) {
      reverseSequences(bOut, this.bAligned, steps, batch, u, ctx.lengths);
      this.b = this.bAligned;
    } else {
      this.b = bOut;
    }
    const rows = (this.outputIsSequence ? steps : 1) * batch;
    const f = this.f;
    const b = this.b;
    const out = this.out;
    for (let r = 0; r < rows; r++) {
      const o = r * u;
      if (this.mode === 'concat') {
        for (let j = 0; j < u; j++) {
          out[2 * o + j] = f[o + j]!;
          out[2 * o + u + j] = b[o + j]!;
        }
      } else {
        for (let j = 0; j < u; j++) {
          const x = f[o + j]!;
          const y = b[o + j]!;
          out[o + j] = this.mode === 'sum' ? x + y : this.mode === 'ave' ? (x + y) / 2 : x * y;
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
    const dF = this.dF;
    const dB = this.dB;
    for (let r = 0; r < rows; r++) {
      const o = r * u;
      for (let j = 0; j < u; j++) {
        switch (this.mode) {
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
            dF[o + j] = dOut[o + j]! * this.b[o + j]!;
            dB[o + j] = dOut[o + j]! * this.f[o + j]!;
            break;
        }
      }
    }
    let dBackward = dB;
    if (this.outputIsSequence) {
      reverseSequences(dB, this.dBRev, steps, batch, u, this.lengths);
      dBackward = this.dBRev;
    }
    const dxF = this.fwd.backward(dF, needInputGrad);
    const dxR = this.bwd.backward(dBackward, needInputGrad);
    if (!needInputGrad || dxF === null || dxR === null) return null;
    reverseSequences(dxR, this.dx, steps, batch, this.inputSize, this.lengths);
    const n = steps * batch * this.inputSize;
    for (let i = 0; i < n; i++) this.dx[i] = this.dx[i]! + dxF[i]!;
    return this.dx;
  }

  resetStates(): void {
    this.fwd.resetStates();
    this.bwd.resetStates();
  }

  stateBuffers(): Vec[] {
    return [...this.fwd.stateBuffers(), ...this.bwd.stateBuffers()];
  }
}
