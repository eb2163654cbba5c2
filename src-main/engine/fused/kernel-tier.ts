/**
 * The kernel tier this thread's fused kernels run on ({@link useKernels}): the native addon of the active tier or
 * null (js), and the argument block the addon's kernels read. `mulInto`, `fillRows`, `columnSumsInto`
 * (gemm.ts) and the cell kernels (cell-kernels.ts) read it; the model switches its tier in before each pass, so
 * models on different tiers can share a thread.
 */
import type { NativeAddon } from '../kernels/native-addon.js';
import type { KernelTier } from '../kernels/tiers.js';

/** The active tier of this thread: its addon (null on the js tier) and how many products it ran natively. */
export const tierState: { native: NativeAddon | null; products: number } = { native: null, products: 0 };
/** The argument block the native kernels read (registered with this thread's addon once). */
export const kernelArgs = new Int32Array(16);
let argsRegistered: NativeAddon | null = null;

/** Makes `tier` the kernels of this thread. Cheap when it is already active. */
export function useKernels(tier: KernelTier): void {
  const native = tier.addon;
  tierState.native = native;
  if (native !== null && argsRegistered !== native) {
    native.setArgs(kernelArgs);
    argsRegistered = native;
  }
}

/** The native addon of the active tier, or null on the js tier. */
export function activeNative(): NativeAddon | null {
  return tierState.native;
}

/** How many products this thread has run on the native gemm so far (tests check that a tier really ran). */
export function nativeProductCount(): number {
  return tierState.products;
}
