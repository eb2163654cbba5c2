/**
 * The kernel tiers' figures for `npm run bench`: which tier `auto` picks here, the addon's instruction sets and
 * compile flags, the wasm module's build, and each tier's gemm throughput on one thread (the native one is the
 * machine's measured single-core peak).
 */
import { loadNativeAddon, type NativeAddon } from '../src-main/engine/kernels/native-addon.js';
import { resolveKernelTier } from '../src-main/engine/kernels/tiers.js';
import { loadWasmKernels } from '../src-main/engine/kernels/wasm-kernels.js';

/** The wasm tier's build description, or why it is absent. */
export function wasmDescription(): { flags: string | null; problem: string | null } {
  const kernels = loadWasmKernels();
  return typeof kernels === 'string' ? { flags: null, problem: kernels } : { flags: kernels.info().flags, problem: null };
}

/**
 * GFLOP/s of the wasm gemm on an n³ product like {@link nativeGemmGflops} (the figure includes copying A and B
 * into linear memory and C out, as every engine call does). Null without the module.
 */
export function wasmGemmGflops(n: number, precision: 'f32' | 'f64', options: { reps?: number; trials?: number } = {}): number | null {
  const kernels = loadWasmKernels();
  return typeof kernels === 'string' ? null : gemmGflops(kernels, n, precision, options);
}

/** What `auto` resolves to and the addon's own description, or why there is none. */
export function nativeDescription(): { tier: string; isa: string | null; supported: readonly string[]; flags: string | null; problem: string | null } {
  const addon = loadNativeAddon();
  const tier = resolveKernelTier('auto').label;
  if (typeof addon === 'string') return { tier, isa: null, supported: [], flags: null, problem: addon };
  const info = addon.info();
  return { tier, isa: info.isa, supported: info.supported, flags: info.flags, problem: null };
}

/**
 * GFLOP/s of the native gemm on an n³ product (C = A·B, row-major, no transposes) in `precision`, one thread,
 * `isa` (default: the fastest this CPU runs); the best of `trials` timings of `reps` products. Null without the addon.
 */
export function nativeGemmGflops(n: number, precision: 'f32' | 'f64', options: { isa?: string; reps?: number; trials?: number } = {}): number | null {
  const addon = loadNativeAddon();
  if (typeof addon === 'string') return null;
  const info = addon.info();
  addon.useIsa(options.isa ?? info.supported[0]!);
  const gflops = gemmGflops(addon, n, precision, options);
  addon.useIsa(info.supported[0]!);
  return gflops;
}

/** GFLOP/s of `addon.gemm` on an n³ row-major product: the best of `trials` timings of `reps` products. */
function gemmGflops(addon: NativeAddon, n: number, precision: 'f32' | 'f64', options: { reps?: number; trials?: number }): number {
  const make = (len: number) => {
    const v = precision === 'f32' ? new Float32Array(len) : new Float64Array(len);
    for (let i = 0; i < len; i++) v[i] = Math.random() - 0.5;
    return v;
  };
  const [a, b, c] = [make(n * n), make(n * n), make(n * n)];
  const args = new Int32Array([n, n, n, 0, n, 1, 0, n, 1, 0, n, 0]);
  addon.setArgs(args);
  const reps = options.reps ?? Math.max(3, Math.round(2e9 / (2 * n ** 3)));
  let best = Infinity;
  addon.gemm(c, a, b);
  for (let trial = 0; trial < (options.trials ?? 3); trial++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) addon.gemm(c, a, b);
    best = Math.min(best, (performance.now() - t0) / 1000 / reps);
  }
  return (2 * n ** 3) / best / 1e9;
}
