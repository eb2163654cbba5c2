import { allocVec, type FusedLayer, type Precision, type Vec } from './types.js';

/** Where an Embedding's matrix sits in the flat arrays, and its shape. */
export interface EmbeddingSetup {
  readonly params: Vec;
  readonly grads: Vec;
  /** Offset of the embeddings [inputDim, outputDim] in `params`. */
  readonly offset: number;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
}

/**
 * Keras Embedding as the first layer: the input holds one token id per step (features = 1, stored as a float);
 * row t·batch + b of the output is row id of the embeddings matrix. The gradient is a scatter-add of the
 * output gradient into the rows that were used (rows not used get zero). Ids have no gradient.
 */
export class EmbeddingLayer implements FusedLayer {
  readonly outputSize: number;
  readonly outputIsSequence = true;
  private readonly params: Vec;
  private readonly grads: Vec;
  /** Offset of the embeddings matrix [inputDim, outputDim] in `params` and `grads`. */
  private readonly offset: number;
  private readonly inputDim: number;
  /** [steps, batch, outputDim]: the looked-up rows. */
  private readonly output: Vec;
  /** The token id of each row of the last forward pass (which embedding rows the gradient scatters into). */
  private readonly ids: Int32Array;
  /** Rows of the last forward pass: steps·batch. */
  private rows = 0;

  constructor(s: EmbeddingSetup) {
    this.outputSize = s.outputDim;
    this.params = s.params;
    this.grads = s.grads;
    this.offset = s.offset;
    this.inputDim = s.inputDim;
    this.output = allocVec(s.precision, s.steps * s.maxBatch * s.outputDim);
    this.ids = new Int32Array(s.steps * s.maxBatch);
  }

  forward(input: Vec, steps: number, batch: number): Vec {
    const d = this.outputSize;
    const rows = steps * batch;
    this.rows = rows;
    for (let r = 0; r < rows; r++) {
      const id = input[r]!;
      if (!(Number.isInteger(id) && id >= 0 && id < this.inputDim)) {
        throw new RangeError(`embedding: token id ${id} at step ${Math.floor(r / batch)} of batch row ${r % batch} is not an integer in 0..${this.inputDim - 1} (inputDim)`);
      }
      this.ids[r] = id;
      const src = this.offset + id * d;
      for (let j = 0; j < d; j++) this.output[r * d + j] = this.params[src + j]!;
    }
    return this.output;
  }

  backward(dOut: Vec): null {
    const d = this.outputSize;
    this.grads.fill(0, this.offset, this.offset + this.inputDim * d);
    for (let r = 0; r < this.rows; r++) {
      const dst = this.offset + this.ids[r]! * d;
      for (let j = 0; j < d; j++) this.grads[dst + j] = this.grads[dst + j]! + dOut[r * d + j]!;
    }
    return null;
  }

  resetStates(): void {}

  stateBuffers(): Vec[] {
    return [];
  }
}
