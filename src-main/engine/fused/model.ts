import { readSlots, writeSlots, type Slot } from './weight-slots.js';
import { keepsSequence, layerOf, outputWidth, sizeOf, weightShapes, type LayerOf } from '../../contract/layers.js';
import type { ModelRequest, SequenceModel, Sequences, TrainEpochOptions, WeightTensor } from '../sequence-model.js';
import { resolveKernelTier, type KernelChoice, type KernelTier } from '../kernels/tiers.js';
import { buildLayer } from './build-layer.js';
import { dropoutSource, type DropoutSource } from './dropout.js';
import { useKernels } from './kernel-tier.js';
import { DenseLayer } from './layer-dense.js';
import { isCrossEntropy, isSparse, lossAndGradient, lossCode, type LossCode } from './losses.js';
import { checkLengths, validRows } from './masking.js';
import { FlatOptimizer, type AdamEpsilonMode } from './optimizers.js';
import { createRng } from '../../common/rng.js';
import { unsupportedReason } from './stack.js';
import { allocVec, type FusedLayer, type FusedLossName, type Precision, type Vec } from './types.js';

/** Settings of the fused engine that are not (yet) in the training spec. */
export interface FusedOptions {
  /** Storage precision; default 'f64'. */
  readonly precision?: Precision;
  /** Overrides the spec's loss (the spec offers mse/mae today; the cross-entropies are fused-only for now). */
  readonly loss?: FusedLossName;
  /** Adam's epsilon placement; default 'tfjs' (the same arithmetic as the tfjs engine). */
  readonly adamEpsilon?: AdamEpsilonMode;
  /** Kernel tier of the matrix products (engine/kernels/tiers.ts); default 'auto'. RNNLAB_KERNELS overrides it. */
  readonly kernels?: KernelChoice;
  /**
   * Use these arrays for weights and gradients instead of allocating them (each the model's parameter count
   * long, of the chosen precision): data-parallel replicas share one weight array in shared memory.
   */
  readonly buffers?: { readonly params: Vec; readonly grads: Vec };
}

/** Where one layer sits in the model: its weights' offset in the flat arrays, and what it reads. */
interface LayerLayout {
  readonly spec: LayerOf;
  /** Offset of the layer's first weight (its weights follow contiguously in Keras order). */
  readonly offset: number;
  readonly inputSize: number;
  readonly inputIsSequence: boolean;
}

/**
 * The weight layout of a stack, in one walk over its layers: each layer's place, each weight's slot (Keras
 * order, contiguous), and the parameter count.
 */
function layOut(specs: readonly LayerOf[], features: number): { layers: LayerLayout[]; slots: Slot[]; count: number } {
  const layers: LayerLayout[] = [];
  const slots: Slot[] = [];
  let offset = 0;
  let inputSize = features;
  let inputIsSequence = true;
  for (const [i, spec] of specs.entries()) {
    layers.push({ spec, offset, inputSize, inputIsSequence });
    for (const w of weightShapes(spec, inputSize)) {
      const size = sizeOf(w.shape);
      slots.push({ name: `layers[${i}].${spec.kind}.${w.name}`, shape: w.shape, offset, size });
      offset += size;
    }
    inputSize = outputWidth(spec, inputSize);
    inputIsSequence = keepsSequence(spec, inputIsSequence);
  }
  return { layers, slots, count: offset };
}

/**
 * A sequential stack of fused layers trained by BPTT. All weights live in one flat array (`params`), their
 * gradients in another (`grads`) of the same layout, so the optimizer is one loop; every activation buffer is
 * allocated here, once, for the model's batch size, and training allocates nothing per step.
 */
