import * as tf from '@tensorflow/tfjs';
import { layerOf } from '../../contract/layers.js';
import type { Engine, ModelRequest, SequenceModel, Sequences, WeightTensor } from '../sequence-model.js';
import { useBackend } from './backend.js';
import { buildOptimizer, buildTfjsModel, tfjsLoss, tfjsUnsupported } from './build.js';

/** Gathers rows `order` of a [n, ...rest] array laid out row-major (no copy when order is omitted). */
function gather(values: Float64Array, rowSize: number, order?: Int32Array): Float32Array {
  if (!order) return Float32Array.from(values);
  const out = new Float32Array(order.length * rowSize);
  order.forEach((r, i) => out.set(values.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize));
  return out;
}

/** A {@link SequenceModel} on tfjs-layers (Keras semantics). Float32 arithmetic, as tfjs has. */
export class TfjsSequenceModel implements SequenceModel {
  readonly engine = 'tfjs';
  private readonly outputShape: number[];

  constructor(
    private readonly model: tf.Sequential,
    readonly backend: string,
    private readonly batchSize: number,
  ) {
    this.outputShape = (model.outputs[0]!.shape as number[]).slice(1);
  }

  /**
   * One epoch through `model.fit({ epochs: 1 })` — the plain Keras path of the seed. With
   * `resetEachBatch`, batches go one by one through `trainOnBatch` with a reset after each.
   */
  async trainEpoch(x: Sequences, y: Float64Array, options: { order?: Int32Array; resetEachBatch?: boolean } = {}): Promise<number> {
    const rowX = x.steps * x.features;
    const rowY = this.outputShape.reduce((a, b) => a * b, 1);
    const xs = tf.tensor3d(gather(x.data, rowX, options.order), [x.n, x.steps, x.features], 'float32');
    const ys = tf.tensor(gather(y, rowY, options.order), [x.n, ...this.outputShape], 'float32');
    try {
      if (!options.resetEachBatch) {
        const history = await this.model.fit(xs, ys, { epochs: 1, batchSize: this.batchSize, shuffle: false, verbose: 0 });
        return history.history.loss![0] as number;
      }
      let total = 0;
      let batches = 0;
      for (let start = 0; start < x.n; start += this.batchSize) {
        const size = Math.min(this.batchSize, x.n - start);
        const loss = tf.tidy(() => [xs.slice(start, size), ys.slice(start, size)] as const);
        const value = (await this.model.trainOnBatch(loss[0], loss[1])) as number;
        tf.dispose(loss as unknown as tf.Tensor[]);
        total += value;
        batches++;
        this.model.resetStates();
      }
      return total / batches;
    } finally {
      tf.dispose([xs, ys]);
    }
  }

  resetStates(): void {
    this.model.resetStates();
  }

  async predict(x: Sequences): Promise<Float64Array> {
    const xs = tf.tensor3d(Float32Array.from(x.data), [x.n, x.steps, x.features], 'float32');
    const out = this.model.predict(xs, { batchSize: this.batchSize }) as tf.Tensor;
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

/** The general engine on TensorFlow.js: every layer kind tfjs-layers has, on the best available backend. */
export const tfjsEngine: Engine = {
  name: 'tfjs',
  supports: (layers) => layers.every((l) => tfjsUnsupported(l) === undefined),
  async create(request: ModelRequest): Promise<SequenceModel> {
    const backend = await useBackend(request.backend);
    const model = buildTfjsModel(request.model, request.input, request.weights);
    model.compile({ optimizer: buildOptimizer(request.training), loss: tfjsLoss(request.training.loss) });
    return new TfjsSequenceModel(model, backend, request.input.batchSize);
  },
};

/** Layers tfjs cannot run, as `{ index, reason }` (for messages). */
export function tfjsProblems(request: Pick<ModelRequest, 'model'>): { index: number; reason: string }[] {
  return request.model.layers.flatMap((layer, index) => {
    const reason = tfjsUnsupported(layerOf(layer));
    return reason ? [{ index, reason }] : [];
  });
}
