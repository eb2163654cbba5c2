import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeSizedCases, wasmSizedCases } from '../../../testing/fused/cases-native.js';
import { finiteDifferenceSuite } from '../../../testing/fused/gradient-suites.js';
import { nativeProductCount } from '../fused/kernel-tier.js';
import { loadNativeAddon } from './native-addon.js';
import { loadWasmKernels } from './wasm-kernels.js';

// Central differences in Float64 for every layer kind on every tier that is built (one suite, parametrised by
// RNNLAB_KERNELS, which every model of the suite resolves), with products and cell steps large enough to leave
// JS on that tier (bound and why: FD_TOLERANCE). Each tier's block then checks that its kernels really ran.
const TIERS = [
  { name: 'native', problem: loadNativeAddon() },
  { name: 'wasm', problem: loadWasmKernels() },
  { name: 'js', problem: null },
] as const;

for (const { name, problem } of TIERS) {
  const absent = typeof problem === 'string' ? problem : null;
  describe.skipIf(absent !== null)(`the ${name} tier${absent === null ? '' : ` (skipped: ${absent})`}`, () => {
    const saved = process.env.RNNLAB_KERNELS;
    let before = 0;
    beforeAll(() => {
      process.env.RNNLAB_KERNELS = name;
      before = nativeProductCount();
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.RNNLAB_KERNELS;
      else process.env.RNNLAB_KERNELS = saved;
    });
    finiteDifferenceSuite(`Layers on the ${name} tier`, name === 'wasm' ? [...nativeSizedCases, ...wasmSizedCases] : nativeSizedCases);
    it(`ran its products on the ${name} kernels`, () => {
      const ran = nativeProductCount() - before;
      if (name === 'js') expect(ran).toBe(0);
      else expect(ran).toBeGreaterThan(0);
    });
  });
}
