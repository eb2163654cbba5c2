import { createRng, type Rng } from '../../common/rng.js';

/** The model's dropout generator, shared by its Dropout layers (they draw in layer order); replaceable to reseed. */
export interface DropoutSource {
  rng: Rng;
}

/** A dropout source seeded by the trial's seed: `createRng(seed, 'dropout')`. */
export const dropoutSource = (seed: number): DropoutSource => ({ rng: createRng(seed, 'dropout') });
import { allocVec, type ForwardContext, type FusedLayer, type Precision, type Vec } from './types.js';

/** Shape and seed of a Dropout layer. */
export interface DropoutSetup {
  readonly size: number;
  readonly rate: number;
  readonly inputIsSequence: boolean;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
  /** The model's generator (see {@link dropoutSource}). */
  readonly source: DropoutSource;
}

/**
 * Inverted dropout (Keras): in training each value is kept when a uniform draw is ≥ rate and then scaled by
 * 1/(1 − rate), else zeroed; in predict the layer is the identity (returns its input). Masks are drawn from a
 * seeded generator in a fixed order (row-major over the time-major batch), so a trial's training is
 * reproducible; rate 0 draws nothing and is exactly the identity.
 */
export class DropoutLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence: boolean;
  private readonly rate: number;
  private readonly scale: number;
  /** The current mask: 0 or 1/(1 − rate) per value. */
  private readonly mask: Vec;
  private readonly output: Vec;
  private readonly dInput: Vec;
  private readonly source: DropoutSource;
  /** Values masked by the last training forward pass (rows × size). */
  private masked = 0;
  /** Whether the last forward pass was the identity (predict, or rate 0): backward passes dOut through. */
  private identity = true;

  constructor(s: DropoutSetup) {
    this.outputSize = s.size;
    this.outputIsSequence = s.inputIsSequence;
    this.rate = s.rate;
    this.scale = 1 / (1 - s.rate);
    const n = (s.inputIsSequence ? s.steps : 1) * s.maxBatch * s.size;
    this.mask = allocVec(s.precision, n);
    this.output = allocVec(s.precision, n);
    this.dInput = allocVec(s.precision, n);
    this.source = s.source;
  }

  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec {
    this.identity = !ctx.training || this.rate === 0;
    if (this.identity) return input;
    const n = (this.outputIsSequence ? steps : 1) * batch * this.outputSize;
    this.masked = n;
    const rng = this.source.rng;
    for (let i = 0; i < n; i++) {
      const m = rng.next() >= this.rate ? this.scale : 0;
      this.mask[i] = m;
      this.output[i] = input[i]! * m;
    }
    return this.output;
  }

  backward(dOut: Vec, needInputGrad: boolean): Vec | null {
    if (!needInputGrad) return null;
    if (this.identity) return dOut;
    for (let i = 0; i < this.masked; i++) this.dInput[i] = dOut[i]! * this.mask[i]!;
    return this.dInput;
  }

  resetStates(): void {}

  stateBuffers(): Vec[] {
    return [];
  }
}
