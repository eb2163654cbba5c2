/**
 * Shared types of the fused engine: the storage precision, the losses it computes and the
 * contract between the model and its layers.
 */

/** Storage of weights, gradients, optimizer slots and activations. Arithmetic is always float64 (JS numbers). */
export type Vec = Float64Array | Float32Array;

/** 'f64' stores everything as Float64Array (default), 'f32' as Float32Array (half the memory traffic). */
export type Precision = 'f64' | 'f32';

/**
 * Losses of the fused engine. The two cross-entropies require a softmax Dense as the last layer and are
 * computed from its logits (the exact softmax cross-entropy, as Keras does with a softmax output).
 * `categoricalCrossentropy` reads one-hot (or probability) targets of `outputs` values per row;
 * `sparseCategoricalCrossentropy` reads one class index per row.
 */
export type FusedLossName = 'mse' | 'mae' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';

/** The fused engine's storage for a spec's `precision` ('float32' → 'f32'; 'float64' or unset → 'f64'). */
export function fusedPrecision(precision: 'float64' | 'float32' | undefined): Precision {
  return precision === 'float32' ? 'f32' : 'f64';
}

/** Allocates a zeroed vector of the given precision. */
export function allocVec(precision: Precision, length: number): Vec {
  return precision === 'f32' ? new Float32Array(length) : new Float64Array(length);
}

/** What a forward pass needs besides the input: whether it trains (dropout) and the batch's lengths (masking). */
export interface ForwardContext {
  /** True in training (dropout draws masks), false in predict (dropout is the identity). */
  readonly training: boolean;
  /** Valid steps of each batch row (the first `batch` entries, each 0..steps), or null when all steps are valid. */
  readonly lengths: Int32Array | null;
}

/**
 * One layer of a fused stack. Activations are time-major: row `t * batch + b` holds step t of sequence b,
 * so each step's batch is a contiguous block and a sequence of all steps is one [steps·batch, size] matrix.
 * Buffers are allocated once for the largest batch; a smaller (final, stateless) batch uses a tighter stride.
 */
export interface FusedLayer {
  /** Features per row of the output. */
  readonly outputSize: number;
  /** Whether the output keeps every step (RNN returnSequences, or Dense on a sequence) or only one row per sequence. */
  readonly outputIsSequence: boolean;
  /**
   * Forward pass over `steps` × `batch` rows of `input` (time-major, `inputSize` wide when the input is a
   * sequence, else `batch` rows). Returns the layer's own output buffer (valid until the next forward), or
   * `input` itself for an identity (dropout in predict).
   */
  forward(input: Vec, steps: number, batch: number, ctx: ForwardContext): Vec;
  /**
   * Backward pass for the last forward: `dOut` has the output's shape. Writes (not accumulates) this layer's
   * parameter gradients into its slice of the model's gradient array. Returns d(input) in the input's
   * shape, or null when `needInputGrad` is false (the first layer).
   */
  backward(dOut: Vec, needInputGrad: boolean): Vec | null;
  /** Zeros carried state (no-op for stateless layers). */
  resetStates(): void;
  /** The live carried-state buffers ([h] or [h, c], each [batch, units]); empty for layers without state. */
  stateBuffers(): Vec[];
}
