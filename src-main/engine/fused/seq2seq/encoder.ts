import { mat } from '../mat.js';
import { reverseSequences } from '../masking.js';
import { allocVec, type Precision, type Vec } from '../types.js';
import { copy, LstmRun } from './lstm-run.js';

/** One encoder layer: its forward direction, and its backward one with a bidirectional encoder. */
interface EncoderLayer {
  readonly forward: LstmRun;
  readonly backward: LstmRun | null;
  /** Output width: u, or 2u when bidirectional ([h_fw; h_bw]). */
  readonly width: number;
}

/**
 * The masked LSTM encoder stack (one-hot source ids in): each layer's output sequence feeds the next; with a
 * bidirectional encoder each layer is a forward and a backward LSTM, the backward one reading each sequence
 * reversed within its length (`tf.reverse_sequence`), their outputs concatenated per step in time order and
 * their final states concatenated ([h_fw; h_bw], [c_fw; c_bw]). Final states are those at step length − 1
 * (masking freezes the state past it). Buffers are time-major and grow on demand.
 */
export class Encoder {
  readonly layers: readonly EncoderLayer[];
  private readonly precision: Precision;
  private readonly bidirectional: boolean;
  private steps = 0;
  private batch = 0;
  private lengths: Int32Array = new Int32Array(0);
  /** Time-major ids [Ts, B] and, bidirectional, reversed within each length. */
  private ids: Int32Array = new Int32Array(0);
  private reversedIds: Int32Array = new Int32Array(0);
  /** Per layer: the output [Ts, B, width] (bidirectional only; else the forward run's h), its gradient, and scratch. */
  private outputs: Vec[] = [];
  private dOutputs: Vec[] = [];
  private scratchA: Vec = new Float64Array(0);
  private scratchB: Vec = new Float64Array(0);
  private capacity = 0;

  /** The layers' runs over `params`/`grads` from `offset` (layout order); returns via {@link end} where the next weight starts. */
  constructor(params: Vec, grads: Vec, offset: number, vocab: number, units: readonly number[], bidirectional: boolean, precision: Precision) {
    this.precision = precision;
    this.bidirectional = bidirectional;
    const layers: EncoderLayer[] = [];
    let input = vocab;
    let at = offset;
    for (const u of units) {
      const forward = new LstmRun(params, grads, at, input, u, precision);
      at = forward.end;
      let backward: LstmRun | null = null;
      if (bidirectional) {
        backward = new LstmRun(params, grads, at, input, u, precision);
        at = backward.end;
      }
      layers.push({ forward, backward, width: bidirectional ? 2 * u : u });
      input = bidirectional ? 2 * u : u;
    }
    this.layers = layers;
    this.endOffset = at;
  }

  readonly endOffset: number;

  /** Width of the top layer's outputs (the attention's keys and values). */
  get outputWidth(): number {
    return this.layers[this.layers.length - 1]!.width;
  }

  /** The top layer's outputs [Ts, B, width] of the last forward pass, and the buffer their gradient goes into. */
  topOutputs(): { data: Vec; grad: Vec } {
    const top = this.layers.length - 1;
    return { data: this.output(top), grad: this.dOutputs[top]! };
  }

  private output(l: number): Vec {
    return this.bidirectional ? this.outputs[l]! : this.layers[l]!.forward.hidden;
  }

  /**
   * Forward over `batch` rows of `steps` source steps: `ids` time-major [steps, batch] (−1 past the lengths),
   * `lengths` [batch].
   */
  forward(ids: Int32Array, lengths: Int32Array, steps: number, batch: number): void {
    this.steps = steps;
    this.batch = batch;
    this.lengths = lengths;
    this.ids = ids;
    const rows = steps * batch;
    this.grow(rows);
    if (this.bidirectional) {
      if (this.reversedIds.length < rows) this.reversedIds = new Int32Array(rows);
      for (let b = 0; b < batch; b++) {
        const len = lengths[b]!;
        for (let t = 0; t < steps; t++) this.reversedIds[t * batch + b] = ids[(t < len ? len - 1 - t : t) * batch + b]!;
      }
    }
    for (let l = 0; l < this.layers.length; l++) {
      const { forward, backward, width } = this.layers[l]!;
      const runs: [LstmRun, boolean][] = backward === null ? [[forward, false]] : [[forward, false], [backward, true]];
      for (const [run, reversed] of runs) {
        run.begin(steps, batch);
        if (l === 0) run.projectIds(reversed ? this.reversedIds : ids, 0, rows);
        else {
          run.projectBias(0, rows);
          const inW = this.layers[l - 1]!.width;
          let x = this.output(l - 1);
          if (reversed) {
            reverseSequences(x, this.scratchA, steps, batch, inW, lengths);
            x = this.scratchA;
          }
          run.addInput(0, mat(x, 0, rows, inW), run.kernel);
        }
        for (let t = 0; t < steps; t++) run.step(t, lengths);
      }
      if (backward !== null) {
        // [h_fw(t); h_bw(t)] in time order: the backward run's step for time t is len − 1 − t.
        const u = forward.units;
        const out = this.outputs[l]!;
        for (let b = 0; b < batch; b++) {
          const len = lengths[b]!;
          for (let t = 0; t < steps; t++) {
            const from = t < len ? len - 1 - t : t;
            copy(forward.hidden, (t * batch + b) * u, out, (t * batch + b) * width, u);
            copy(backward.hidden, (from * batch + b) * u, out, (t * batch + b) * width + u, u);
          }
        }
      }
    }
  }

