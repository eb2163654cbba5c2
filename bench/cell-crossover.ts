/**
 * How each tier's cell limits (engine/kernels/tiers.ts) were chosen: ns per call of tanh over n values, of one
 * LSTM step (batch 1 × u cells) forward and backward, of a GRU step forward and of column sums over n values, on
 * the js tier and through each available tier's kernels directly (float64; the wasm figures include copying in
 * and out). Run with `npx tsx bench/cell-crossover.ts`; not part of `npm run bench` (it only informs constants).
 */
import { Act } from '../src-main/engine/fused/activations.js';
import { activateCopy, gruForwardResetAfter, lstmBackwardStep, lstmForwardStep } from '../src-main/engine/fused/cell-kernels.js';
import { columnSumsInto } from '../src-main/engine/fused/gemm.js';
import { kernelArgs, useKernels } from '../src-main/engine/fused/kernel-tier.js';
import { mat } from '../src-main/engine/fused/mat.js';
import { loadNativeAddon, type NativeAddon } from '../src-main/engine/kernels/native-addon.js';
import { resolveKernelTier } from '../src-main/engine/kernels/tiers.js';
import { loadWasmKernels } from '../src-main/engine/kernels/wasm-kernels.js';

const tiers = ([['native', loadNativeAddon()], ['wasm', loadWasmKernels()]] as const).filter((t): t is readonly ['native' | 'wasm', NativeAddon] => typeof t[1] !== 'string');
useKernels(resolveKernelTier('js'));
for (const [, addon] of tiers) addon.setArgs(kernelArgs);
const timeNs = (run: () => void): number => {
  const reps = 20000;
  for (let i = 0; i < reps; i++) run();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  return ((performance.now() - t0) * 1e6) / reps;
};
const random = (n: number) => Float64Array.from({ length: n }, () => Math.random() * 2 - 1);
/** "js N ns, native N ns, wasm N ns" for one kernel: `js` on the js tier, `tier(addon)` per available tier. */
const row = (js: () => void, tier: (addon: NativeAddon) => void): string =>
  [`js ${timeNs(js).toFixed(0)} ns`, ...tiers.map(([name, addon]) => `${name} ${timeNs(() => tier(addon)).toFixed(0)} ns`)].join(', ');
const setArgs = (...values: number[]) => kernelArgs.set(values);

for (const n of [4, 16, 32, 64, 256]) {
  const src = random(n);
  const dst = new Float64Array(n);
  console.log(`tanh × ${n}: ${row(() => activateCopy(Act.Tanh, src, 0, dst, 0, n), (k) => { setArgs(0, 0, 0, n); k.activate(src, dst); })}`);
}
for (const u of [4, 8, 16, 32, 64, 256, 1024]) {
  const z0 = random(4 * u);
  const z = z0.slice();
  const [cPrev, c, a, h, dOut, dh, dc, dz] = [random(u), random(u), random(u), random(u), random(u), random(u), random(u), random(4 * u)];
  const forward = row(
    () => { z.set(z0); lstmForwardStep(z, 0, cPrev, 0, c, a, h, 0, 1, u, Act.Tanh, Act.Sigmoid); },
    (k) => { z.set(z0); setArgs(0, 0, 0, 1, u); k.lstmForward(z, cPrev, c, a, h); },
  );
  const backward = row(
    () => lstmBackwardStep(dOut, 0, dh, dc, z, 0, a, 0, cPrev, 0, dz, 1, u, Act.Tanh, Act.Sigmoid),
    (k) => { setArgs(0, 0, 0, 0, 1, u); k.lstmBackward(dOut, dh, dc, z, a, cPrev, dz); },
  );
  const g0 = random(3 * u);
  const g = g0.slice();
  const rec = random(3 * u);
  const gru = row(
    () => { g.set(g0); gruForwardResetAfter(g, 0, rec, cPrev, 0, c, h, 0, 1, u, Act.Tanh, Act.Sigmoid); },
    (k) => { g.set(g0); setArgs(0, 0, 0, 1, u); k.gruForward(g, rec, cPrev, c, h); },
  );
  console.log(`LSTM step, ${u} cells: forward ${forward} (incl. a ${4 * u}-value copy); backward ${backward}; GRU forward ${gru}`);
}
for (const n of [256, 1024, 4096, 16384]) {
  const src = random(n);
  const out = new Float64Array(16);
  const [S, O] = [mat(src, 0, n / 16, 16), mat(out, 0, 1, 16)];
  console.log(`column sums of ${n} values: ${row(() => columnSumsInto(O, S), (k) => { setArgs(0, 0, n / 16, 16, 16); k.columnSums(out, src); })}`);
}
