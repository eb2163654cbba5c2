/**
 * Kernel tiers of the fused engine (DESIGN.md "Kernel tiers"): `native` (the N-API addon, AVX-512 / AVX2+FMA /
 * SSE2), `wasm` (WebAssembly SIMD128, native/wasm) or `js` (TypedArray loops, the reference). The engine's layers
 * never see the tier: they call `mulInto` and the cell kernels, and the model switches the tier in before each
 * pass. Calls too small for a tier to pay stay in JS on every tier: each tier carries the sizes from which it is
 * called ({@link KernelLimits}), measured, not guessed.
 */
import { LabError } from '../../contract/errors.js';
import { KernelChoice } from '../../contract/spec.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';
import { loadWasmKernels } from './wasm-kernels.js';

export type { KernelChoice } from '../../contract/spec.js';

/**
 * Sizes from which the engine calls a tier's kernels instead of its JS loops (Infinity: never). Fixed per tier
 * rather than timed at start-up: which kernel runs changes the rounding, and a trial must give the same numbers
 * on every run of the same machine and tier.
 */
export interface KernelLimits {
  /** Multiply-adds (m·n·k) of a product. */
  readonly muladds: number;
  /** Values (rows·cols) of fillRows / columnSums. */
  readonly elementwise: number;
  /** Values of an activation or a SimpleRNN backward step. */
  readonly values: number;
  /** Cells (batch·units) of an LSTM or GRU step forward. */
  readonly cellsForward: number;
  /** Cells of an LSTM step backward. */
  readonly cellsBackward: number;
}

/** A resolved tier. */
export interface KernelTier {
  readonly name: 'native' | 'wasm' | 'js';
  /** What is recorded as part of a trial's backend: 'native-avx512', 'native-avx2', 'native-sse2', 'wasm-simd128' or 'js'. */
  readonly label: string;
  /** The kernels when name is 'native' or 'wasm' (the wasm module behind the addon's interface), else null. */
  readonly addon: NativeAddon | null;
  /** When the engine calls `addon` rather than its JS loops. */
  readonly limits: KernelLimits;
}

/**
 * The native tier's limits, measured with bench/gemm-crossover.ts and bench/cell-crossover.ts (AMD EPYC, Node 20,
 * ns per call, js / native, float64). Products: 1×4·4×16 (shampoo's h·R) 115 / 286, 4³ 67 / 312, 8³ 437 / 660,
 * 10³ 657 / 639, 12³ 1,563 / 796, 16³ 2,805 / 589, 32³ 21,867 / 2,384; float32 crosses at 8³–10³ too, so from
 * ≈1,000 multiply-adds the native call wins and 2,048 leaves margin (every shampoo product, LSTM(4) at batch 1,
 * stays in JS, bit for bit as on the js tier). Column sums: 256 values 171 / 2,199, 1,024 4,459 / 1,301. Cells
 * (two runs on a loaded 2-core machine, ±50 %): tanh over 16 values 451–827 / 180, 32 621–972 / 479–512; LSTM
 * forward 8 cells 672–760 / 531–618, 16 1,427–1,600 / 697–791; backward (no transcendentals) 32 cells
 * 656–1,137 / 566–1,354, 64 1,015–1,326 / 730–1,268, 256 3,924–9,779 / 1,716–2,163. A call costs ≈0.3–0.5 µs.
 */
export const NATIVE_LIMITS: KernelLimits = Object.freeze({ muladds: 2048, elementwise: 1024, values: 32, cellsForward: 16, cellsBackward: 64 });

/**
 * The wasm tier's limits. Every call copies its operands into linear memory and its results out
 * (wasm-kernels.ts); measured with the same benches (Node 20, float64, ns per call, js / wasm, a loaded 2-core
 * machine, ±30 %). Products: 8³ 375 / 588, 10³ 2,516 / 608, 12³ 1,024 / 640, 16³ 2,437 / 1,032, 12×20·20×20
 * 2,632 / 1,082, 32³ 20,163 / 5,274, so from ≈1,000 multiply-adds like native, and 2,048 again; 1×128·128×512
 * (one row: copying B costs what the product does) 79,153 / 85,436 before the few-rows path, which the limit
 * does not see. Cells: SIMD128 has no faster exp than V8's own Math.exp / Math.tanh (≈12–20 ns a value) by much
 * (the polynomial in f64x2 costs ≈12 ns a value here), so the cell kernels pay only at sizes where copying is
 * amortised: tanh over 64 values 931 / 951, 256 3,680 / 3,089; LSTM forward 64 cells 4,657 / 4,563, 256
 * 19,083 / 16,286, 1,024 109,379 / 82,693; GRU forward 256 cells 13,717 / 12,872. The LSTM backward step
 * (no transcendentals: 256 cells 3,581 / 3,507) and fillRows / column sums (copies and adds: 4,096 values
 * 9,538 / 9,793) never beat JS once their data is copied, so they stay in JS on this tier.
 */
