/**
 * Kernel tiers of the fused engine (DESIGN.md "Kernel tiers"): `native` (the N-API addon's gemm, AVX-512 /
 * AVX2+FMA / SSE2) or `js` (TypedArray loops, the reference). The engine's layers never see the tier: they call
 * `mulInto`, and the model switches the tier in before each pass. Products too small for a native call to pay
 * stay in JS on every tier (engine/fused/gemm.ts, NATIVE_MIN_MULADDS).
 */
import { LabError } from '../../contract/errors.js';
import { KernelChoice } from '../../contract/spec.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';

export type { KernelChoice } from '../../contract/spec.js';

/** A resolved tier. */
export interface KernelTier {
  readonly name: 'native' | 'js';
  /** What is recorded as part of a trial's backend: 'native-avx512', 'native-avx2', 'native-sse2' or 'js'. */
  readonly label: string;
  /** The addon when name is 'native', else null. */
  readonly addon: NativeAddon | null;
}

const JS: KernelTier = Object.freeze({ name: 'js', label: 'js', addon: null });
const CHOICES: readonly KernelChoice[] = KernelChoice.options;
let warned = false;

/** RNNLAB_KERNELS (auto | native | js), which overrides every spec (tests force the js tier with it), or null. */
export function kernelsFromEnv(): KernelChoice | null {
  const value = process.env.RNNLAB_KERNELS;
  if (value === undefined || value === '') return null;
  if (!(CHOICES as readonly string[]).includes(value)) {
    throw new LabError('BACKEND_UNAVAILABLE', `RNNLAB_KERNELS is "${value}"; use one of ${CHOICES.join(', ')}, or unset it`);
  }
  return value as KernelChoice;
}

/**
 * The tier for `choice` (RNNLAB_KERNELS wins when set). 'native' throws a LabError (BACKEND_UNAVAILABLE) naming
 * why when the addon is absent; 'auto' then falls back to js and says so once per thread on stderr.
 */
export function resolveKernelTier(choice: KernelChoice = 'auto'): KernelTier {
  const wanted = kernelsFromEnv() ?? choice;
  if (wanted === 'js') return JS;
  const addon = loadNativeAddon();
  if (typeof addon === 'string') {
    if (wanted === 'native') throw new LabError('BACKEND_UNAVAILABLE', `kernels "native": the native addon is ${addon}; use "kernels": "auto" or "js"`);
    if (!warned) {
      warned = true;
      console.warn(`rnnlab: native kernels ${addon}; the fused engine uses its JS kernels`);
    }
    return JS;
  }
  return { name: 'native', label: `native-${addon.info().isa}`, addon };
}
