/**
 * The kernel tier this thread's fused kernels run on ({@link useKernels}): the native addon of the active tier or
 * null (js), and the argument block the addon's kernels read. `mulInto`, `fillRows`, `columnSumsInto`
 * (gemm.ts) and the cell kernels (cell-kernels.ts) read it; the model switches its tier in before each pass, so
 * models on different tiers can share a thread.
 */
import type { NativeAddon } from '../kernels/native-addon.js';
import type { KernelLimits, KernelTier } from '../kernels/tiers.js';
import type { Vec } from './types.js';

/**
 * The active tier of this thread: its kernels (the native addon or the wasm module behind the same interface;
 * null on the js tier), the sizes from which they are called, and how many products they ran.
 */
export const tierState: { native: NativeAddon | null; limits: KernelLimits; products: number } = {
  native: null,
  limits: Object.freeze({ muladds: Infinity, elementwise: Infinity, values: Infinity, cellsForward: Infinity, cellsBackward: Infinity }),
  products: 0,
};
/** The argument block the native kernels read (registered with this thread's addon once). */
export const kernelArgs = new Int32Array(16);
let argsRegistered: NativeAddon | null = null;

/** Makes `tier` the kernels of this thread. Cheap when it is already active. */
export function useKernels(tier: KernelTier): void {
  const native = tier.addon;
  tierState.native = native;
  tierState.limits = tier.limits;
  if (native !== null) argsFor(native);
}

/**
 * The argument block of `native`'s kernels, registered with it first when it is not yet (for callers that run a
 * tier's kernels without switching the thread's tier: the optimizer, lockstep groups).
 */
export function argsFor(native: NativeAddon): Int32Array {
  if (argsRegistered !== native) {
    native.setArgs(kernelArgs);
    argsRegistered = native;
  }
  return kernelArgs;
}

let bound: { native: NativeAddon; owner: object } | null = null;

/**
 * Binds `arrays` with `native` for its lane kernels (NativeAddon.bindLanes) on behalf of `owner`, unless they are
 * bound for it already: a lockstep group binds its arrays once and rebinds only after another owner has.
 */
export function bindLanesFor(native: NativeAddon, owner: object, arrays: () => readonly Vec[]): void {
  if (bound !== null && bound.native === native && bound.owner === owner) return;
  native.bindLanes!(arrays());
  bound = { native, owner };
}

/** Releases what `owner` bound with `native` (their arrays stay alive while bound), if it is still bound. */
export function unbindLanesFor(native: NativeAddon, owner: object): void {
  if (bound === null || bound.native !== native || bound.owner !== owner) return;
  native.unbindLanes!();
  bound = null;
}

/** The kernels of the active tier (native addon or wasm module), or null on the js tier. */
export function activeNative(): NativeAddon | null {
  return tierState.native;
}

/** How many products this thread has run on a tier's gemm (native or wasm) so far (tests check that a tier really ran). */
export function nativeProductCount(): number {
  return tierState.products;
}
