import { gradientCases } from '../../../testing/fused/cases.js';
import { finiteDifferenceSuite } from '../../../testing/fused/gradient-suites.js';

// Central differences in Float64 over every parameter of every case (bound and why: FD_TOLERANCE).
finiteDifferenceSuite('Layers', gradientCases);