export class FusedModel implements SequenceModel {
  readonly engine = 'fused';
  readonly backend: string;
  readonly params: Vec;
  readonly grads: Vec;
  readonly batchSize: number;
  readonly steps: number;
  readonly features: number;
  /** Values per output row (units of the last layer). */
  readonly outputs: number;
  /** Whether the model emits every step (n × steps × outputs) or one row per sequence (n × outputs). */
  readonly outputIsSequence: boolean;
  private readonly layers: FusedLayer[];
  /** Every weight's name, shape and place in `params`, in Keras order. */
  private readonly slots: Slot[];
  private readonly loss: LossCode;
  private readonly optimizer: FlatOptimizer;
  /** The gathered batch, time-major: input [steps, batch, features] and targets [outSteps, batch, target width]. */
  private readonly batchInput: Vec;
  private readonly batchTargets: Vec;
  /** d(loss)/d(model output) of the gathered batch, the start of the backward pass. */
  private readonly dOutput: Vec;
  private readonly lastLayer: FusedLayer;
  /** The last Dense layer's pre-activations, which the cross-entropies read (else an unused placeholder). */
  private readonly logits: Vec;
  private readonly dropout: DropoutSource;
  /** Lengths of the gathered batch (masking), or null when the input has none. */
  private batchLengths: Int32Array | null = null;
  /** Storage behind `batchLengths`, [batchSize]. */
  private readonly lengthsBuffer: Int32Array;
  /** Storage of the valid-row marks of a masked per-step loss, [outSteps · batchSize]. */
  private readonly validBuffer: Uint8Array;
  private disposed = false;
  /** The kernels this model's products run on, switched in before each pass (lockstep/eligibility.ts reads their limits). */
  readonly kernels: KernelTier;
  /** Storage precision, loss and Adam's epsilon placement as built (lockstep training mirrors them). */
  readonly precision: Precision;
  readonly lossName: FusedLossName;
  readonly adamEpsilon: AdamEpsilonMode;

  /** Builds the stack from a validated request; throws a TypeError naming the field when it cannot. */
  constructor(request: ModelRequest, options: FusedOptions = {}) {
    const precision = options.precision ?? 'f64';
    this.precision = precision;
    this.adamEpsilon = options.adamEpsilon ?? 'tfjs';
    this.kernels = resolveKernelTier(options.kernels ?? 'auto');
    // 'js-f64' as before this tier existed; 'native-avx512-f64' etc. when the addon's gemm runs the large products.
    this.backend = `${this.kernels.label}-${precision}`;
    const { batchSize, steps, features } = request.input;
    this.batchSize = batchSize;
    this.steps = steps;
    this.features = features;
    const specs: LayerOf[] = request.model.layers.map(layerOf);
    const reason = unsupportedReason(specs);
    if (reason !== null) throw new TypeError(`fused engine: ${reason}`);

    // Slots in Keras order, checked against the request's weights.
    const layout = layOut(specs, features);
    this.slots = layout.slots;
    const count = layout.count;
    if (options.buffers && (options.buffers.params.length !== count || options.buffers.grads.length !== count)) {
      throw new TypeError(`fused engine: buffers must hold ${count} values each (the parameter count)`);
    }
    this.params = options.buffers?.params ?? allocVec(precision, count);
    this.grads = options.buffers?.grads ?? allocVec(precision, count);
    this.setWeights(request.weights);

    if (specs[0]!.kind === 'embedding' && features !== 1) {
      throw new TypeError(`fused engine: input.features must be 1 (one token id per step) for an Embedding first layer, got ${features}`);
    }
    this.dropout = dropoutSource(request.seed ?? 0);
    const shared = { params: this.params, grads: this.grads, maxBatch: batchSize, steps, precision, dropout: this.dropout };
    this.layers = layout.layers.map((l) => buildLayer(l.spec, { ...shared, offset: l.offset, inputSize: l.inputSize, inputIsSequence: l.inputIsSequence }));
    this.lastLayer = this.layers[this.layers.length - 1]!;
    this.outputs = this.lastLayer.outputSize;
    this.outputIsSequence = this.lastLayer.outputIsSequence;

    const lossName = options.loss ?? (request.training.loss as FusedLossName);
    this.lossName = lossName;
    this.loss = lossCode(lossName);
    this.logits = this.params; // placeholder: only read by the cross-entropies
    if (isCrossEntropy(this.loss)) {
      const lastSpec = specs[specs.length - 1]!;
      const lastAct = lastSpec.kind === 'dense' ? lastSpec.config.activation : 'none';
      if (!(this.lastLayer instanceof DenseLayer) || lastAct !== 'softmax') {
        throw new TypeError(`fused engine: loss ${lossName} needs a Dense layer with activation softmax last; got ${lastSpec.kind} with activation ${lastAct}`);
      }
      this.lastLayer.logitGradient = true;
      this.logits = this.lastLayer.preact;
    }
    const outRows = (this.outputIsSequence ? steps : 1) * batchSize;
    this.batchInput = allocVec(precision, steps * batchSize * features);
    this.batchTargets = allocVec(precision, outRows * (isSparse(this.loss) ? 1 : this.outputs));
    this.dOutput = allocVec(precision, outRows * this.outputs);
    this.lengthsBuffer = new Int32Array(batchSize);
    this.validBuffer = new Uint8Array(outRows);
    this.optimizer = new FlatOptimizer(request.training.optimizer, count, precision, options.adamEpsilon);
  }

