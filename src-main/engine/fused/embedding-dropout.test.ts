import { embeddingDropoutCases } from './cases-layers.js';
import { gradientSuites } from './gradient-suites.js';

gradientSuites('Embedding and Dropout', embeddingDropoutCases);
