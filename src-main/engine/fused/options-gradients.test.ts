import { optionCases } from '../../../testing/fused/cases-options.js';
import { gradientSuites } from '../../../testing/fused/gradient-suites.js';

gradientSuites('Options', optionCases);
