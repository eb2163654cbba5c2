import { bidirectionalCases } from '../../../testing/fused/cases-layers.js';
import { gradientSuites } from '../../../testing/fused/gradient-suites.js';

gradientSuites('Bidirectional', bidirectionalCases);
