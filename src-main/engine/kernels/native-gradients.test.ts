import { nativeSizedCases } from '../../../testing/fused/cases-native.js';
import { finiteDifferenceSuite } from '../../../testing/fused/gradient-suites.js';
import { resolveKernelTier } from './tiers.js';

// Central differences in Float64 on the tier that 'auto' picks (native when built; RNNLAB_KERNELS=js runs the
// same cases on the js tier), with products large enough to leave JS (bound and why: FD_TOLERANCE).
finiteDifferenceSuite(`Layers on the ${resolveKernelTier('auto').label} tier`, nativeSizedCases);
