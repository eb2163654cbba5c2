import { bidirectionalCases } from './cases-layers.js';
import { gradientSuites } from './gradient-suites.js';

gradientSuites('Bidirectional', bidirectionalCases);