  /**
   * Restarts the dropout masks from `createRng(seed, 'dropout')`, as at construction with that seed (tests fix
   * the masks this way: reseeding before each evaluation draws the same masks).
   */
  reseedDropout(seed: number): void {
    this.dropout.rng = createRng(seed, 'dropout');
  }

  /** Values each row of `y` holds: outputs (× steps for sequence outputs); sparse losses hold class indices. */
  get targetWidth(): number {
    return (this.outputIsSequence ? this.steps : 1) * (isSparse(this.loss) ? 1 : this.outputs);
  }

  /** Replaces the weights (Keras names, shapes and order, as {@link getWeights} returns them). */
  setWeights(weights: readonly WeightTensor[]): void {
    writeSlots(this.slots, this.params, weights, 'fused engine');
  }

  getWeights(): WeightTensor[] {
    this.alive();
    return readSlots(this.slots, this.params);
  }

  /** The gradients of the last training batch (or {@link lossAndGradients} call), named and shaped like the weights. */
  getGradients(): WeightTensor[] {
    return readSlots(this.slots, this.grads);
  }

  resetStates(): void {
    this.alive();
    for (const l of this.layers) l.resetStates();
  }

  /** Copies of the carried states of the stateful layers, in layer order ([h] or [h, c] each, [batch, units]). */
  getStates(): Float64Array[] {
    return this.layers.flatMap((l) => l.stateBuffers().map((b) => Float64Array.from(b)));
  }

  /** Restores states taken by {@link getStates}. */
  setStates(states: readonly Float64Array[]): void {
    const buffers = this.layers.flatMap((l) => l.stateBuffers());
    if (states.length !== buffers.length) throw new TypeError(`fused engine: expected ${buffers.length} state arrays, got ${states.length}`);
    buffers.forEach((b, i) => b.set(states[i]!));
  }

  async trainEpoch(x: Sequences, y: Float64Array, options: TrainEpochOptions = {}): Promise<number> {
    return this.trainEpochSync(x, y, options.order, options.resetEachBatch ?? false, options.onBatch);
  }

  /**
   * {@link trainEpoch} without the Promise: one pass over the rows of `x` in `order` (index order when
   * undefined), in batches of the batch size, one optimizer step per batch. Returns the loss averaged over
   * rows (Keras and tfjs weight each batch's loss by its size: the mean of batch losses when all are full).
   */
  trainEpochSync(x: Sequences, y: Float64Array, order: Int32Array | undefined, resetEachBatch: boolean, onBatch?: (rowsDone: number, rows: number) => void): number {
    this.alive();
    this.checkInput(x, y);
    const n = x.n;
    if (n === 0) throw new RangeError('fused engine: trainEpoch needs at least one row');
    if (order !== undefined && order.length !== n) throw new RangeError(`fused engine: order holds ${order.length} indices for ${n} rows`);
    let total = 0;
    for (let start = 0; start < n; start += this.batchSize) {
      const rows = Math.min(this.batchSize, n - start);
      if (resetEachBatch) this.resetStates();
      this.gather(x, y, order, start, rows);
      const loss = this.forwardBackward(rows);
      this.optimizer.step(this.params, this.grads, this.kernels.addon);
      total += loss * rows;
      onBatch?.(start + rows, n);
    }
    return total / n;
  }

  /**
   * Loss and gradients of one batch holding all rows of `x` (at most the batch size), without updating the
   * weights; stateful layers use and then carry their state as in training. Read the gradients with
   * {@link getGradients}. For tests and diagnostics.
   */
  lossAndGradients(x: Sequences, y: Float64Array): number {
    this.alive();
    this.checkInput(x, y);
    if (x.n > this.batchSize) throw new RangeError(`lossAndGradients takes at most batchSize=${this.batchSize} rows, got ${x.n}`);
    this.gather(x, y, undefined, 0, x.n);
    return this.forwardBackward(x.n);
  }

  /** One optimizer step from the current `grads` (filled by {@link lossAndGradients} or by a caller). */
  applyGradients(): void {
    this.alive();
    this.optimizer.step(this.params, this.grads, this.kernels.addon);
  }

  async predict(x: Sequences): Promise<Float64Array> {
    return this.predictSync(x);
  }

