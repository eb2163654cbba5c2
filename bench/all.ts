/**
 * `npm run bench`: every workload of the fused engine in one run, each beside the tfjs path measured in the
 * same run — shampoo 30 × 3000 (service + pool + store, all cores) vs naive tfjs-layers (slice, extrapolated);
 * the store's share of the run time; MNIST-shaped SimpleRNN(150), LSTM(128) and BiLSTM(128) training steps on
 * the fused engine (1 thread per tier, and data-parallel float32) vs tfjs-wasm, tfjs-cpu and PyTorch (its figures,
 * or itself when /usr/bin/python3 has torch); one epoch of mnist-rnn through the trial pool; and the compute floor.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../src-main/engine/tfjs/backend.js';
import { timeMnistStep, type KernelTiming, type MnistLayer } from './kernels.js';
import { timeMnistEpoch, type EpochTiming } from './mnist-epoch.js';
import { pytorchMnist } from './pytorch-mnist.js';
import { nativeDescription, nativeGemmGflops, wasmDescription, wasmGemmGflops } from './native-gemm.js';
import { mulInto } from '../src-main/engine/fused/gemm.js';
import { mat } from '../src-main/engine/fused/mat.js';
import { describeTable } from '../src-main/export/result-tables.js';
import { toMarkdown } from '../src-main/export/tables.js';
import { DEFAULTS, fullRun, naiveSlice, poolOnlyRun, PUBLISHED, STEPS_PER_EPOCH } from './shampoo-workload.js';

const f = (x: number, d = 2) => x.toFixed(d);
const cores = availableParallelism();
const BATCH = 150;

/** One tfjs training step (trainOnBatch, Adam, softmax cross-entropy) on an MNIST-shaped batch: seconds. */
async function tfjsMnistStep(layer: MnistLayer, backend: 'wasm' | 'cpu', steps: number): Promise<number> {
  await useBackend(backend);
  const model = tf.sequential();
  const lstm = (inputShape?: number[]) => tf.layers.lstm({ units: 128, ...(inputShape ? { inputShape } : {}), recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' });
  model.add(
    layer === 'lstm'
      ? lstm([28, 28])
      : layer === 'biLSTM'
        ? tf.layers.bidirectional({ layer: lstm() as never, inputShape: [28, 28], mergeMode: 'concat' })
        : tf.layers.simpleRNN({ units: 150, inputShape: [28, 28], recurrentInitializer: 'glorotUniform' }),
  );
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([BATCH, 28, 28]);
  const y = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32'), 10);
  await model.trainOnBatch(x, y); // warm-up (kernel compilation, allocation)
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const seconds = (performance.now() - t0) / 1000 / steps;
  tf.dispose([x, y]);
  model.dispose();
  return seconds;
}

/** Plain-JS matrix-multiply peak of this machine, one thread (256³ product with the fused engine's kernel): GFLOP/s. */
function gemmPeak(): number {
  const n = 256;
  const a = new Float64Array(n * n).map(() => Math.random());
  const b = new Float64Array(n * n).map(() => Math.random());
  const c = new Float64Array(n * n);
  const [A, B, C] = [mat(a, 0, n, n), mat(b, 0, n, n), mat(c, 0, n, n)];
  const run = () => mulInto(C, A, B);
  run();
  const reps = 20;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  return (2 * n ** 3 * reps) / ((performance.now() - t0) / 1000) / 1e9;
}

console.log(`RNN Lab benchmark — ${cores} cores, Node ${process.version}`);
const native = nativeDescription();
console.log(native.problem === null
  ? `kernels: auto → ${native.tier} (this CPU runs ${native.supported.join(', ')}); native build: ${native.flags}\n`
  : `kernels: auto → ${native.tier}; native addon ${native.problem}\n`);
const wasmBuild = wasmDescription();
console.log(wasmBuild.problem === null ? `wasm kernels: ${wasmBuild.flags}\n` : `wasm kernels ${wasmBuild.problem}\n`);

// 1. Shampoo.
const { repeats, epochs } = DEFAULTS;
const steps = repeats * epochs * STEPS_PER_EPOCH;
const full = await fullRun();
const alone = await fullRun({ ...DEFAULTS, lockstep: false });
const poolOnly = await poolOnlyRun();
const naive = await naiveSlice(200, 'cpu');
const naiveTotal = (naive.seconds / (200 * STEPS_PER_EPOCH)) * steps;
const trial = full.details.trials[0]!;
console.log(`## shampoo LSTM(4) stateful → Dense(1): ${repeats} repeats × ${epochs} epochs × ${STEPS_PER_EPOCH} steps = ${steps} optimizer steps`);
console.log(`  fused (${trial.engine}/${trial.backend}, ${cores} workers, service + SQLite store): ${f(full.wall, 3)} s wall, ${f(steps / full.wall, 0)} steps/s   [target ≤ 1.0 s, goal ≤ 0.5 s]`);
console.log(`  the same, every trial alone (lockstep off; ${alone.backends}): ${f(alone.wall, 3)} s wall → lockstep ${f(alone.wall / full.wall, 2)}× faster`);
console.log(`  same trials on the pool alone (nothing stored): ${f(poolOnly, 3)} s → the store adds ${f((100 * (full.wall - poolOnly)) / poolOnly, 1)} %   [target < 5 %]`);
console.log(`  naive tfjs-layers (model.fit per epoch + resetStates, ${naive.backend}, 1 thread): 200-epoch slice ${f(naive.seconds, 2)} s → ${f(naiveTotal, 0)} s extrapolated`);
console.log(`  ratio: ${f(naiveTotal / full.wall, 0)}× faster than the naive path   [target ≥ 300×]`);
console.log(`  tfjs engine's own step (trainOnBatch over pre-sliced batches) on the same slice: ${f(naive.ourSeconds, 2)} s → ${f(naive.seconds / naive.ourSeconds, 2)}× the naive path\n`);
const rows = describeTable(full.details).rows;
const keys = ['count', 'mean', 'std', 'min', 'q25', 'q50', 'q75', 'max'] as const;
console.log(toMarkdown({ title: 'test RMSE, describe(): fused run vs REFERENCE.md (Keras)', columns: ['statistic', 'RNN Lab (fused)', 'published'], rows: rows.map((r, i) => [r[0]!, r[1]!, PUBLISHED[keys[i]!]]) }));

// 2. MNIST-shaped training steps.
console.log(`## MNIST-shaped training step: batch ${BATCH}, 28 steps × 28 features, → Dense(10) softmax, Adam (random data)`);
const peak = gemmPeak();
const peak32 = nativeGemmGflops(512, 'f32');
const peak64 = nativeGemmGflops(512, 'f64');
if (peak32 !== null && peak64 !== null) {
  const others = native.supported.slice(1).map((isa) => `${isa} ${f(nativeGemmGflops(512, 'f32', { isa, trials: 2 })!, 1)}`).join(', ');
  console.log(`  native gemm 512³, 1 thread (${native.isa}): float32 ${f(peak32, 1)} GFLOP/s, float64 ${f(peak64, 1)} GFLOP/s — this machine's measured single-core peak (float32 on ${others})`);
}
const wasm32 = wasmGemmGflops(512, 'f32');
const wasm64 = wasmGemmGflops(512, 'f64');
if (wasm32 !== null && wasm64 !== null) {
  console.log(`  wasm gemm 512³, 1 thread (simd128, with the copies in and out): float32 ${f(wasm32, 1)} GFLOP/s, float64 ${f(wasm64, 1)} GFLOP/s` +
    (peak32 !== null ? ` = ${f((100 * wasm32) / peak32, 0)} % / ${f((100 * wasm64) / peak64!, 0)} % of the native peak` : ''));
}
/** PyTorch 1.13 + OpenBLAS on this machine type (REFERENCE.md "Speeds measured here"), img/s on 1 and 2 threads. */
const PYTORCH = { simpleRNN: [20_836, 22_625], lstm: [7_688, 10_071], biLSTM: [3_392, 4_241] } as const;
// PyTorch on the same steps in this run when it is installed (the ratios below are then of one run), first, on
// a quiet machine; else REFERENCE.md's figures.
const torch = pytorchMnist();
console.log(torch.problem === null ? torch.lines.map((l) => `  ${l}`).join('\n') : `  PyTorch in this run: skipped (${torch.problem}); ratios against REFERENCE.md's figures`);
const TORCH = torch.figures ?? PYTORCH;
const torchLabel = torch.figures ? 'PyTorch (this run)' : 'PyTorch + OpenBLAS (REFERENCE.md)';
/** Issue 11's first bar, one thread: 0.5 × PyTorch + OpenBLAS. */
const TARGET_1T = { simpleRNN: 10_400, lstm: 3_850, biLSTM: 1_700 } as const;
const NAMES = { simpleRNN: 'SimpleRNN(150)', lstm: 'LSTM(128)', biLSTM: 'Bidirectional LSTM(128)' } as const;
// img/s from the fastest step (mean in brackets) and from CPU time (one thread): on a shared machine other load
// inflates wall-clock figures, while CPU time is what a step costs its core.
const show = (label: string, t: KernelTiming, gemmPeak: number | null) =>
  `    ${label.padEnd(30)} ${t.backend.padEnd(20)} ${f(t.imagesPerSecond, 0).padStart(6)} img/s (mean ${f(t.meanImagesPerSecond, 0)})` +
  (t.cpuImagesPerSecond !== null ? `, CPU time ${f(t.cpuImagesPerSecond, 0)} img/s` : '') +
  `  ${f(t.msPerStep, 1)} ms/step  ${f(t.gflops, 1)} GFLOP/s` +
  (gemmPeak !== null ? `  ${f((100 * t.gflops) / gemmPeak, 0)} % of the gemm peak` : '');
for (const layer of ['simpleRNN', 'lstm', 'biLSTM'] as const) {
  console.log(`  ${NAMES[layer]}:`);
  // The js tier's BiLSTM step takes seconds: fewer timed steps.
  const js = await timeMnistStep(layer, { steps: layer === 'biLSTM' ? 1 : 3, warmup: 1, kernels: 'js' });
  console.log(show('fused js, float64, 1 thread', js, peak));
  let best = js;
  if (native.problem === null) {
    // 5 warm-up steps: with 2 the first float32 steps still shared the core with V8 compiling in the background
    // (CPU time 2× wall, SimpleRNN(150) read 17,096 img/s mean instead of ≈ 33,000).
    const n64 = await timeMnistStep(layer, { steps: 10, warmup: 5, kernels: 'native' });
    const n32 = await timeMnistStep(layer, { steps: 10, warmup: 5, kernels: 'native', precision: 'f32' });
    console.log(show('fused native, float64, 1 t.', n64, peak64));
    console.log(show('fused native, float32, 1 t.', n32, peak32));
    // By the mean of the timed steps: CPU time counts V8's background threads too (GC, compilers), which can
    // take a core's worth during a 5 ms step.
    best = n32.meanImagesPerSecond > n64.meanImagesPerSecond ? n32 : n64;
    console.log(`    native vs js (float64, 1 thread): ${f(n64.imagesPerSecond / js.imagesPerSecond, 1)}×`);
  }
  if (wasmBuild.problem === null) {
    const w64 = await timeMnistStep(layer, { steps: 4, kernels: 'wasm' });
    const w32 = await timeMnistStep(layer, { steps: 4, kernels: 'wasm', precision: 'f32' });
    console.log(show('fused wasm, float64, 1 t.', w64, peak64));
    console.log(show('fused wasm, float32, 1 t.', w32, peak32));
    console.log(`    wasm vs js (float64, 1 thread): ${f(w64.imagesPerSecond / js.imagesPerSecond, 1)}×; float32 vs js: ${f(w32.imagesPerSecond / js.imagesPerSecond, 1)}×`);
  }
  // Data-parallel (runner/data-parallel): float32 on the best tier there is (auto: native when built).
  const many = await timeMnistStep(layer, { steps: 10, warmup: 5, threads: cores, precision: 'f32' });
  console.log(show(`fused auto, float32, ${cores} threads`, many, null));
  const wasm = await tfjsMnistStep(layer, 'wasm', 2);
  const cpu = await tfjsMnistStep(layer, 'cpu', 1);
  const ips = (s: number) => BATCH / s;
  const [torch1, torch2] = TORCH[layer];
  console.log(`    tfjs-wasm ${f(ips(wasm), 0)} img/s; tfjs-cpu ${f(ips(cpu), 0)} img/s; ${torchLabel} ${torch1} / ${torch2} img/s on 1 / 2 threads`);
  console.log(`    best fused 1 thread (${best.backend}): ${f(best.imagesPerSecond, 0)} img/s fastest step = ${f(best.imagesPerSecond / torch1, 2)}× ${torchLabel}, mean ${f(best.meanImagesPerSecond, 0)} img/s = ${f(best.meanImagesPerSecond / torch1, 2)}×   [first bar ≥ ${TARGET_1T[layer]} img/s = 0.5× REFERENCE.md's; goal ≥ 1×]; ${f(js.flopsPerStep / 1e6, 0)} MFLOP per step`);
  console.log(`    fused ${cores} threads (${many.backend}): ${f(many.imagesPerSecond, 0)} img/s = ${f(many.imagesPerSecond / best.imagesPerSecond, 2)}× its 1 thread, ${f(many.imagesPerSecond / torch2, 2)}× ${torchLabel}'s 2 threads   [goal ≥ 1.5×]; vs tfjs-wasm ${f(many.imagesPerSecond / ips(wasm), 1)}×`);
}

// mnist-rnn, one epoch through the real trial code (pool → worker → executeTrial), as a user runs it.
console.log(`\n## mnist-rnn 1 epoch (training + test, 8,000 digits): experiments/mnist-rnn.json, epochs 1, through the trial pool`);
const epochLine = (label: string, e: EpochTiming) =>
  `  ${label.padEnd(34)} ${f(e.seconds, 2)} s training + test (${f(e.wallSeconds, 2)} s with loading the digits and starting the worker); ${e.threads} thread${e.threads === 1 ? '' : 's'}, ${e.backend}, accuracy ${f(e.accuracy, 3)}   [target ≤ 1.0 s; 8.2 s before the native tier, PyTorch + OpenBLAS 0.42 s]`;
const specOne = await timeMnistEpoch({ threads: 1 });
const specAuto = await timeMnistEpoch({ threads: 'auto' });
console.log(epochLine(`spec's choices (${specOne.precision}), 1 thread`, specOne));
console.log(epochLine(`spec's choices, pool decides`, specAuto));
if (specOne.precision !== 'float32') {
  console.log(epochLine('float32, 1 thread', await timeMnistEpoch({ threads: 1, precision: 'float32' })));
  console.log(epochLine('float32, pool decides', await timeMnistEpoch({ threads: 'auto', precision: 'float32' })));
}

// 3. Compute floor.
const shampooFlops = 1700; // ≈ forward + backward + Adam of LSTM(4) → Dense(1) per step (REFERENCE.md)
console.log(`\n## compute floor`);
console.log(`  plain-JS gemm peak here: ${f(peak, 2)} GFLOP/s per thread (256³, this run)${peak32 !== null ? `; native: float32 ${f(peak32, 1)}, float64 ${f(peak64!, 1)} GFLOP/s (512³)` : ''}`);
console.log(`  shampoo: ≈${shampooFlops} FLOP per step × ${f(steps / full.wall, 0)} steps/s = ${f((shampooFlops * steps) / full.wall / 1e9, 2)} GFLOP/s over ${cores} threads — ${f((100 * shampooFlops * steps) / full.wall / 1e9 / (peak * cores), 1)} % of peak: tiny 4-unit matrices are bound by per-step overhead (activations, Adam over 97 weights), not arithmetic`);
