/**
 * How the native thresholds of engine/fused/cell-kernels.ts were chosen: ns per call of tanh over n values and of
 * one LSTM step (batch 1 × u cells) forward and backward, and of column sums over n values, on the js tier and through the addon directly (float64).
 * Run with `npx tsx bench/cell-crossover.ts`; not part of `npm run bench` (it only informs constants).
 */
import { Act } from '../src-main/engine/fused/activations.js';
import { activateCopy, lstmBackwardStep, lstmForwardStep } from '../src-main/engine/fused/cell-kernels.js';
import { columnSumsInto } from '../src-main/engine/fused/gemm.js';
import { kernelArgs, useKernels } from '../src-main/engine/fused/kernel-tier.js';
import { mat } from '../src-main/engine/fused/mat.js';
import { resolveKernelTier } from '../src-main/engine/kernels/tiers.js';

const addon = resolveKernelTier('native').addon!;
useKernels(resolveKernelTier('js'));
addon.setArgs(kernelArgs);
const timeNs = (run: () => void): number => {
  const reps = 20000;
  for (let i = 0; i < reps; i++) run();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) run();
  return ((performance.now() - t0) * 1e6) / reps;
};
const random = (n: number) => Float64Array.from({ length: n }, () => Math.random() * 2 - 1);
for (const n of [4, 16, 32, 64, 256]) {
  const src = random(n);
  const dst = new Float64Array(n);
  const js = timeNs(() => activateCopy(Act.Tanh, src, 0, dst, 0, n));
  const native = timeNs(() => {
    kernelArgs[0] = 0; kernelArgs[1] = 0; kernelArgs[2] = 0; kernelArgs[3] = n;
    addon.activate(src, dst);
  });
  console.log(`tanh × ${n}: js ${js.toFixed(0)} ns, native ${native.toFixed(0)} ns`);
}
for (const u of [4, 8, 16, 32, 64, 256]) {
  const z0 = random(4 * u);
  const z = z0.slice();
  const [cPrev, c, a, h, dOut, dh, dc, dz] = [random(u), random(u), random(u), random(u), random(u), random(u), random(u), random(4 * u)];
  const jsF = timeNs(() => { z.set(z0); lstmForwardStep(z, 0, cPrev, 0, c, a, h, 0, 1, u, Act.Tanh, Act.Sigmoid); });
  const natF = timeNs(() => {
    z.set(z0);
    kernelArgs[0] = 0; kernelArgs[1] = 0; kernelArgs[2] = 0; kernelArgs[3] = 1; kernelArgs[4] = u;
    addon.lstmForward(z, cPrev, c, a, h);
  });
  const jsB = timeNs(() => lstmBackwardStep(dOut, 0, dh, dc, z, 0, a, 0, cPrev, 0, dz, 1, u, Act.Tanh, Act.Sigmoid));
  const natB = timeNs(() => {
    kernelArgs[0] = 0; kernelArgs[1] = 0; kernelArgs[2] = 0; kernelArgs[3] = 0; kernelArgs[4] = 1; kernelArgs[5] = u;
    addon.lstmBackward(dOut, dh, dc, z, a, cPrev, dz);
  });
  console.log(`LSTM step, ${u} cells: forward js ${jsF.toFixed(0)} ns, native ${natF.toFixed(0)} ns (incl. a ${4 * u}-value copy); backward js ${jsB.toFixed(0)} ns, native ${natB.toFixed(0)} ns`);
}
for (const n of [256, 1024, 4096]) {
  const src = random(n);
  const out = new Float64Array(16);
  const [S, O] = [mat(src, 0, n / 16, 16), mat(out, 0, 1, 16)];
  const js = timeNs(() => columnSumsInto(O, S));
  const native = timeNs(() => {
    kernelArgs[0] = 0; kernelArgs[1] = 0; kernelArgs[2] = n / 16; kernelArgs[3] = 16; kernelArgs[4] = 16;
    addon.columnSums(out, src);
  });
  console.log(`column sums of ${n} values: js ${js.toFixed(0)} ns, native ${native.toFixed(0)} ns`);
}
