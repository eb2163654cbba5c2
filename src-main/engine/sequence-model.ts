import type { ModelSpec, LayerOf } from '../contract/layers.js';
import type { TrainingSpec, BackendChoice } from '../contract/spec.js';
import type { WeightTensor } from '../contract/results.js';

/**
 * A batch of sequences in row-major order: `data[(i * steps + t) * features + f]`.
 * Values are float64 so both engines read the same numbers; tfjs converts to float32 itself.
 */
export interface Sequences {
  readonly data: Float64Array;
  /** Number of sequences. */
  readonly n: number;
  readonly steps: number;
  readonly features: number;
  /**
   * Valid steps of each sequence (n values in 0..steps), for padded batches of variable-length sequences;
   * omitted: every sequence has all `steps`. Semantics of TF1 `dynamic_rnn(sequence_length=…)`: past its
   * length a recurrent layer outputs zeros and keeps its state frozen (its last output with
   * returnSequences=false is the state at step length−1), and a per-step loss averages over valid steps only.
   */
  readonly lengths?: Int32Array;
}

export type { WeightTensor } from '../contract/results.js';

/** Shape of the model's input: fixed batch size (needed by stateful layers), steps and features. */
export interface InputShape {
  readonly batchSize: number;
  readonly steps: number;
  readonly features: number;
}

/** How one epoch of training runs. */
export interface TrainEpochOptions {
  /** Row order of the pass (index order when omitted). */
  readonly order?: Int32Array;
  /** Reset stateful layers after every batch. */
  readonly resetEachBatch?: boolean;
  /** After each optimizer step: rows trained so far in this epoch and the epoch's rows (progress within an epoch). */
  readonly onBatch?: (rowsDone: number, rows: number) => void;
}

/**
 * A sequential recurrent model that one engine trains. The forecasting (and later, other) tasks
 * drive it through this interface only, so engines are interchangeable.
 * Every method may be called only between construction and `dispose()`.
 */
export interface SequenceModel {
  /** 'tfjs' or 'fused'. */
  readonly engine: string;
  /** Where the arithmetic ran: 'tensorflow', 'wasm', 'cpu' (tfjs) or e.g. 'js-f64' (fused). */
  readonly backend: string;
  /**
   * One pass over the rows of `x` in `order` (all rows in index order when omitted), in batches of the
   * model's batch size; returns the epoch's loss (mean over batches, as Keras reports it).
   * `y` holds `n × outputs` targets. Stateful layers carry state from batch to batch (the carried
   * state is a constant: no gradient flows into the previous batch); `resetEachBatch` resets it.
   */
  trainEpoch(x: Sequences, y: Float64Array, options?: TrainEpochOptions): Promise<number>;
  /** Forgets the carried state of stateful layers (zeros). */
  resetStates(): void;
  /** Forward pass in order; stateful layers carry state across calls. Returns `n × outputs` values. */
  predict(x: Sequences): Promise<Float64Array>;
  /** Current weights, in Keras order and layout. */
  getWeights(): WeightTensor[];
  dispose(): void;
}

/** What an engine needs to build a model: the spec, input shape, training settings and initial weights. */
export interface ModelRequest {
  readonly model: ModelSpec;
  readonly input: InputShape;
  readonly training: TrainingSpec;
  /** Initial weights from {@link initialWeights}: identical in every engine for the same seed. */
  readonly weights: readonly WeightTensor[];
  readonly backend: BackendChoice;
  /**
   * The trial's seed, for randomness during training (dropout masks: `createRng(seed, 'dropout')`);
   * default 0. Initial weights come in `weights` and do not depend on it here.
   */
  readonly seed?: number;
}

/** Builds models of one engine. */
export interface Engine {
  readonly name: string;
  /** Whether this engine implements every layer of the model (the 'auto' choice asks). */
  supports(layers: readonly LayerOf[]): boolean;
  /** Why it cannot (one line: spec path, problem, fix), or null when it can. */
  unsupported(layers: readonly LayerOf[]): string | null;
  create(request: ModelRequest): Promise<SequenceModel>;
}
