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
  private readonly p: Vec;
  private readonly g: Vec;
  private readonly off: number;
  private readonly inputDim: number;
  private readonly out: Vec;
  private readonly ids: Int32Array;
  private rows = 0;

  constructor(s: EmbeddingSetup) {
    this.outputSize = s.outputDim;
    this.p = s.params;
    this.g = s.grads;
    this.off = s.offset;
    this.inputDim = s.inputDim;
    this.out = allocVec(s.precision, s.steps * s.maxBatch * s.outputDim);
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
      const src = this.off + id * d;
      for (let j = 0; j < d; j++) this.out[r * d + j] = this.p[src + j]!;
    }
    return this.out;
  }

  backward(dOut: Vec): null {
    const d = this.outputSize;
    this.g.fill(0, this.off, this.off + this.inputDim * d);
    for (let r = 0; r < this.rows; r++) {
      const dst = this.off + this.ids[r]! * d;
      for (let j = 0; j < d; j++) this.g[dst + j] = this.g[dst + j]! + dOut[r * d + j]!;
    }
    return null;
  }

  resetStates(): void {}

  stateBuffers(): Vec[] {
    return [];
  }
}
