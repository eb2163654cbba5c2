/**
 * float32 GFLOP/s of the native gemm on the products an MNIST training step runs (batch 150, 28 steps × 28
 * features; SimpleRNN(150) and LSTM(128)), each with the transposes the engine uses, and on 512³ (the peak).
 * `npm run bench:gemm-shapes` (after `npm run build`), or `npx tsx bench/gemm-shapes.ts [isa] [--baseline old.node]`
 * (another build of the addon, e.g. of an earlier commit, timed in turns with this one).
 *
 * The machine is shared and noisy, so each figure is the best of many timings: by wall clock and by this
 * process's CPU time (process.cpuUsage, which excludes time spent descheduled). Shapes whose B is a weight
 * matrix reused every step (the recurrent kernel) are also timed with B packed once (`packB`, then `gemmPacked`),
 * which is what the fused engine's recurrent layer does across the steps of a pass.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
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

/**
 * Best of `trials` timings of ≈`budgetMs` each, for each of `runs`, taking turns trial by trial (so load that comes
 * and goes on the shared machine hits every variant alike): GFLOP/s by wall clock and by CPU time.
 */
function time(flops: number, runs: readonly (() => void)[], trials = 15, budgetMs = 25): Timing[] {
  const reps = runs.map((run) => {
    run();
    const t0 = performance.now();
    run();
    return Math.max(1, Math.round(budgetMs / Math.max(performance.now() - t0, 1e-3)));
  });
  const wall = runs.map(() => Infinity);
  const cpu = runs.map(() => Infinity);
  for (let trial = 0; trial < trials; trial++) {
    runs.forEach((run, r) => {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      for (let i = 0; i < reps[r]!; i++) run();
      const w = (performance.now() - w0) / 1000;
      const c = process.cpuUsage(c0);
      wall[r] = Math.min(wall[r]!, w / reps[r]!);
      cpu[r] = Math.min(cpu[r]!, (c.user + c.system) / 1e6 / reps[r]!);
    });
  }
  return runs.map((_, r) => ({ wall: flops / wall[r]! / 1e9, cpu: flops / Math.max(cpu[r]!, 1e-9) / 1e9 }));
}

const random = (length: number): Float32Array => {
  const v = new Float32Array(length);
  for (let i = 0; i < length; i++) v[i] = Math.random() - 0.5;
  return v;
};

/**
 * Times one shape: the plain gemm, the packed-once path for weight shapes when the addon has it, and the plain
 * gemm of a `baseline` build of the addon (another .node file) when given, all in turns.
 */
function timeShape(addon: NativeAddon, baseline: NativeAddon | null, s: Shape): { plain: Timing; packed: Timing | null; base: Timing | null } {
  const { m, n, k } = s;
  const a = random(m * k);
  const b = random(k * n);
  const c = random(m * n);
  // Storage: A is m×k (k×m when transposed), B k×n (n×k when transposed), all dense row-major.
  const args = new Int32Array([m, n, k, 0, s.transposeA ? 1 : k, s.transposeA ? m : 1, 0, s.transposeB ? 1 : n, s.transposeB ? k : 1, 0, n, s.accumulate ? 1 : 0]);
  addon.setArgs(args);
  baseline?.setArgs(args);
  const runs: (() => void)[] = [() => addon.gemm(c, a, b)];
  const canPack = s.weight && addon.packB !== undefined && addon.gemmPacked !== undefined;
  if (canPack) {
    const pack = addon.packB!(b, null);
    const gemmPacked = addon.gemmPacked!.bind(addon);
    runs.push(() => gemmPacked(c, a, pack));
  }
  if (baseline !== null) runs.push(() => baseline.gemm(c, a, b));
  const t = time(2 * m * n * k, runs);
  return { plain: t[0]!, packed: canPack ? t[1]! : null, base: baseline !== null ? t[t.length - 1]! : null };
}

/** The addon at `path` (a baseline build to compare with), or exits saying why. */
function loadBaseline(path: string): NativeAddon {
  try {
    return createRequire(import.meta.url)(resolve(path)) as NativeAddon;
  } catch (error) {
    console.error(`--baseline ${path}: ${(error as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
}

function main(): void {
  const addon = loadNativeAddon();
  if (typeof addon === 'string') {
    console.log(`native kernels ${addon}: nothing to measure`);
    return;
  }
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--baseline');
  const baseline = at >= 0 && argv[at + 1] !== undefined ? loadBaseline(argv[at + 1]!) : null;
  const info = addon.info();
  const isa = argv.find((x, i) => !x.startsWith('--') && (at < 0 || i !== at + 1)) ?? info.supported[0]!;
  addon.useIsa(isa);
  baseline?.useIsa(isa);
  console.log(`native gemm, float32, one thread, isa ${isa} (supported: ${info.supported.join(', ')}); ${info.flags}`);
  console.log('GFLOP/s, best of 15 timings taken in turns, by wall clock / by CPU time; "packed": B packed once and reused' + (baseline !== null ? '; "baseline": the plain gemm of the --baseline build' : ''));
  const pad = (s: string, w: number) => s.padEnd(w);
  const fig = (t: Timing | null) => (t === null ? '' : `${t.wall.toFixed(1).padStart(6)} / ${t.cpu.toFixed(1).padStart(6)}`);
  console.log(`${pad('shape', 28)}${pad('m×n×k op', 22)}${pad('plain', 18)}${pad('packed', 18)}${baseline !== null ? 'baseline' : ''}`);
  for (const s of SHAPES) {
    const { plain, packed, base } = timeShape(addon, baseline, s);
    const op = `${s.transposeA ? 'Aᵀ' : 'A'}·${s.transposeB ? 'Bᵀ' : 'B'}${s.accumulate ? ' +=' : ''}`;
    console.log(`${pad(s.name, 28)}${pad(`${s.m}×${s.n}×${s.k} ${op}`, 22)}${pad(fig(plain), 18)}${pad(fig(packed), 18)}${fig(base)}`);
  }
}

main();
