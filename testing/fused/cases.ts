import type { FusedLossName } from '../../src-main/engine/fused/types.js';

/** A model/loss combination the gradient tests check (shared by the tfjs and finite-difference tests). */
export interface GradientCase {
  readonly name: string;
  readonly layers: readonly Record<string, unknown>[];
  readonly batchSize: number;
  readonly steps: number;
  readonly features: number;
  readonly loss: FusedLossName;
  /** Rows in the checked batch (less than batchSize for a final partial batch); default batchSize. */
  readonly rows?: number;
  /** Run one batch first so stateful layers start the checked batch from a non-zero carried state. */
  readonly warm?: boolean;
  /** Valid steps of each checked row (masking); omitted: all steps. */
  readonly lengths?: readonly number[];
  /** Inputs are token ids in 0..tokens−1 (features 1) for an Embedding first layer. */
  readonly tokens?: number;
  /** Why tfjs cannot express this case (the finite-difference check still runs), or undefined. */
  readonly noTfjs?: string;
}

/** Every supported layer/loss combination, small enough for finite differences over all parameters. */
export const gradientCases: readonly GradientCase[] = [
  { name: 'SimpleRNN tanh → Dense, mse', layers: [{ simpleRNN: { units: 3 } }, { dense: { units: 2 } }], batchSize: 4, steps: 5, features: 2, loss: 'mse' },
  { name: 'SimpleRNN relu seq → Dense per step, mse', layers: [{ simpleRNN: { units: 4, activation: 'relu', returnSequences: true } }, { dense: { units: 1 } }], batchSize: 3, steps: 4, features: 2, loss: 'mse' },
  { name: 'SimpleRNN stateful, warm state, mae', layers: [{ simpleRNN: { units: 3, stateful: true } }, { dense: { units: 2 } }], batchSize: 2, steps: 3, features: 2, loss: 'mae', warm: true },
  { name: 'LSTM → Dense, mse (shampoo shape)', layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }], batchSize: 1, steps: 1, features: 1, loss: 'mse', warm: true },
  { name: 'LSTM → Dense, mse, batch 4 × 6 steps', layers: [{ lstm: { units: 3 } }, { dense: { units: 2 } }], batchSize: 4, steps: 6, features: 3, loss: 'mse' },
  { name: 'LSTM stateful warm, hardSigmoid gates, mae', layers: [{ lstm: { units: 3, stateful: true, recurrentActivation: 'hardSigmoid' } }, { dense: { units: 1 } }], batchSize: 2, steps: 4, features: 2, loss: 'mae', warm: true },
  { name: 'LSTM ×2 stacked seq → Dense per step', layers: [{ lstm: { units: 3, returnSequences: true } }, { lstm: { units: 2, returnSequences: true } }, { dense: { units: 2 } }], batchSize: 2, steps: 4, features: 2, loss: 'mse' },
  { name: 'LSTM no bias, partial batch', layers: [{ lstm: { units: 2, useBias: false } }, { dense: { units: 1, useBias: false } }], batchSize: 4, steps: 3, features: 2, loss: 'mse', rows: 3 },
  { name: 'GRU reset_after → Dense, mse', layers: [{ gru: { units: 3 } }, { dense: { units: 2 } }], batchSize: 3, steps: 5, features: 2, loss: 'mse' },
  { name: 'GRU reset_after stateful warm seq → Dense per step', layers: [{ gru: { units: 3, stateful: true, returnSequences: true } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse', warm: true },
  { name: 'GRU reset_before → Dense, mse', layers: [{ gru: { units: 3, resetAfter: false } }, { dense: { units: 2 } }], batchSize: 3, steps: 5, features: 2, loss: 'mse' },
  { name: 'GRU reset_before stateful warm, mae', layers: [{ gru: { units: 2, resetAfter: false, stateful: true } }, { dense: { units: 2 } }], batchSize: 2, steps: 3, features: 3, loss: 'mae', warm: true },
  { name: 'Dense → SimpleRNN → LSTM → Dense', layers: [{ dense: { units: 3, activation: 'tanh' } }, { simpleRNN: { units: 3, returnSequences: true } }, { lstm: { units: 2 } }, { dense: { units: 2 } }], batchSize: 2, steps: 3, features: 2, loss: 'mse' },
  { name: 'LSTM → Dense softmax, categorical CE', layers: [{ lstm: { units: 3 } }, { dense: { units: 4, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 2, loss: 'categoricalCrossentropy' },
  { name: 'SimpleRNN → Dense softmax, sparse CE', layers: [{ simpleRNN: { units: 3 } }, { dense: { units: 4, activation: 'softmax' } }], batchSize: 3, steps: 4, features: 2, loss: 'sparseCategoricalCrossentropy' },
  { name: 'GRU seq → Dense softmax per step, sparse CE', layers: [{ gru: { units: 3, returnSequences: true } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 2, steps: 3, features: 2, loss: 'sparseCategoricalCrossentropy' },
  { name: 'LSTM(12) batch 16 (large enough for the packed products)', layers: [{ lstm: { units: 12, returnSequences: true } }, { gru: { units: 8 } }, { dense: { units: 3 } }], batchSize: 16, steps: 6, features: 8, loss: 'mse' },
  { name: 'LSTM → Dense sigmoid → Dense softmax, mse', layers: [{ lstm: { units: 3 } }, { dense: { units: 3, activation: 'sigmoid' } }, { dense: { units: 3, activation: 'softmax' } }], batchSize: 2, steps: 3, features: 2, loss: 'mse' },
];
