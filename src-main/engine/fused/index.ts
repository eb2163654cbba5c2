/**
 * The fused engine: hand-written TypedArray forward, BPTT and optimizer steps for stacks of SimpleRNN, LSTM,
 * GRU, Dense, Embedding, Dropout and Bidirectional layers, with Keras semantics (checked against tfjs and
 * finite differences in the tests beside these files), and variable-length batches (`Sequences.lengths`,
 * TF1 dynamic_rnn semantics).
 *
 * Files: `model.ts` (the SequenceModel: weight layout, batching, loss, optimizer), `recurrent.ts` (the layer
 * around a recurrent cell: time loop, state vectors and their carry, masking, batched input projections, weight
 * gradients as large products), `layer-*.ts` (one layer each; the recurrent ones are cells computing one step),
 * `build-layer.ts` (spec → layer), `masking.ts` (variable lengths), `dropout.ts` (seeded inverted dropout),
 * `mat.ts` (matrix views into the flat arrays), `gemm.ts` (the matrix product, `mulInto`), `activations.ts`,
 * `losses.ts`, `optimizers.ts`, `stack.ts` (which stacks are supported; the builders of each kind are in
 * `engine/layers/`).
 * `lockstep/` trains the repeats of one small LSTM → Dense configuration together, a lane per repeat, bit for bit
 * as each alone (eligibility.ts says when). Data-parallel training over worker threads lives in `runner/data-parallel/`; the test oracles (tfjs, finite
 * differences) and their cases in `testing/fused/`.
 */
import type { LayerOf } from '../../contract/layers.js';
import type { Engine, ModelRequest, SequenceModel } from '../sequence-model.js';
import { FusedModel, type FusedOptions } from './model.js';
import { unsupportedReason } from './stack.js';

export { FusedModel, type FusedOptions } from './model.js';
export type { FusedLossName, Precision } from './types.js';
export type { AdamEpsilonMode } from './optimizers.js';
export { unsupportedReason } from './stack.js';

/**
 * The fused TypedArray engine with the given options (precision, loss override, Adam epsilon placement).
 * `supports` is true when every layer is SimpleRNN/LSTM/GRU/Dense/Embedding/Dropout/Bidirectional in a stack it
 * can run (so 'auto' picks it for seeded dropout); `create` returns a
 * {@link FusedModel} (backend 'js-f64' or 'js-f32').
 */
export function createFusedEngine(options: FusedOptions = {}): Engine {
  return {
    name: 'fused',
    supports: (layers: readonly LayerOf[]) => unsupportedReason(layers) === null,
    unsupported: (layers: readonly LayerOf[]) => unsupportedReason(layers),
    create: async (request: ModelRequest): Promise<SequenceModel> => new FusedModel(request, options),
  };
}

/** The fused engine with its defaults: Float64, the spec's loss, tfjs' Adam. */
export const fusedEngine: Engine = createFusedEngine();
