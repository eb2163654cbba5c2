import { makeRequest, randomClasses, randomSequences } from './fixtures.js';
import { FusedModel } from './model.js';
import { DataParallelModel } from './parallel.js';
import type { Precision } from './types.js';

/** Result of {@link timeMnistStep}: throughput, time per training step and the arithmetic it did. */
export interface KernelTiming {
  readonly imagesPerSecond: number;
  readonly msPerStep: number;
  /** Multiply-adds ×2 of one training step (forward + backward matrix products only). */
  readonly flopsPerStep: number;
  readonly gflops: number;
}

/**
 * Times one training step (forward, BPTT, Adam) of an MNIST-shaped model on the calling thread: rows of a
 * 28×28 image as 28 steps of 28 features (random data), `layer` = SimpleRNN(150) or LSTM(128) → Dense(10)
 * softmax with sparse softmax cross-entropy, batch 150. `threads` > 1 splits each batch over that many
 * threads ({@link DataParallelModel}: the calling thread plus threads − 1 workers). Runs `warmup` untimed
 * steps, then `steps` timed ones; resolves to images per second (batch / seconds per step) and GFLOP/s.
 */
export async function timeMnistStep(
  layer: 'simpleRNN' | 'lstm',
  options: { steps?: number; warmup?: number; precision?: Precision; batchSize?: number; threads?: number } = {},
): Promise<KernelTiming> {
  const batch = options.batchSize ?? 150;
  const units = layer === 'lstm' ? 128 : 150;
  const request = makeRequest([{ [layer]: { units } }, { dense: { units: 10, activation: 'softmax' } }], { batchSize: batch, steps: 28, features: 28 }, { seed: 1 });
  const fused = { loss: 'sparseCategoricalCrossentropy', precision: options.precision ?? 'f64' } as const;
  const threads = options.threads ?? 1;
  const x = randomSequences(batch, 28, 28, 2);
  const y = randomClasses(batch, 10, 3, true);
  let step: () => void;
  let done: () => Promise<void>;
  if (threads > 1) {
    const parallel = await DataParallelModel.create(request, { ...fused, threads });
    step = () => void parallel.trainBatch(x, y);
    done = () => parallel.dispose();
  } else {
    const model = new FusedModel(request, fused);
    step = () => void model.trainEpochSync(x, y, undefined, false);
    done = async () => model.dispose();
  }
  for (let i = 0; i < (options.warmup ?? 2); i++) step();
  const steps = options.steps ?? 5;
  const start = performance.now();
  for (let i = 0; i < steps; i++) step();
  const seconds = (performance.now() - start) / 1000 / steps;
  await done();
  const gates = layer === 'lstm' ? 4 : 1;
  const width = gates * units;
  // Forward: x·W and h·R per step; backward: dW, dR and dh per step (dX is skipped for the first layer).
  const forward = 2 * batch * 28 * width * (28 + units);
  const backward = 2 * batch * 28 * width * (28 + 2 * units);
  const flopsPerStep = forward + backward + 3 * 2 * batch * units * 10;
  return { imagesPerSecond: batch / seconds, msPerStep: seconds * 1000, flopsPerStep, gflops: flopsPerStep / seconds / 1e9 };
}
