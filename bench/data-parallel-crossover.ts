/**
 * How `DATA_PARALLEL_MIN_MULADDS` (src-main/runner/data-parallel/eligibility.ts) was chosen: ms per training step
 * of models from shampoo-sized to MNIST-sized on one thread (FusedModel) and split over 2 threads
 * (DataParallelModel), with the step's multiply-adds as the pool counts them, and the cost of starting the
 * workers. Run with `npm run build && node dist/bench/data-parallel-crossover.js [f32|f64]`; not part of
 * `npm run bench` (it only informs the constant).
 */
import { ModelSpec, layerOf } from '../src-main/contract/layers.js';
import { TrainingSpec } from '../src-main/contract/spec.js';
import { createRng } from '../src-main/common/rng.js';
import { FusedModel, type Precision } from '../src-main/engine/fused/index.js';
import { initialWeights } from '../src-main/engine/init.js';
import type { ModelRequest, Sequences } from '../src-main/engine/sequence-model.js';
import { DataParallelModel } from '../src-main/runner/data-parallel/model.js';
import { stepMuladds } from '../src-main/runner/data-parallel/eligibility.js';

const precision = (process.argv[2] ?? 'f32') as Precision;
const cases: { name: string; layers: unknown[]; batch: number; steps: number; features: number }[] = [
  { name: 'LSTM(4) → Dense(1), 12 × 1, batch 4', layers: [{ lstm: { units: 4 } }, { dense: { units: 1 } }], batch: 4, steps: 12, features: 1 },
  { name: 'LSTM(4) → Dense(1), 12 × 1, batch 64', layers: [{ lstm: { units: 4 } }, { dense: { units: 1 } }], batch: 64, steps: 12, features: 1 },
  { name: 'SimpleRNN(16), 28 × 28, batch 32', layers: [{ simpleRNN: { units: 16 } }, { dense: { units: 10, activation: 'softmax' } }], batch: 32, steps: 28, features: 28 },
  { name: 'SimpleRNN(16), 28 × 28, batch 150', layers: [{ simpleRNN: { units: 16 } }, { dense: { units: 10, activation: 'softmax' } }], batch: 150, steps: 28, features: 28 },
  { name: 'SimpleRNN(32), 28 × 28, batch 150', layers: [{ simpleRNN: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }], batch: 150, steps: 28, features: 28 },
  { name: 'LSTM(32), 28 × 28, batch 150', layers: [{ lstm: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }], batch: 150, steps: 28, features: 28 },
  { name: 'SimpleRNN(150), 28 × 28, batch 150', layers: [{ simpleRNN: { units: 150 } }, { dense: { units: 10, activation: 'softmax' } }], batch: 150, steps: 28, features: 28 },
];

/** Fastest wall-clock ms of `reps` steps, and the process's CPU ms per step (every thread's). */
const time = (step: () => void, reps: number): { wall: number; cpu: number } => {
  for (let i = 0; i < 3; i++) step();
  let best = Infinity;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    step();
    best = Math.min(best, performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: best, cpu: (cpu.user + cpu.system) / 1000 / reps };
};

// On a loaded machine the second thread may find no free core, so wall-clock figures understate the split; CPU
// time does not depend on the load: on 2 idle cores a split step takes about its CPU time / 2 plus the wake-up
// latency (≈0.05 ms), which is the 'idle estimate' printed beside the measured figure.
console.log(`data-parallel crossover, ${precision}, native/auto kernels; ms per step (fastest of the timed steps; CPU ms per step in brackets)`);
for (const c of cases) {
  const model = ModelSpec.parse({ layers: c.layers });
  const training = TrainingSpec.parse({ epochs: 1, batchSize: c.batch, loss: 'mse' });
  const request: ModelRequest = { model, input: { batchSize: c.batch, steps: c.steps, features: c.features }, training, weights: initialWeights(model, c.features, 1), backend: 'auto' };
  const classes = c.layers.length === 2 && JSON.stringify(c.layers[1]).includes('softmax');
  const fused = { loss: classes ? 'sparseCategoricalCrossentropy' : 'mse', precision, kernels: 'auto' } as const;
  const rng = createRng(3, 'crossover');
  const x: Sequences = { data: Float64Array.from({ length: c.batch * c.steps * c.features }, () => rng.next()), n: c.batch, steps: c.steps, features: c.features };
  const y = Float64Array.from({ length: c.batch }, () => (classes ? rng.int(10) : rng.next()));
  const muladds = stepMuladds(model.layers.map(layerOf), request.input);
  const reps = muladds > 5e7 ? 10 : 200;
  const single = new FusedModel(request, fused);
  const one = time(() => single.trainEpochSync(x, y, undefined, false), reps);
  single.dispose();
  const t0 = performance.now();
  const parallel = await DataParallelModel.create(request, { ...fused, threads: 2 });
  const startMs = performance.now() - t0;
  const two = time(() => parallel.trainBatch(x, y), reps);
  await parallel.dispose();
  const idle = two.cpu / 2 + 0.05;
  console.log(
    `  ${c.name.padEnd(38)} ${(muladds / 1e6).toFixed(2).padStart(8)} M muladds  1 thread ${one.wall.toFixed(3).padStart(7)} ms (${one.cpu.toFixed(3)})  ` +
      `2 threads ${two.wall.toFixed(3).padStart(7)} ms (${two.cpu.toFixed(3)}) = ${(one.wall / two.wall).toFixed(2)}×, idle estimate ${(Math.min(one.wall, one.cpu) / idle).toFixed(2)}×; workers start in ${startMs.toFixed(0)} ms`,
  );
}
