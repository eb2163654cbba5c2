/**
 * Kernel timers of `npm run bench`: one MNIST-shaped training step of the fused engine, on one thread or
 * data-parallel. Random data and Keras initial weights of the shapes named below (the values do not matter for timing).
 */
import { ModelSpec } from '../src-main/contract/layers.js';
import { TrainingSpec } from '../src-main/contract/spec.js';
import { createRng } from '../src-main/common/rng.js';
import { FusedModel, type Precision } from '../src-main/engine/fused/index.js';
import type { KernelChoice } from '../src-main/engine/kernels/tiers.js';
import { initialWeights } from '../src-main/engine/init.js';
import type { ModelRequest, Sequences } from '../src-main/engine/sequence-model.js';
import { DataParallelModel } from '../src-main/runner/data-parallel/model.js';

/** Result of {@link timeMnistStep}: throughput, time per training step and the arithmetic it did. */
export interface KernelTiming {
  /** From the fastest timed step (other load on a shared machine only ever adds time). */
  readonly imagesPerSecond: number;
  readonly msPerStep: number;
  /** From the mean of the timed steps. */
  readonly meanImagesPerSecond: number;
  /**
   * From this process's CPU time per step (one thread only, else null): what the step costs the core it runs on,
   * nearly independent of other load on the machine (which the wall-clock figures are not).
   */
  readonly cpuImagesPerSecond: number | null;
  /** Multiply-adds ×2 of one training step (forward + backward matrix products only). */
  readonly flopsPerStep: number;
  readonly gflops: number;
  /** The backend that ran, with its kernel tier: e.g. 'native-avx512-f32' or 'js-f64'. */
  readonly backend: string;
}

/** The MNIST-shaped models of the bench: SimpleRNN(150), LSTM(128) or Bidirectional LSTM(128) (concat) → Dense(10). */
export type MnistLayer = 'simpleRNN' | 'lstm' | 'biLSTM';

/** The model's first layer as a spec, its units and gates per direction, and its directions. */
function firstLayer(layer: MnistLayer): { spec: unknown; units: number; gates: number; directions: number } {
  if (layer === 'simpleRNN') return { spec: { simpleRNN: { units: 150 } }, units: 150, gates: 1, directions: 1 };
  if (layer === 'lstm') return { spec: { lstm: { units: 128 } }, units: 128, gates: 4, directions: 1 };
  return { spec: { bidirectional: { layer: { lstm: { units: 128 } }, mergeMode: 'concat' } }, units: 128, gates: 4, directions: 2 };
}

/**
 * Times one training step (forward, BPTT, Adam) of an MNIST-shaped model on the calling thread: rows of a
 * 28×28 image as 28 steps of 28 features (random data), `layer` = SimpleRNN(150), LSTM(128) or BiLSTM(128) → Dense(10)
 * softmax with sparse softmax cross-entropy, batch 150. `threads` > 1 splits each batch over that many
 * threads ({@link DataParallelModel}: the calling thread plus threads − 1 workers). Runs `warmup` untimed
 * steps, then `steps` timed ones; resolves to images per second (batch / seconds per step: fastest step, mean,
 * and CPU time on one thread) and GFLOP/s (fastest step).
 */
export async function timeMnistStep(
  layer: MnistLayer,
  options: { steps?: number; warmup?: number; precision?: Precision; batchSize?: number; threads?: number; kernels?: KernelChoice } = {},
): Promise<KernelTiming> {
  const batch = options.batchSize ?? 150;
  const first = firstLayer(layer);
  const { units } = first;
  const model = ModelSpec.parse({ layers: [first.spec, { dense: { units: 10, activation: 'softmax' } }] });
  const training = TrainingSpec.parse({ epochs: 1, batchSize: batch, loss: 'mse' });
  const request: ModelRequest = { model, input: { batchSize: batch, steps: 28, features: 28 }, training, weights: initialWeights(model, 28, 1), backend: 'auto' };
  const fused = { loss: 'sparseCategoricalCrossentropy', precision: options.precision ?? 'f64', kernels: options.kernels ?? 'auto' } as const;
  const threads = options.threads ?? 1;
  const rng = createRng(2, 'bench');
  const x: Sequences = { data: Float64Array.from({ length: batch * 28 * 28 }, () => rng.next() * 2 - 1), n: batch, steps: 28, features: 28 };
  const y = Float64Array.from({ length: batch }, () => rng.int(10));
  let step: () => void;
  let done: () => Promise<void>;
  let backend: string;
  if (threads > 1) {
    const parallel = await DataParallelModel.create(request, { ...fused, threads });
    step = () => void parallel.trainBatch(x, y);
    done = () => parallel.dispose();
    backend = parallel.model.backend;
  } else {
    const single = new FusedModel(request, fused);
    step = () => void single.trainEpochSync(x, y, undefined, false);
    done = async () => single.dispose();
    backend = single.backend;
  }
  for (let i = 0; i < (options.warmup ?? 2); i++) step();
  const steps = options.steps ?? 5;
  let best = Infinity;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const mean = (performance.now() - start) / 1000 / steps;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 / steps;
  const seconds = best;
  await done();
  const width = first.gates * units;
  // Forward: x·W and h·R per step; backward: dW, dR and dh per step (dX is skipped for the first layer); per direction.
  const forward = 2 * batch * 28 * width * (28 + units) * first.directions;
  const backward = 2 * batch * 28 * width * (28 + 2 * units) * first.directions;
  const flopsPerStep = forward + backward + 3 * 2 * batch * units * first.directions * 10;
  return {
    imagesPerSecond: batch / seconds,
    msPerStep: seconds * 1000,
    meanImagesPerSecond: batch / mean,
    cpuImagesPerSecond: threads > 1 ? null : batch / cpuSeconds,
    flopsPerStep,
    gflops: flopsPerStep / seconds / 1e9,
    backend,
  };
}
