import { embeddingDropoutCases } from '../../../testing/fused/cases-layers.js';
import { gradientSuites } from '../../../testing/fused/gradient-suites.js';

gradientSuites('Embedding and Dropout', embeddingDropoutCases);
