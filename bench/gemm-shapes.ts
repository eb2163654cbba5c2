/**
 * float32 GFLOP/s of the native gemm on the products an MNIST training step runs (batch 150, 28 steps × 28
 * features; SimpleRNN(150) and LSTM(128)), each with the transposes the engine uses, and on 512³ (the peak).
 * `npm run bench:gemm-shapes` (after `npm run build`), or `npx tsx bench/gemm-shapes.ts [isa]`.
 *
 * The machine is shared and noisy, so each figure is the best of many timings: by wall clock and by this
 * process's CPU time (process.cpuUsage, which excludes time spent descheduled). Shapes whose B is a weight
 * matrix reused every step (the recurrent kernel) are also timed with B packed once (`packB`, then `gemmPacked`),
 * which is what the fused engine's recurrent layer does across the steps of a pass.
 */
import { loadNativeAddon, type NativeAddon } from '../src-main/engine/kernels/native-addon.js';

/** One product: C[m×n] (+)= op(A)[m×k]·op(B)[k×n]. */
interface Shape {
  readonly name: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly accumulate: boolean;
  /** B is a weight matrix constant over a pass (the packed-once path applies). */
  readonly weight: boolean;
}

const shape = (name: string, m: number, n: number, k: number, t: '' | 'TA' | 'TB', accumulate: boolean, weight = false): Shape =>
  ({ name, m, n, k, transposeA: t === 'TA', transposeB: t === 'TB', accumulate, weight });

const BATCH = 150;
const ROWS = 28 * BATCH;
export const SHAPES: readonly Shape[] = [
  shape('rnn150 h·R (per step)', BATCH, 150, 150, '', true, true),
  shape('rnn150 dZ·Rᵀ (per step)', BATCH, 150, 150, 'TB', false, true),
  shape('rnn150 X·W (all steps)', ROWS, 150, 28, '', true, true),
  shape('rnn150 Xᵀ·dZ', 28, 150, ROWS, 'TA', false),
  shape('rnn150 Hᵀ·dZ', 150, 150, ROWS - BATCH, 'TA', true),
  shape('lstm128 h·R (per step)', BATCH, 512, 128, '', true, true),
  shape('lstm128 dZ·Rᵀ (per step)', BATCH, 128, 512, 'TB', false, true),
  shape('lstm128 X·W (all steps)', ROWS, 512, 28, '', true, true),
  shape('lstm128 Xᵀ·dZ', 28, 512, ROWS, 'TA', false),
  shape('lstm128 Hᵀ·dZ', 128, 512, ROWS - BATCH, 'TA', true),
  shape('512³', 512, 512, 512, '', false),
];

interface Timing {
  /** GFLOP/s by the best wall-clock timing and by the best CPU-time timing. */
  readonly wall: number;
  readonly cpu: number;
}

/** Best of `trials` timings of ≈`budgetMs` each: GFLOP/s by wall clock and by CPU time. */
function time(flops: number, run: () => void, trials = 15, budgetMs = 25): Timing {
  run();
  const t0 = performance.now();
  run();
  const once = Math.max(performance.now() - t0, 1e-3);
  const reps = Math.max(1, Math.round(budgetMs / once));
  let wall = Infinity;
  let cpu = Infinity;
  for (let trial = 0; trial < trials; trial++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < reps; i++) run();
    const w = (performance.now() - w0) / 1000;
    const c = process.cpuUsage(c0);
    wall = Math.min(wall, w / reps);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6 / reps);
  }
  return { wall: flops / wall / 1e9, cpu: flops / Math.max(cpu, 1e-9) / 1e9 };
}

const random = (length: number): Float32Array => {
  const v = new Float32Array(length);
  for (let i = 0; i < length; i++) v[i] = Math.random() - 0.5;
  return v;
};

/** Times one shape: the plain gemm and, for weight shapes when the addon has it, the packed-once path. */
function timeShape(addon: NativeAddon, args: Int32Array, s: Shape): { plain: Timing; packed: Timing | null } {
  const { m, n, k } = s;
  const a = random(m * k);
  const b = random(k * n);
  const c = random(m * n);
  // Storage: A is m×k (k×m when transposed), B k×n (n×k when transposed), all dense row-major.
  const view = [m, n, k, 0, s.transposeA ? 1 : k, s.transposeA ? m : 1, 0, s.transposeB ? 1 : n, s.transposeB ? k : 1, 0, n, s.accumulate ? 1 : 0];
  const flops = 2 * m * n * k;
  args.set(view);
  const plain = time(flops, () => addon.gemm(c, a, b));
  let packed: Timing | null = null;
  if (s.weight && addon.packB !== undefined && addon.gemmPacked !== undefined) {
    const pack = addon.packB(b, null);
    const gemmPacked = addon.gemmPacked.bind(addon);
    packed = time(flops, () => gemmPacked(c, a, pack));
  }
  return { plain, packed };
}

function main(): void {
  const addon = loadNativeAddon();
  if (typeof addon === 'string') {
    console.log(`native kernels ${addon}: nothing to measure`);
    return;
  }
  const info = addon.info();
  const isa = process.argv[2] ?? info.supported[0]!;
  addon.useIsa(isa);
  console.log(`native gemm, float32, one thread, isa ${isa} (supported: ${info.supported.join(', ')}); ${info.flags}`);
  console.log('GFLOP/s, best of 15 timings by wall clock / by CPU time; "packed" = B packed once and reused');
  const args = new Int32Array(16);
  addon.setArgs(args);
  const pad = (s: string, w: number) => s.padEnd(w);
  const fig = (t: Timing) => `${t.wall.toFixed(1).padStart(6)} / ${t.cpu.toFixed(1).padStart(6)}`;
  console.log(`${pad('shape', 28)}${pad('m×n×k op', 22)}${pad('plain', 18)}packed`);
  for (const s of SHAPES) {
    const { plain, packed } = timeShape(addon, args, s);
    const op = `${s.transposeA ? 'Aᵀ' : 'A'}·${s.transposeB ? 'Bᵀ' : 'B'}${s.accumulate ? ' +=' : ''}`;
    console.log(`${pad(s.name, 28)}${pad(`${s.m}×${s.n}×${s.k} ${op}`, 22)}${pad(fig(plain), 18)}${packed === null ? '' : fig(packed)}`);
  }
}

main();
