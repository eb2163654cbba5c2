import { ModelSpec, type LayerSpec } from '../../src-main/contract/layers.js';
import { TrainingSpec, type Optimizer } from '../../src-main/contract/spec.js';
import { initialWeights } from '../../src-main/engine/init.js';
import { createRng } from '../../src-main/common/rng.js';
import type { ModelRequest, Sequences } from '../../src-main/engine/sequence-model.js';

/**
 * Test and benchmark fixtures: a validated request for a stack of layers (Keras defaults filled in by the
 * contract's schemas, seeded Keras initial weights) and seeded random data of matching shapes.
 */
export function makeRequest(
  layers: readonly Record<string, unknown>[],
  input: { batchSize: number; steps: number; features: number },
  options: { seed?: number; optimizer?: Optimizer; loss?: 'mse' | 'mae' } = {},
): ModelRequest {
  const model = ModelSpec.parse({ layers: layers as LayerSpec[] });
  const training = TrainingSpec.parse({
    epochs: 1,
    batchSize: input.batchSize,
    loss: options.loss ?? 'mse',
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
  });
  return { model, input, training, weights: initialWeights(model, input.features, options.seed ?? 1), backend: 'auto' };
}

/** n random sequences of uniform values in [−1, 1), seeded. */
export function randomSequences(n: number, steps: number, features: number, seed: number): Sequences {
  const rng = createRng(seed, 'x');
  const data = Float64Array.from({ length: n * steps * features }, () => rng.next() * 2 - 1);
  return { data, n, steps, features };
}

/** `length` random targets in [−1, 1), seeded. */
export function randomTargets(length: number, seed: number): Float64Array {
  const rng = createRng(seed, 'y');
  return Float64Array.from({ length }, () => rng.next() * 2 - 1);
}

/** n one-hot rows of `classes` values (or class indices when `sparse`), seeded. */
export function randomClasses(n: number, classes: number, seed: number, sparse: boolean): Float64Array {
  const rng = createRng(seed, 'classes');
  const out = new Float64Array(sparse ? n : n * classes);
  for (let i = 0; i < n; i++) {
    const c = rng.int(classes);
    if (sparse) out[i] = c;
    else out[i * classes + c] = 1;
  }
  return out;
}
