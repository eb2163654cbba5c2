import { LabError } from '../../contract/errors.js';
import type { ExperimentSpec, TrainingSpec } from '../../contract/spec.js';
import { initialWeights } from '../init.js';
import { createRng, permutation } from '../../common/rng.js';
import type { Engine, SequenceModel, Sequences } from '../sequence-model.js';

/**
 * A trial's model on an engine: the spec's layers and training settings, input shaped like `x` (batch size from
 * the spec), seeded Keras initial weights — the same start on every engine for the same seed.
 */
export function createTrialModel(spec: ExperimentSpec, engine: Engine, x: Sequences, seed: number): Promise<SequenceModel> {
  return engine.create({
    model: spec.model,
    input: { batchSize: spec.training.batchSize, steps: x.steps, features: x.features },
    training: spec.training,
    weights: initialWeights(spec.model, x.features, seed),
    backend: spec.backend,
    seed,
  });
}

/** Callbacks of a running trial. */
export interface TrialHooks {
  /** After each epoch: its 1-based number and metrics (`loss` always; `val_*` when the task validates). */
  readonly onEpoch?: (epoch: number, metrics: Readonly<Record<string, number>>) => void;
  /** During an epoch, after each optimizer step: the epoch's 1-based number and the fraction of its rows done (0–1]. */
  readonly onBatch?: (epoch: number, fraction: number) => void;
  /** Aborting stops training between epochs with an AbortError (not a failure). */
  readonly signal?: AbortSignal;
}

/**
 * The epoch loop every task shares: `training.epochs` passes over (x, y) — shuffled each epoch with the
 * trial's seeded generator when `training.shuffle` — resetting stateful layers per `training.resetStates`,
 * then `validate()` (if given) for per-epoch validation metrics. Throws TRAINING_FAILED on a non-finite loss.
 */
export async function trainEpochs(
  model: SequenceModel,
  x: Sequences,
  y: Float64Array,
  training: TrainingSpec,
  seed: number,
  hooks: TrialHooks,
  validate?: () => Promise<Record<string, number>>,
): Promise<void> {
  const shuffleRng = createRng(seed, 'shuffle');
  for (let epoch = 1; epoch <= training.epochs; epoch++) {
    if (hooks.signal?.aborted) throw hooks.signal.reason ?? new DOMException('aborted', 'AbortError');
    const order = training.shuffle ? permutation(x.n, shuffleRng) : undefined;
    const onBatch = hooks.onBatch ? (done: number, rows: number) => hooks.onBatch!(epoch, done / rows) : undefined;
    const loss = await model.trainEpoch(x, y, { ...(order ? { order } : {}), resetEachBatch: training.resetStates === 'batch', ...(onBatch ? { onBatch } : {}) });
    if (!Number.isFinite(loss)) {
      throw new LabError('TRAINING_FAILED', `training diverged at epoch ${epoch} (loss ${loss}); lower training.optimizer's learningRate`);
    }
    if (training.resetStates === 'epoch') model.resetStates();
    const extra = validate ? await validate() : {};
    hooks.onEpoch?.(epoch, { loss, ...extra });
  }
}