  /** Writes layer l's final h (or c) [batch, width] into `dst` from 0 ([h_fw; h_bw] when bidirectional). */
  finalState(l: number, which: 'h' | 'c', dst: Vec): void {
    const { forward, backward, width } = this.layers[l]!;
    const B = this.batch;
    const u = forward.units;
    const last = (this.steps - 1) * B * u;
    for (const [run, at] of backward === null ? [[forward, 0] as const] : [[forward, 0] as const, [backward, u] as const]) {
      const src = which === 'h' ? run.hidden : run.cell;
      for (let b = 0; b < B; b++) copy(src, last + b * u, dst, b * width + at, u);
    }
  }

  /** Zeros the gradient of the top outputs before the decoder adds into it. */
  beginBackward(): void {
    const top = this.layers.length - 1;
    this.dOutputs[top]!.fill(0, 0, this.steps * this.batch * this.layers[top]!.width);
  }

  /**
   * Backward: `dFinalH[l]`, `dFinalC[l]` ([batch, width]) are the gradients at layer l's final states (from the
   * decoder); the top outputs' gradient is in {@link topOutputs}' `grad` (zeros without attention). Writes every
   * encoder weight's gradient.
   */
  backward(dFinalH: readonly Vec[], dFinalC: readonly Vec[], withTopGradient: boolean): void {
    const steps = this.steps;
    const B = this.batch;
    const rows = steps * B;
    const lengths = this.lengths;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { forward, backward, width } = this.layers[l]!;
      const u = forward.units;
      const dOut = this.dOutputs[l]!;
      const hasDOut = withTopGradient || l < this.layers.length - 1;
      const runs: [LstmRun, number][] = backward === null ? [[forward, 0]] : [[forward, 0], [backward, u]];
      for (const [run, at] of runs) {
        run.beginBackward();
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < u; j++) {
            run.dh[b * u + j] = dFinalH[l]![b * width + at + j]!;
            run.dc[b * u + j] = dFinalC[l]![b * width + at + j]!;
          }
        }
        // This direction's part of the output gradient, [Ts, B, u] in its own time order.
        let d: Vec | null = null;
        if (hasDOut) {
          if (backward === null) d = dOut;
          else {
            d = this.scratchB;
            for (let b = 0; b < B; b++) {
              const len = lengths[b]!;
              for (let t = 0; t < steps; t++) {
                const from = at === 0 || t >= len ? t : len - 1 - t;
                copy(dOut, (from * B + b) * width + at, d, (t * B + b) * u, u);
              }
            }
          }
        }
        for (let t = steps - 1; t >= 0; t--) run.stepBackward(t, d, t * B * u, lengths);
        run.recurrentGradients();
        if (l === 0) {
          run.idGradients(at === 0 ? this.ids : this.reversedIds, run.inputSize);
          continue;
        }
        const inW = this.layers[l - 1]!.width;
        const below = this.dOutputs[l - 1]!;
        let x = this.output(l - 1);
        if (at > 0) {
          reverseSequences(x, this.scratchA, steps, B, inW, lengths);
          x = this.scratchA;
        }
        run.denseGradients(mat(x, 0, rows, inW), run.kernelGrad);
        if (at === 0) run.inputGradient(0, mat(below, 0, rows, inW), run.kernel);
        else {
          // The backward run's input gradient is in its reversed time: reverse it back and add.
          run.inputGradient(0, mat(this.scratchA, 0, rows, inW), run.kernel);
          reverseSequences(this.scratchA, this.scratchB, steps, B, inW, lengths);
          for (let i = 0; i < rows * inW; i++) below[i] = below[i]! + this.scratchB[i]!;
        }
      }
    }
  }

  /** Grows the per-layer buffers to `rows` time-major rows. */
  private grow(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    const vec = (n: number) => allocVec(this.precision, n);
    this.outputs = this.layers.map((l) => (this.bidirectional ? vec(rows * l.width) : new Float64Array(0)));
    this.dOutputs = this.layers.map((l) => vec(rows * l.width));
    const widest = Math.max(...this.layers.map((l) => l.width));
    this.scratchA = vec(rows * widest);
    this.scratchB = vec(rows * widest);
  }
}
