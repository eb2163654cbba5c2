import { maskingCases } from './cases-layers.js';
import { gradientSuites } from './gradient-suites.js';

gradientSuites('Masking', maskingCases);
