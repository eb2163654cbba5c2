import type { GradientCase } from './cases.js';

/**
 * Cases whose products are large enough for the native tier (m·n·k ≥ 2,048 multiply-adds: engine/fused/gemm.ts),
 * so the finite-difference suite checks the native gemm inside every layer's forward and backward pass (the
 * small cases of cases.ts run their products in JS on every tier). Still small enough for finite differences
 * over all parameters.
 */
export const nativeSizedCases: readonly GradientCase[] = [
  { name: 'SimpleRNN(20) batch 12 → Dense(5) softmax, sparse CE', layers: [{ simpleRNN: { units: 20 } }, { dense: { units: 5, activation: 'softmax' } }], batchSize: 12, steps: 4, features: 9, loss: 'sparseCategoricalCrossentropy' },
  { name: 'LSTM(14) seq batch 10 → LSTM(10) → Dense(3)', layers: [{ lstm: { units: 14, returnSequences: true } }, { lstm: { units: 10 } }, { dense: { units: 3 } }], batchSize: 10, steps: 4, features: 7, loss: 'mse' },
  { name: 'GRU(12) reset_after and reset_before, batch 12', layers: [{ gru: { units: 12, returnSequences: true } }, { gru: { units: 10, resetAfter: false } }, { dense: { units: 2 } }], batchSize: 12, steps: 3, features: 6, loss: 'mse' },
  { name: 'Bi(LSTM(10)) concat, masked, batch 12 → Dense(2)', layers: [{ bidirectional: { layer: { lstm: { units: 10 } } } }, { dense: { units: 2 } }], batchSize: 12, steps: 4, features: 5, loss: 'mse', lengths: [4, 1, 3, 2, 4, 4, 0, 2, 3, 1, 4, 2] },
];

/**
 * Cases that reach the wasm tier's cell kernels too (engine/kernels/tiers.ts WASM_LIMITS: LSTM / GRU steps of
 * ≥ 256 cells, activations of ≥ 256 values; the LSTM backward step stays in JS there) besides its gemm: batch ×
 * units ≥ 256, with few features and steps so finite differences over every parameter stay cheap.
 */
export const wasmSizedCases: readonly GradientCase[] = [
  { name: 'SimpleRNN(16) batch 16 → Dense(3) softmax, sparse CE', layers: [{ simpleRNN: { units: 16 } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 16, steps: 3, features: 4, loss: 'sparseCategoricalCrossentropy' },
  { name: 'LSTM(16) seq batch 16 → Dense(2) per step', layers: [{ lstm: { units: 16, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 16, steps: 3, features: 4, loss: 'mse' },
  { name: 'GRU(16) reset_after batch 16 → Dense(2)', layers: [{ gru: { units: 16 } }, { dense: { units: 2 } }], batchSize: 16, steps: 3, features: 4, loss: 'mse' },
  { name: 'Bi(LSTM(16)) concat batch 16, masked → Dense(2)', layers: [{ bidirectional: { layer: { lstm: { units: 16 } } } }, { dense: { units: 2 } }], batchSize: 16, steps: 3, features: 3, loss: 'mse', lengths: [3, 1, 2, 3, 0, 3, 2, 1, 3, 3, 2, 1, 3, 2, 3, 1] },
];
