import type { GradientCase } from './cases.js';

/** Bidirectional(SimpleRNN/LSTM/GRU) in each merge mode, last state and sequences. */
export const bidirectionalCases: readonly GradientCase[] = [
  { name: 'Bi(SimpleRNN) concat → Dense', layers: [{ bidirectional: { layer: { simpleRNN: { units: 3 } } } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse' },
  { name: 'Bi(SimpleRNN) sum seq → Dense per step', layers: [{ bidirectional: { layer: { simpleRNN: { units: 3, returnSequences: true } }, mergeMode: 'sum' } }, { dense: { units: 1 } }], batchSize: 2, steps: 4, features: 2, loss: 'mse' },
  { name: 'Bi(LSTM) concat → Dense', layers: [{ bidirectional: { layer: { lstm: { units: 3 } } } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse' },
  { name: 'Bi(LSTM) sum seq → LSTM → Dense', layers: [{ bidirectional: { layer: { lstm: { units: 2, returnSequences: true } }, mergeMode: 'sum' } }, { lstm: { units: 2 } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse' },
  { name: 'Bi(LSTM) ave and mul stacked', layers: [{ bidirectional: { layer: { lstm: { units: 2, returnSequences: true } }, mergeMode: 'ave' } }, { bidirectional: { layer: { simpleRNN: { units: 2 } }, mergeMode: 'mul' } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse' },
  { name: 'Bi(GRU reset_before) concat → Dense softmax, CE', layers: [{ bidirectional: { layer: { gru: { units: 3, resetAfter: false } } } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 2, loss: 'categoricalCrossentropy' },
  { name: 'Bi(GRU reset_before) sum seq → Dense per step', layers: [{ bidirectional: { layer: { gru: { units: 2, resetAfter: false, returnSequences: true } }, mergeMode: 'sum' } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 3, loss: 'mse' },
  { name: 'Bi(GRU reset_after) concat → Dense', layers: [{ bidirectional: { layer: { gru: { units: 2 } } } }, { dense: { units: 2 } }], batchSize: 2, steps: 4, features: 2, loss: 'mse', noTfjs: 'tfjs has no GRU with reset_after' },
  { name: 'Bi(GRU reset_after) sum seq → Dense', layers: [{ bidirectional: { layer: { gru: { units: 2, returnSequences: true } }, mergeMode: 'sum' } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse', noTfjs: 'tfjs has no GRU with reset_after' },
];

/** Embedding first layers and Dropout (rate 0 on both sides; rate > 0 with fixed masks, finite differences only). */
export const embeddingDropoutCases: readonly GradientCase[] = [
  { name: 'Embedding → LSTM → Dense softmax, sparse CE', layers: [{ embedding: { inputDim: 6, outputDim: 3 } }, { lstm: { units: 3 } }, { dense: { units: 4, activation: 'softmax' } }], batchSize: 3, steps: 5, features: 1, tokens: 6, loss: 'sparseCategoricalCrossentropy' },
  { name: 'Embedding → LSTM seq → Dense per step', layers: [{ embedding: { inputDim: 5, outputDim: 2 } }, { lstm: { units: 3, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 2, steps: 4, features: 1, tokens: 5, loss: 'mse' },
  { name: 'LSTM seq → Dropout(0) → LSTM → Dense', layers: [{ lstm: { units: 3, returnSequences: true } }, { dropout: { rate: 0 } }, { lstm: { units: 2 } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse' },
  { name: 'LSTM seq → Dropout(0.4) → LSTM → Dropout(0.3) → Dense', layers: [{ lstm: { units: 3, returnSequences: true } }, { dropout: { rate: 0.4 } }, { lstm: { units: 3 } }, { dropout: { rate: 0.3 } }, { dense: { units: 2 } }], batchSize: 3, steps: 3, features: 2, loss: 'mse', noTfjs: 'tfjs dropout masks are not seeded' },
  { name: 'Embedding → Dropout(0.5) → SimpleRNN → Dense softmax, CE', layers: [{ embedding: { inputDim: 4, outputDim: 3 } }, { dropout: { rate: 0.5 } }, { simpleRNN: { units: 3 } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 2, steps: 4, features: 1, tokens: 4, loss: 'categoricalCrossentropy', noTfjs: 'tfjs dropout masks are not seeded' },
];

/** Variable-length batches (lengths per row; 0 included): recurrent layers, stacks, Bidirectional, per-step losses. */
export const maskingCases: readonly GradientCase[] = [
  { name: 'masked SimpleRNN → Dense (seed 002 shape)', layers: [{ simpleRNN: { units: 5 } }, { dense: { units: 2 } }], batchSize: 4, steps: 2, features: 3, loss: 'mse', lengths: [2, 1, 2, 2] },
  { name: 'masked SimpleRNN seq → Dense per step', layers: [{ simpleRNN: { units: 3, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 4, steps: 4, features: 2, loss: 'mse', lengths: [4, 1, 3, 2] },
  { name: 'masked LSTM → Dense', layers: [{ lstm: { units: 3 } }, { dense: { units: 2 } }], batchSize: 3, steps: 5, features: 2, loss: 'mse', lengths: [5, 2, 3] },
  { name: 'masked LSTM seq → LSTM → Dense, mae', layers: [{ lstm: { units: 3, returnSequences: true } }, { lstm: { units: 2 } }, { dense: { units: 1 } }], batchSize: 3, steps: 4, features: 2, loss: 'mae', lengths: [1, 4, 2] },
  { name: 'masked LSTM seq → Dense per step', layers: [{ lstm: { units: 2, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', lengths: [4, 3, 1] },
  { name: 'masked GRU reset_after → Dense', layers: [{ gru: { units: 3 } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', lengths: [2, 4, 1] },
  { name: 'masked GRU reset_after seq → Dense per step', layers: [{ gru: { units: 2, returnSequences: true } }, { dense: { units: 1 } }], batchSize: 3, steps: 3, features: 2, loss: 'mse', lengths: [3, 1, 2] },
  { name: 'masked GRU reset_before seq → GRU → Dense', layers: [{ gru: { units: 3, resetAfter: false, returnSequences: true } }, { gru: { units: 2, resetAfter: false } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', lengths: [2, 4, 3] },
  { name: 'masked Bi(LSTM) concat → Dense', layers: [{ bidirectional: { layer: { lstm: { units: 2 } } } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', lengths: [4, 2, 1] },
  { name: 'masked Bi(SimpleRNN) concat seq → Dense per step', layers: [{ bidirectional: { layer: { simpleRNN: { units: 2, returnSequences: true } } } }, { dense: { units: 1 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', lengths: [3, 4, 2] },
  { name: 'masked Bi(GRU reset_before) sum seq → LSTM → Dense', layers: [{ bidirectional: { layer: { gru: { units: 2, resetAfter: false, returnSequences: true } }, mergeMode: 'sum' } }, { lstm: { units: 2 } }, { dense: { units: 1 } }], batchSize: 3, steps: 3, features: 2, loss: 'mse', lengths: [1, 3, 2] },
  { name: 'masked Embedding → LSTM → Dense', layers: [{ embedding: { inputDim: 5, outputDim: 2 } }, { lstm: { units: 2 } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 1, tokens: 5, loss: 'mse', lengths: [4, 2, 3] },
  { name: 'masked LSTM, a length 0 row', layers: [{ lstm: { units: 2 } }, { dense: { units: 2 } }], batchSize: 3, steps: 3, features: 2, loss: 'mse', lengths: [0, 3, 2] },
];