  /** {@link predict} without the Promise: n × outputs (n × steps × outputs for sequence outputs), row-major. */
  predictSync(x: Sequences): Float64Array {
    this.alive();
    this.checkInput(x, null);
    const o = this.outputs;
    const outSteps = this.outputIsSequence ? this.steps : 1;
    const result = new Float64Array(x.n * outSteps * o);
    for (let start = 0; start < x.n; start += this.batchSize) {
      const rows = Math.min(this.batchSize, x.n - start);
      this.gather(x, null, undefined, start, rows);
      const out = this.forward(rows, false);
      // Time-major [outSteps, rows, o] back to row-major [rows, outSteps, o].
      for (let t = 0; t < outSteps; t++) {
        for (let b = 0; b < rows; b++) {
          const src = (t * rows + b) * o;
          const dst = ((start + b) * outSteps + t) * o;
          for (let j = 0; j < o; j++) result[dst + j] = out[src + j]!;
        }
      }
    }
    return result;
  }

  dispose(): void {
    this.disposed = true;
  }

  private alive(): void {
    if (this.disposed) throw new Error('fused model used after dispose()');
  }

  private checkInput(x: Sequences, y: Float64Array | null): void {
    if (x.steps !== this.steps || x.features !== this.features) {
      throw new TypeError(`fused engine: input must be [n, ${this.steps}, ${this.features}], got [${x.n}, ${x.steps}, ${x.features}]`);
    }
    if (x.data.length < x.n * x.steps * x.features) throw new RangeError(`fused engine: x.data holds ${x.data.length} values, fewer than n·steps·features`);
    if (x.lengths !== undefined) checkLengths(x.lengths, x.n, x.steps);
    if (y !== null && y.length !== x.n * this.targetWidth) {
      throw new TypeError(`fused engine: y must hold n × ${this.targetWidth} = ${x.n * this.targetWidth} values, got ${y.length}`);
    }
  }

  /** Copies rows order[start..start+rows) of x (and y) into the time-major batch buffers. */
  private gather(x: Sequences, y: Float64Array | null, order: Int32Array | undefined, start: number, rows: number): void {
    const T = this.steps;
    const F = this.features;
    const xd = x.data;
    this.batchLengths = null;
    if (x.lengths !== undefined) {
      for (let b = 0; b < rows; b++) this.lengthsBuffer[b] = x.lengths[order === undefined ? start + b : order[start + b]!]!;
      this.batchLengths = this.lengthsBuffer;
    }
    for (let b = 0; b < rows; b++) {
      const r = order === undefined ? start + b : order[start + b]!;
      for (let t = 0; t < T; t++) {
        const src = (r * T + t) * F;
        const dst = (t * rows + b) * F;
        for (let f = 0; f < F; f++) this.batchInput[dst + f] = xd[src + f]!;
      }
    }
    if (y === null) return;
    const width = isSparse(this.loss) ? 1 : this.outputs;
    const outSteps = this.outputIsSequence ? T : 1;
    for (let b = 0; b < rows; b++) {
      const r = order === undefined ? start + b : order[start + b]!;
      for (let t = 0; t < outSteps; t++) {
        const src = (r * outSteps + t) * width;
        const dst = (t * rows + b) * width;
        for (let j = 0; j < width; j++) this.batchTargets[dst + j] = y[src + j]!;
      }
    }
  }

  private forward(rows: number, training: boolean): Vec {
    useKernels(this.kernels);
    const ctx = { training, lengths: this.batchLengths };
    let h: Vec = this.batchInput;
    for (let i = 0; i < this.layers.length; i++) h = this.layers[i]!.forward(h, this.steps, rows, ctx);
    return h;
  }

  /** Forward, loss, BPTT over the gathered batch; fills `grads` and returns the batch loss. */
  private forwardBackward(rows: number): number {
    const out = this.forward(rows, true);
    const outRows = (this.outputIsSequence ? this.steps : 1) * rows;
    // A per-step head on variable-length sequences: the loss averages over valid steps only.
    const valid = this.outputIsSequence && this.batchLengths !== null ? validRows(this.steps, rows, this.batchLengths, this.validBuffer) : null;
    const loss = lossAndGradient(this.loss, out, this.logits, this.batchTargets, outRows, this.outputs, this.dOutput, valid);
    let d: Vec | null = this.dOutput;
    for (let i = this.layers.length - 1; i >= 0 && d !== null; i--) d = this.layers[i]!.backward(d, i > 0);
    return loss;
  }
}
