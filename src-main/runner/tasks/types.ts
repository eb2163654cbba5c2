import type { BaselineOutcome, TrialOutcome } from '../../contract/results.js';
import type { ExperimentSpec, TaskKind } from '../../contract/spec.js';
import type { Dataset, DatasetShape } from '../../data/dataset.js';
import type { Engine, Sequences } from '../../engine/sequence-model.js';
import type { TrialHooks } from '../../engine/tasks/train-loop.js';
import type { LockstepHooks } from '../../engine/forecast/run-lockstep.js';
import type { FunctionalSummary } from '../../engine/seq2seq/summary.js';

/** Which fold of which repeat a cross-validated trial holds out, and the seed that drew that repeat's folds. */
export interface FoldRef {
  readonly repeat: number;
  readonly fold: number;
  readonly splitSeed: number;
}

/** A configuration's data loaded and framed for its task: baselines, input shape, and how to run a repeat. */
export interface PreparedTask {
  readonly task: TaskKind;
  /** Steps and features of one input sequence (for summaries and the dry-run build). */
  readonly input: { readonly steps: number; readonly features: number };
  readonly baselines: BaselineOutcome[];
  /**
   * Held-out inputs as the model reads them, with a label per row when the task has one (class name, target,
   * next character) — for the cell lab's "pick a test example"; omitted by tasks that have none.
   */
  readonly examples?: { readonly x: Sequences; readonly labels?: readonly string[] };
  /** Runs one repeat with its seed on an engine. */
  run(engine: Engine, seed: number, hooks: TrialHooks): Promise<TrialOutcome>;
  /**
   * Set by tasks that can train several repeats in lockstep (forecast): runs the repeats `seeds` together on
   * `engine`, each lane's result through `hooks`, and resolves to null — or, having run nothing, to why these
   * repeats cannot (then each runs alone with {@link run}).
   */
  readonly lockstep?: (engine: Engine, seeds: readonly number[], hooks: LockstepHooks) => Promise<string | null>;
  /**
   * Set by tasks whose model is not a sequential stack (translation's encoder–decoder): they pick their own
   * engine by the spec's `engine`, so the runner calls these instead of building a stack engine.
   */
  readonly ownEngine?: OwnEngineTask;
}

/** Checks and runs of a task that picks its own engine (see {@link PreparedTask.ownEngine}). */
export interface OwnEngineTask {
  /** Number of weights of one trial's model (for `keep.weights: "auto"`). */
  readonly parameters: number;
  /** The Keras-style summary of the model (a functional one: rows say what each layer is connected to). */
  readonly summary: FunctionalSummary & { readonly text: string };
  /** The checks after the data's and the task's: the engine exists for the spec, and a dry-run build works. */
  check(): Promise<void>;
  /** Runs one repeat; `onEngine` hears the engine's name once it is chosen (the 'trial-started' event). */
  run(seed: number, hooks: TrialHooks, onEngine?: (name: string) => void): Promise<TrialOutcome>;
}

/**
 * A task: which dataset shapes it accepts, and how it checks the model against them (runner/task-checks),
 * splits them (seeded by the master seed, so every repeat is scored on the same held-out data) and runs and
 * scores one repeat. One record per task; the registry maps `TaskKind` to it.
 */
export interface TaskRecord<S extends DatasetShape = DatasetShape> {
  readonly kind: TaskKind;
  /** The dataset shapes this task works with (any source yielding one of them will do). */
  readonly accepts: readonly S[];
  /** What the task needs, for the refusal when a source yields another shape. */
  readonly needs: string;
  /**
   * Checks and frames the data for one trial. Under cross-validation `fold` names the held-out fold; without
   * it (the checks before storing) the task checks every repeat's folds can be drawn and frames fold 0 of
   * repeat 0 (for the input shape and the dry-run build).
   */
  prepare(config: ExperimentSpec, data: Extract<Dataset, { shape: S }>, fold?: FoldRef): PreparedTask;
}

/** Declares a task record (keeps the accepted shapes' type). */
export const defineTask = <S extends DatasetShape>(record: TaskRecord<S>): TaskRecord<S> => record;
