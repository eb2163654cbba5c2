// The cell lab's answer (shared by the service, the CLI, the API and the renderer): one recurrent layer
// stepped through one input, gate by gate, with the check against the engine.

/** Recurrent layer kinds the cell lab opens. */
export type CellKind = 'lstm' | 'gru' | 'simpleRNN';

/** One time step: the layer's input, each gate's pre-activation and value, the carried state and the output. */
export interface CellStep {
  readonly t: number;
  readonly input: readonly number[];
  /** Gate name (i, f, c̃, o / z, r, h̃ / h) → u pre-activation values. */
  readonly preActivations: Readonly<Record<string, readonly number[]>>;
  readonly gates: Readonly<Record<string, readonly number[]>>;
  /** h (and c for LSTM) after the step. */
  readonly state: Readonly<Record<string, readonly number[]>>;
  readonly output: readonly number[];
}

/** What was opened: experiment, configuration, repeat (or untrained seeded weights), layer and example. */
export interface CellSource {
  readonly experiment: string;
  readonly config: number;
  /** 1-based repeat whose kept weights were used; null: untrained weights from `seed`. */
  readonly repeat: number | null;
  readonly seed: number;
  /** Index of the layer in `model.layers`. */
  readonly layer: number;
  /** A Bidirectional layer's direction shown (backward steps read the sequence from its last valid step). */
  readonly direction?: 'forward' | 'backward';
  /** 1-based held-out example, and its label or target when the task has one. */
  readonly example: number;
  readonly examples: number;
  readonly label?: string;
}

/** A layer stepped through one input. */
export interface CellTrace {
  readonly kind: CellKind;
  readonly units: number;
  readonly features: number;
  readonly gates: readonly string[];
  /** One line per formula, with the layer's own activations. */
  readonly formulas: readonly string[];
  readonly steps: readonly CellStep[];
  readonly source: CellSource;
  /** Every layer of the model the cell lab opens (index in `model.layers`, kind, units), for a layer picker. */
  readonly cells: readonly { readonly index: number; readonly kind: CellKind; readonly units: number; readonly bidirectional?: boolean }[];
  /**
   * The engine's own outputs of this layer on the same input against the steps' outputs (a Bidirectional
   * layer's: both directions, merged by its merge mode): largest absolute
   * difference, the tolerance (float64: 1e-9; float32 engines: 1e-5 relative to max(1, |h|)) and whether it held.
   */
  readonly engineCheck: { readonly engine: string; readonly maxAbsDiff: number; readonly tolerance: number; readonly ok: boolean };
}

/** Which layer and example to open. */
export interface CellRequest {
  readonly config?: number;
  /** 1-based repeat with kept weights; omitted with `untrained`: seeded initial weights. */
  readonly repeat?: number;
  readonly untrained?: boolean;
  /** Index in `model.layers`; default the first recurrent layer. */
  readonly layer?: number;
  /** 1-based held-out example; default 1. */
  readonly example?: number;
  /** Of a Bidirectional layer (default forward). */
  readonly direction?: 'forward' | 'backward';
}