export const WASM_LIMITS: KernelLimits = Object.freeze({ muladds: 2048, elementwise: Infinity, values: 256, cellsForward: 256, cellsBackward: Infinity });

const NONE: KernelLimits = Object.freeze({ muladds: Infinity, elementwise: Infinity, values: Infinity, cellsForward: Infinity, cellsBackward: Infinity });
const JS: KernelTier = Object.freeze({ name: 'js', label: 'js', addon: null, limits: NONE });
const CHOICES: readonly KernelChoice[] = KernelChoice.options;
const warned = new Set<string>();

/** RNNLAB_KERNELS (auto | native | wasm | js), which overrides every spec (tests force the js tier with it), or null. */
export function kernelsFromEnv(): KernelChoice | null {
  const value = process.env.RNNLAB_KERNELS;
  if (value === undefined || value === '') return null;
  if (!(CHOICES as readonly string[]).includes(value)) {
    throw new LabError('BACKEND_UNAVAILABLE', `RNNLAB_KERNELS is "${value}"; use one of ${CHOICES.join(', ')}, or unset it`);
  }
  return value as KernelChoice;
}

/**
 * Tiers turned off by RNNLAB_KERNELS_OFF (a comma list of native, wasm): they count as absent, so `auto` falls
 * back past them (to rule out a suspect tier, and how the fallback is tested without uninstalling anything).
 */
function tiersOff(): ReadonlySet<string> {
  const value = process.env.RNNLAB_KERNELS_OFF;
  if (value === undefined || value === '') return new Set();
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (name !== 'native' && name !== 'wasm') throw new LabError('BACKEND_UNAVAILABLE', `RNNLAB_KERNELS_OFF names "${name}"; list native and/or wasm (comma-separated), or unset it`);
  }
  return new Set(names);
}

/** The native tier, or why it is unavailable. */
function nativeTier(off: ReadonlySet<string>): KernelTier | string {
  if (off.has('native')) return 'turned off by RNNLAB_KERNELS_OFF';
  const addon = loadNativeAddon();
  if (typeof addon === 'string') return addon;
  return { name: 'native', label: `native-${addon.info().isa}`, addon, limits: NATIVE_LIMITS };
}

/** The wasm tier, or why it is unavailable. */
function wasmTier(off: ReadonlySet<string>): KernelTier | string {
  if (off.has('wasm')) return 'turned off by RNNLAB_KERNELS_OFF';
  const kernels = loadWasmKernels();
  if (typeof kernels === 'string') return kernels;
  return { name: 'wasm', label: 'wasm-simd128', addon: kernels, limits: WASM_LIMITS };
}

/** Says `message` on stderr once per thread. */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * The tier for `choice` (RNNLAB_KERNELS wins when set). 'native' or 'wasm' throws a LabError
 * (BACKEND_UNAVAILABLE) naming why when that tier is absent; 'auto' takes native, else wasm, else js, and says
 * once per thread on stderr which tier runs instead and why. 'auto' never mixes native and wasm: the native call
 * was faster at every size measured (bench/gemm-crossover.ts, bench/cell-crossover.ts), so the choice per layer
 * size is between the best tier present and JS, made by that tier's measured {@link KernelLimits}.
 */
export function resolveKernelTier(choice: KernelChoice = 'auto'): KernelTier {
  const wanted = kernelsFromEnv() ?? choice;
  if (wanted === 'js') return JS;
  const off = tiersOff();
  if (wanted === 'wasm') {
    const wasm = wasmTier(off);
    if (typeof wasm === 'string') throw new LabError('BACKEND_UNAVAILABLE', `kernels "wasm": the wasm kernels are ${wasm}; use "kernels": "auto" or "js"`);
    return wasm;
  }
  const native = nativeTier(off);
  if (typeof native !== 'string') return native;
  if (wanted === 'native') throw new LabError('BACKEND_UNAVAILABLE', `kernels "native": the native addon is ${native}; use "kernels": "auto", "wasm" or "js"`);
  const wasm = wasmTier(off);
  if (typeof wasm !== 'string') {
    warnOnce(`rnnlab: native kernels ${native}; the fused engine uses its wasm kernels (wasm-simd128)`);
    return wasm;
  }
  warnOnce(`rnnlab: native kernels ${native}, wasm kernels ${wasm}; the fused engine uses its JS kernels`);
  return JS;
}
