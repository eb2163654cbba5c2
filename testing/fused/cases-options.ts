import type { GradientCase } from './cases.js';

/**
 * The options the other case lists leave out (testing/fused/coverage.ts lists what must be covered): every
 * activation as a cell's activation and gate activation, cells and Dense without bias, the per-step and masked
 * per-step losses, Dropout first and under masking, a masked Bidirectional GRU with reset_after, and masking from
 * a carried state.
 */
export const optionCases: readonly GradientCase[] = [
  {
    name: 'SimpleRNN sigmoid → hardSigmoid → linear without bias → Dense relu → Dense hardSigmoid',
    layers: [
      { simpleRNN: { units: 3, activation: 'sigmoid', returnSequences: true } },
      { simpleRNN: { units: 3, activation: 'hardSigmoid', returnSequences: true } },
      { simpleRNN: { units: 3, activation: 'linear', useBias: false } },
      { dense: { units: 3, activation: 'relu' } },
      { dense: { units: 2, activation: 'hardSigmoid' } },
    ],
    batchSize: 3, steps: 4, features: 2, loss: 'mse',
  },
  {
    name: 'LSTM activations × gate activations (sigmoid/tanh, hardSigmoid/relu, relu/linear, linear/hardSigmoid)',
    layers: [
      { lstm: { units: 2, activation: 'sigmoid', recurrentActivation: 'tanh', returnSequences: true } },
      { lstm: { units: 2, activation: 'hardSigmoid', recurrentActivation: 'relu', returnSequences: true } },
      { lstm: { units: 2, activation: 'relu', recurrentActivation: 'linear', returnSequences: true } },
      { lstm: { units: 2, activation: 'linear', recurrentActivation: 'hardSigmoid' } },
      { dense: { units: 2 } },
    ],
    batchSize: 3, steps: 4, features: 2, loss: 'mse',
  },
  {
    name: 'GRU reset_after activations × gate activations, last one without bias',
    layers: [
      { gru: { units: 2, activation: 'sigmoid', recurrentActivation: 'tanh', returnSequences: true } },
      { gru: { units: 2, activation: 'hardSigmoid', recurrentActivation: 'hardSigmoid', returnSequences: true } },
      { gru: { units: 2, activation: 'relu', recurrentActivation: 'relu', returnSequences: true } },
      { gru: { units: 2, activation: 'linear', recurrentActivation: 'linear', useBias: false } },
      { dense: { units: 2 } },
    ],
    batchSize: 3, steps: 4, features: 2, loss: 'mse',
  },
  {
    name: 'GRU reset_before activations × gate activations, last one without bias',
    layers: [
      { gru: { units: 2, resetAfter: false, activation: 'sigmoid', recurrentActivation: 'tanh', returnSequences: true } },
      { gru: { units: 2, resetAfter: false, activation: 'hardSigmoid', recurrentActivation: 'hardSigmoid', returnSequences: true } },
      { gru: { units: 2, resetAfter: false, activation: 'relu', recurrentActivation: 'relu', returnSequences: true } },
      { gru: { units: 2, resetAfter: false, activation: 'linear', recurrentActivation: 'linear', useBias: false } },
      { dense: { units: 2 } },
    ],
    batchSize: 3, steps: 4, features: 2, loss: 'mse',
  },
  { name: 'SimpleRNN seq → Dense softmax per step, categorical CE', layers: [{ simpleRNN: { units: 3, returnSequences: true } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 3, steps: 3, features: 2, loss: 'categoricalCrossentropy' },
  { name: 'GRU reset_before seq → Dense per step, mae', layers: [{ gru: { units: 3, resetAfter: false, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 3, steps: 3, features: 2, loss: 'mae' },
  { name: 'masked LSTM seq → Dense softmax per step, categorical CE', layers: [{ lstm: { units: 3, returnSequences: true } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 2, loss: 'categoricalCrossentropy', lengths: [4, 1, 3] },
  { name: 'masked Embedding → GRU reset_before seq → Dense softmax per step, sparse CE', layers: [{ embedding: { inputDim: 5, outputDim: 2 } }, { gru: { units: 3, resetAfter: false, returnSequences: true } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 1, tokens: 5, loss: 'sparseCategoricalCrossentropy', lengths: [2, 4, 3] },
  { name: 'masked stateful LSTM from a carried state → Dense', layers: [{ lstm: { units: 3, stateful: true } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse', warm: true, lengths: [4, 2, 0] },
  { name: 'masked stateful GRU reset_after seq from a carried state → Dense per step', layers: [{ gru: { units: 2, stateful: true, returnSequences: true } }, { dense: { units: 1 } }], batchSize: 3, steps: 3, features: 2, loss: 'mse', warm: true, lengths: [3, 1, 2] },
  { name: 'masked Bi(GRU reset_after) concat seq → Dense softmax per step, categorical CE', layers: [{ bidirectional: { layer: { gru: { units: 2, returnSequences: true } } } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 2, loss: 'categoricalCrossentropy', lengths: [4, 2, 3], noTfjs: 'tfjs has no GRU with reset_after' },
  { name: 'masked LSTM seq → Dropout(0.3) → GRU seq → Dense per step, mae', layers: [{ lstm: { units: 3, returnSequences: true } }, { dropout: { rate: 0.3 } }, { gru: { units: 2, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 3, steps: 4, features: 2, loss: 'mae', lengths: [3, 4, 1], noTfjs: 'tfjs dropout masks are not seeded' },
  { name: 'Dropout(0.2) on the input → LSTM → Dense', layers: [{ dropout: { rate: 0.2 } }, { lstm: { units: 3 } }, { dense: { units: 2 } }], batchSize: 3, steps: 3, features: 3, loss: 'mse', noTfjs: 'tfjs dropout masks are not seeded' },
];
