import { makeRequest, randomClasses, randomSequences } from './fixtures.js';
import { FusedModel } from './model.js';
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
 * softmax with sparse softmax cross-entropy, batch 150. Runs `warmup` untimed steps, then `steps` timed
 * ones; returns images per second (batch · steps / seconds) and the reached GFLOP/s.
 */
export function timeMnistStep(
  layer: 'simpleRNN' | 'lstm',
  options: { steps?: number; warmup?: number; precision?: Precision; batchSize?: number } = {},
): KernelTiming {
  const batch = options.batchSize ?? 150;
  const units = layer === 'lstm' ? 128 : 150;
  const request = makeRequest([{ [layer]: { units } }, { dense: { units: 10, activation: 'softmax' } }], { batchSize: batch, steps: 28, features: 28 }, { seed: 1 });
  const model = new FusedModel(request, { loss: 'sparseCategoricalCrossentropy', precision: options.precision ?? 'f64' });
  const x = randomSequences(batch, 28, 28, 2);
  const y = randomClasses(batch, 10, 3, true);
  for (let i = 0; i < (options.warmup ?? 2); i++) model.trainEpochSync(x, y, undefined, false);
  const steps = options.steps ?? 5;
  const start = performance.now();
  for (let i = 0; i < steps; i++) model.trainEpochSync(x, y, undefined, false);
  const seconds = (performance.now() - start) / 1000 / steps;
  const gates = layer === 'lstm' ? 4 : 1;
  const width = gates * units;
  // Forward: x·W and h·R per step; backward: dW, dR and dh per step (dX is skipped for the first layer).
  const forward = 2 * batch * 28 * width * (28 + units);
  const backward = 2 * batch * 28 * width * (28 + 2 * units);
  const flopsPerStep = forward + backward + 3 * 2 * batch * units * 10;
  return { imagesPerSecond: batch / seconds, msPerStep: seconds * 1000, flopsPerStep, gflops: flopsPerStep / seconds / 1e9 };
}
