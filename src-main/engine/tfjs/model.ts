import * as tf from '@tensorflow/tfjs';
import type { Engine, ModelRequest, SequenceModel, Sequences, TrainEpochOptions, WeightTensor } from '../sequence-model.js';
import { useBackend } from './backend.js';
import { buildOptimizer, buildTfjsModel, readsTokens, tfjsLoss } from './build.js';
import { stackUnsupported } from '../layers/index.js';
import { lengthMask, maskedForward, maskedLoss } from './masked.js';

/** Gathers rows `order` of a [n, ...rest] array laid out row-major (no copy when order is omitted). */
function gather(values: Float64Array, rowSize: number, order?: Int32Array): Float32Array {
  if (!order) return Float32Array.from(values);
  const out = new Float32Array(order.length * rowSize);
  order.forEach((r, i) => out.set(values.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize));
  return out;
}

/** Settings of a tfjs model beyond the built layers. */
export interface TfjsModelOptions {
  /** Input is token ids for an Embedding: tensors are [n, steps] instead of [n, steps, features]. */
  readonly tokens?: boolean;
  /** The spec's loss name, used by the variable-length path (the compiled model has its own). */
  readonly loss?: string;
  /** Train with `model.fit` one epoch at a time (the naive path the benchmark compares against). */
  readonly naiveFit?: boolean;
}

/**
 * A {@link SequenceModel} on tfjs-layers (Keras semantics). Float32 arithmetic, as tfjs has. Batches with
 * `lengths` take a custom path (masked.ts: layers applied with a mask, `optimizer.minimize`) with the fused
 * engine's semantics; stateful layers are not supported there. Dropout masks are tfjs' own (not seeded).
 */
export class TfjsSequenceModel implements SequenceModel {
  readonly engine = 'tfjs';
  private readonly outputShape: number[];
  private readonly tokens: boolean;
  private readonly lossName: string;
  private readonly naiveFit: boolean;

  constructor(
    private readonly model: tf.Sequential,
    readonly backend: string,
    private readonly batchSize: number,
    options: TfjsModelOptions = {},
  ) {
    this.outputShape = (model.outputs[0]!.shape as number[]).slice(1);
    this.tokens = options.tokens ?? false;
    this.lossName = options.loss ?? 'mse';
    this.naiveFit = options.naiveFit ?? false;
  }

  /** x as a tensor: [n, steps, features], or [n, steps] token ids. */
  private inputTensor(values: Float32Array, x: Sequences): tf.Tensor {
    return this.tokens ? tf.tensor2d(values, [x.n, x.steps], 'float32') : tf.tensor3d(values, [x.n, x.steps, x.features], 'float32');
  }

  private checkMasked(): void {
    if (this.model.layers.some((l) => (l.getConfig() as { stateful?: boolean }).stateful === true)) {
      throw new TypeError('tfjs engine: variable-length batches (x.lengths) with stateful layers are not implemented; use engine "fused"');
    }
  }

  /** One epoch of variable-length batches: per batch, the masked loss minimised by the compiled optimizer. */
  private trainMasked(x: Sequences, y: Float64Array, order: Int32Array | undefined): number {
    this.checkMasked();
    const rowX = x.steps * x.features;
    const rowY = y.length / x.n;
    const lengths = Float64Array.from(x.lengths!);
    const variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = this.model.optimizer;
    let total = 0;
    for (let start = 0; start < x.n; start += this.batchSize) {
      const size = Math.min(this.batchSize, x.n - start);
      const rows = order ? order.subarray(start, start + size) : Int32Array.from({ length: size }, (_, i) => start + i);
      const batch: Sequences = { data: x.data, n: size, steps: x.steps, features: x.features };
      const loss = tf.tidy(() => {
        const xs = this.inputTensor(gather(x.data, rowX, rows), batch);
        const yFlat = gather(y, rowY, rows);
        const mask = lengthMask(Array.from(rows, (r) => lengths[r]!), size, x.steps);
        const sparse = this.lossName === 'sparseCategoricalCrossentropy';
        const yShape = sparse ? [size, ...this.outputShape.slice(0, -1)] : [size, ...this.outputShape];
        const ys = tf.tensor(yFlat, yShape, 'float32');
        const value = optimizer.minimize(() => maskedLoss(maskedForward(this.model, xs, mask, true), ys, this.lossName, mask), true, variables);
        return value!.dataSync()[0]!;
      });
      total += loss * size;
    }
    return total / x.n;
  }

