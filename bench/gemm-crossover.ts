/**
 * How each tier's `limits.muladds` (engine/kernels/tiers.ts) was chosen: ns per product for small shapes, on the
 * js tier (mulInto) and through each available tier's kernels directly (what mulInto calls above the limit; the
 * wasm figures include copying the operands in and the result out), float64 and float32. Run with
 * `npx tsx bench/gemm-crossover.ts`; not part of `npm run bench` (it only informs constants).
 */
import { mulInto } from '../src-main/engine/fused/gemm.js';
import { useKernels } from '../src-main/engine/fused/kernel-tier.js';
import { mat } from '../src-main/engine/fused/mat.js';
import { loadNativeAddon, type NativeAddon } from '../src-main/engine/kernels/native-addon.js';
import { resolveKernelTier } from '../src-main/engine/kernels/tiers.js';
import { loadWasmKernels } from '../src-main/engine/kernels/wasm-kernels.js';

const tiers = ([['native', loadNativeAddon()], ['wasm', loadWasmKernels()]] as const).filter((t): t is readonly ['native' | 'wasm', NativeAddon] => typeof t[1] !== 'string');
const args = new Int32Array(12);
useKernels(resolveKernelTier('js'));
const shapes: [number, number, number][] = [
  [1, 16, 4], [4, 4, 4], [8, 8, 8], [10, 10, 10], [12, 12, 12], [16, 16, 16], [20, 20, 20], [24, 24, 24], [32, 32, 32],
  [12, 20, 20], [1, 512, 128], [150, 10, 150],
];
const timeNs = (reps: number, run: () => void): number => {
  for (let i = 0; i < reps; i++) run();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  return ((performance.now() - t0) * 1e6) / reps;
};
for (const T of [Float64Array, Float32Array]) {
  for (const [m, n, k] of shapes) {
    const a = new T(m * k).map(() => Math.random());
    const b = new T(k * n).map(() => Math.random());
    const c = new T(m * n);
    const [A, B, C] = [mat(a, 0, m, k), mat(b, 0, k, n), mat(c, 0, m, n)];
    const reps = Math.max(500, Math.floor(2e7 / (m * n * k)));
    const figures = [`js ${timeNs(reps, () => mulInto(C, A, B)).toFixed(0)} ns`];
    for (const [name, addon] of tiers) {
      addon.setArgs(args);
      const ns = timeNs(reps, () => {
        args[0] = m; args[1] = n; args[2] = k; args[3] = 0; args[4] = k; args[5] = 1;
        args[6] = 0; args[7] = n; args[8] = 1; args[9] = 0; args[10] = n; args[11] = 0;
        addon.gemm(c, a, b);
      });
      figures.push(`${name} ${ns.toFixed(0)} ns`);
    }
    console.log(`${T.name} ${m}×${k}·${k}×${n} (${m * n * k} multiply-adds): ${figures.join(', ')}`);
  }
}
