/**
 * Loads the native kernel addon (native/, built by scripts/build-native.mjs at `npm install`) once per thread.
 * Each worker thread loads it for itself: an N-API addon keeps its state (argument block, ISA, pack buffers)
 * per thread.
 */
import { createRequire } from 'node:module';
import type { Vec } from '../fused/types.js';

/** What the addon reports about itself. */
export interface NativeInfo {
  /** The instruction set this thread's gemm runs: 'avx512', 'avx2' or 'sse2' ('generic' off x86). */
  readonly isa: string;
  /** Every instruction set this CPU can run, fastest first. */
  readonly supported: readonly string[];
  /** Compiler and flags of the build. */
  readonly flags: string;
}

/** A matrix packed by the addon's `packB` (an opaque handle; the addon frees it when it is collected). */
export type PackedMatrix = { readonly __packedMatrix: unique symbol };

/** The addon's functions (native/src/addon.cc). */
export interface NativeAddon {
  info(): NativeInfo;
  /** Switches this thread's gemm to another supported instruction set (tests run each one). */
  useIsa(name: string): void;
  /**
   * Registers the Int32Array of 12 that {@link gemm} reads its arguments from: m, n, k, A offset, A row step,
   * A column step, B offset, B row step, B column step, C offset, C row stride, accumulate (0/1).
   */
  setArgs(args: Int32Array): void;
  /** C = (accumulate ? C : 0) + op(A)·op(B) per the argument block; all three of one type. Throws on bad views. */
  gemm(c: Vec, a: Vec, b: Vec): void;
  /**
   * Packs op(B), k × n (args: n, k and B's offset, row step, column step as for {@link gemm}), for
   * {@link gemmPacked}: for a weight matrix used by every step of a pass. Repacks into `previous` when it is a
   * handle of enough capacity (and returns it), else returns a new handle. Absent on the wasm tier.
   */
  packB?(b: Vec, previous: PackedMatrix | null): PackedMatrix;
  /**
   * gemm with op(B) from {@link packB} (args as for gemm; B's fields are not read, m, n, k and the element type
   * must match the packing). The same values as gemm on the unpacked B. Throws on a foreign handle or bad views.
   */
  gemmPacked?(c: Vec, a: Vec, packed: PackedMatrix): void;
  /** dst[dstOff..+n) = act(src[srcOff..+n)); args: code (0 tanh, 1 sigmoid), srcOff, dstOff, n. */
  activate(src: Vec, dst: Vec): void;
  /** One LSTM step forward, Keras' default activations; args: zOff, cPrevOff, stateOff, batch, u (see cell-kernels.ts). */
  lstmForward(z: Vec, cPrev: Vec, c: Vec, actCell: Vec, h: Vec): void;
  /** One LSTM step backward, element-wise part; args: dOutOff, zOff, stateOff, cPrevOff, batch, u. */
  lstmBackward(dOut: Vec | null, dh: Vec, dc: Vec, z: Vec, actCell: Vec, cPrev: Vec, dz: Vec): void;
  /** Rows of `c` = the bias row (or 0 when null); args: cOff, rows, cols, stride, biasOff. */
  fillRows(c: Vec, bias: Vec | null): void;
  /** out[outOff + j] = Σ_r src[srcOff + r·stride + j], in row order; args: outOff, srcOff, rows, cols, stride. */
  columnSums(out: Vec, src: Vec): void;
  /** One SimpleRNN step backward, element-wise; args: dOutOff, hOff (h and dz), n, code (0 tanh, 1 sigmoid). */
  rnnBackward(dOut: Vec | null, dh: Vec, h: Vec, dz: Vec): void;
  /** One GRU (reset_after) step forward, default activations; args: zOff, hPrevOff, stateOff, batch, u. */
  gruForward(z: Vec, rec: Vec, hPrev: Vec, cand: Vec, h: Vec): void;
  // Exact kernels (native/src/exact-kernel.inc): the same bits as the JS loops they stand for. Native tier only.
  /**
   * Adam over args n values (args: n, keras 0/1) as FlatOptimizer's loop; scalars: lr, beta1, beta2, epsilon,
   * c1 = 1/(1 − β1ᵗ), c2 = 1/(1 − β2ᵗ), lrT = lr·√(1 − β2ᵗ)/(1 − β1ᵗ).
   */
  adamStep?(params: Vec, grads: Vec, m: Vec, v: Vec, scalars: Float64Array): void;
  /**
   * Binds up to 32 arrays (one type) for the lane kernels below, which name them by index in the argument block
   * (typed-array arguments cost ≈0.1 µs of N-API each; a lockstep step makes a dozen small calls). Keeps them
   * alive until the next bindLanes / unbindLanes.
   */
  bindLanes?(arrays: readonly Vec[]): void;
  unbindLanes?(): void;
  /**
   * lockstep/lane-products.ts mulLanes; args: cOff, cRow, aOff, aRow, aCol, bOff, bRow, bCol, m, n, k,
   * accumulate, lanes (offsets and strides in elements of `lanes` values), bound indices of c, a, b.
   */
  mulLanes?(): void;
  /** lockstep/lane-products.ts fillRowsLanes; args: cOff, rows, cols, biasOff, lanes, bound indices of c, bias. */
  fillRowsLanes?(): void;
  /** lockstep/lane-products.ts columnSumsLanes; args: outOff, srcOff, rows, cols, lanes, bound indices of out, src. */
  columnSumsLanes?(): void;
  /**
   * lockstep/lstm-dense.ts's backward cell loop of one step (Keras' default activations); args: zOff (z, dz),
   * stateOff (actCell), cPrevOff, rows, u, lanes, bound indices of dAbove (−1: none), dh, dc, z, actCell, cPrev,
   * dz; dAbove, dh, dc from 0.
   */
  lstmBackwardLanes?(): void;
  /**
   * lockstep/lstm-dense.ts's forward cell loop of one step (Keras' default activations, V8's exp and tanh bit for
   * bit); args: zOff, cPrevOff, stateOff (c, actCell, h), rows, u, lanes, bound indices of z, cPrev, c, actCell, h.
   */
  lstmForwardLanes?(): void;
  /**
   * One step of a lockstep LSTM → linear Dense group (forward, mse / mae loss, backward; lockstep/lstm-dense.ts
   * in its order) on the 19 arrays bound in lstm-dense.ts's LOCKSTEP_ARRAYS order; args: rows, steps, features,
   * units, dense units, width, real lanes, stateful, mae, and the offsets of the five weights. Writes each real
   * lane's mean loss into lossSum.
   */
  lockstepStep?(lossSum: Float64Array): void;
  /** dst = V8's Math.exp (code 0), Math.tanh (1) or Math.expm1 (2) of src as the lane kernels compute them; args: code, n. */
  v8Math?(src: Float64Array, dst: Float64Array): void;
}

/**
 * The build, relative to this file: native/ beside src-main/ (tests run the sources) and, for the built app,
 * dist/native, which scripts/build-main.mjs links to native/ so the same relative path holds.
 */
const ADDON = '../../../native/build/Release/rnnlab_kernels.node';

let loaded: NativeAddon | string | undefined;

/** The addon, or why it could not be loaded (one line), loading it on the first call of this thread. */
export function loadNativeAddon(): NativeAddon | string {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  let problem = 'not built (run `npm run build:native`)';
  try {
    loaded = require(ADDON) as NativeAddon;
  } catch (error) {
    // A build that exists but does not load (wrong architecture, missing symbol) is worth naming.
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') problem = `failed to load: ${(error as Error).message.split('\n')[0]}`;
    loaded = problem;
  }
  return loaded;
}