  /**
   * One epoch: batches in order through `trainOnBatch` (a reset after each with `resetEachBatch`), or with
   * `naiveFit` through `model.fit({ epochs: 1 })` — the seed's plain Keras path, kept for the benchmark.
   */
  async trainEpoch(x: Sequences, y: Float64Array, options: TrainEpochOptions = {}): Promise<number> {
    if (x.lengths !== undefined) return this.trainMasked(x, y, options.order);
    const rowX = x.steps * x.features;
    const xs = this.inputTensor(gather(x.data, rowX, options.order), x);
    const ys = this.targetTensor(y, x.n, options.order);
    try {
      if (this.naiveFit && !options.resetEachBatch) {
        const history = await this.model.fit(xs, ys, { epochs: 1, batchSize: this.batchSize, shuffle: false, verbose: 0 });
        return history.history.loss![0] as number;
      }
      // Our training step: trainOnBatch over batch tensors sliced once per epoch (≈1.45× faster than
      // model.fit per epoch on the shampoo workload: no per-epoch callbacks and history). Row-weighted mean loss.
      let total = 0;
      for (let start = 0; start < x.n; start += this.batchSize) {
        const size = Math.min(this.batchSize, x.n - start);
        const [xb, yb] = tf.tidy(() => [xs.slice(start, size), ys.slice(start, size)]);
        total += size * ((await this.model.trainOnBatch(xb!, yb!)) as number);
        tf.dispose([xb!, yb!]);
        if (options.resetEachBatch) this.model.resetStates();
        options.onBatch?.(start + size, x.n);
      }
      return total / x.n;
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  /**
   * Targets as the compiled model expects them. Sparse labels (one class id per row or step) become one-hot:
   * the model is compiled with categorical cross-entropy then, the same mathematics.
   */
  private targetTensor(y: Float64Array, n: number, order?: Int32Array): tf.Tensor {
    if (this.lossName !== 'sparseCategoricalCrossentropy') {
      const rowY = this.outputShape.reduce((a, b) => a * b, 1);
      return tf.tensor(gather(y, rowY, order), [n, ...this.outputShape], 'float32');
    }
    const classes = this.outputShape[this.outputShape.length - 1]!;
    const perRow = this.outputShape.slice(0, -1).reduce((a, b) => a * b, 1);
    const ids = gather(y, perRow, order);
    return tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(ids), 'int32'), classes).reshape([n, ...this.outputShape]).toFloat());
  }

  resetStates(): void {
    this.model.resetStates();
  }

  async predict(x: Sequences): Promise<Float64Array> {
    const xs = this.inputTensor(Float32Array.from(x.data.subarray(0, x.n * x.steps * x.features)), x);
    if (x.lengths !== undefined) this.checkMasked();
    const out =
      x.lengths !== undefined
        ? tf.tidy(() => maskedForward(this.model, xs, lengthMask(x.lengths!, x.n, x.steps), false))
        : (this.model.predict(xs, { batchSize: this.batchSize }) as tf.Tensor);
    const values = Float64Array.from(await out.data());
    tf.dispose([xs, out]);
    return values;
  }

  getWeights(): WeightTensor[] {
    return this.model.weights.map((w) => ({ name: w.name, shape: w.shape as number[], values: Float64Array.from(w.read().dataSync()) }));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The general engine on TensorFlow.js: every layer kind tfjs-layers has, on the best available backend.
 * Dropout here is tfjs' unseeded dropout (masks not reproducible); variable-length batches take the masked path.
 */
export function createTfjsEngine(options: { readonly naiveFit?: boolean } = {}): Engine {
  return {
    name: 'tfjs',
    supports: (layers) => stackUnsupported('tfjs', layers) === null,
    unsupported: (layers) => stackUnsupported('tfjs', layers),
    async create(request: ModelRequest): Promise<SequenceModel> {
      const backend = await useBackend(request.backend);
      const model = buildTfjsModel(request.model, request.input, request.weights);
      // Sparse labels are one-hot encoded in trainEpoch, so the compiled loss is the categorical one (same value).
      const loss = request.training.loss === 'sparseCategoricalCrossentropy' ? 'categoricalCrossentropy' : request.training.loss;
      model.compile({ optimizer: buildOptimizer(request.training), loss: tfjsLoss(loss) });
      return new TfjsSequenceModel(model, backend, request.input.batchSize, {
        tokens: readsTokens(request.model),
        loss: request.training.loss,
        naiveFit: options.naiveFit ?? false,
      });
    },
  };
}

/** The tfjs engine with our training step. */
export const tfjsEngine: Engine = createTfjsEngine();
