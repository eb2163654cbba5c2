import { gradientCases } from '../../../testing/fused/cases.js';
import { tfjsSuite } from '../../../testing/fused/gradient-suites.js';

// tfjs variableGrads (float32) on the same weights and inputs (bound and why: TFJS_TOLERANCE).
tfjsSuite('Layers', gradientCases);
