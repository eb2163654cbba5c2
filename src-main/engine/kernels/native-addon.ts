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

/** The addon's functions (native/src/gemm.cc). */
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
