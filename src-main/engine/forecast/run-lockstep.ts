import { LabError } from '../../contract/errors.js';
import { layerOf } from '../../contract/layers.js';
import type { TrialOutcome } from '../../contract/results.js';
import type { ForecastSpec } from '../../contract/spec.js';
import { createRng, permutation } from '../../common/rng.js';
import { actCode } from '../fused/activations.js';
import { lockstepRefusal } from '../fused/lockstep/eligibility.js';
import { LockstepLstmDense } from '../fused/lockstep/lstm-dense.js';
import { FusedModel } from '../fused/model.js';
import type { Engine } from '../sequence-model.js';
import { createTrialModel } from '../tasks/train-loop.js';
import type { ForecastDataset } from './prepare.js';
import { scoreForecast } from './run-trial.js';

/** How one lane (repeat) of a lockstep group ended: its outcome, or the error its trial fails with. */
export type LaneResult = { readonly ok: true; readonly outcome: TrialOutcome } | { readonly ok: false; readonly error: unknown };

/** Callbacks of a lockstep group; lanes are indices into the `seeds` given to {@link runForecastLockstep}. */
export interface LockstepHooks {
  /** Once training starts (after every check): the trials' 'trial-started'. */
  readonly onStarted?: () => void;
  /** After each epoch, for each lane still training: the 1-based epoch and its metrics (`loss`). */
  readonly onEpoch?: (lane: number, epoch: number, metrics: Readonly<Record<string, number>>) => void;
  /** After each optimizer step (all lanes at once): the epoch and the fraction of its rows done. */
  readonly onBatch?: (epoch: number, fraction: number) => void;
  /** Aborting stops training between epochs with an AbortError (not a failure). */
  readonly signal?: AbortSignal;
  /** A lane's result, as soon as it is known (a diverged lane at its epoch; the others after scoring). */
  readonly onLaneDone: (lane: number, result: LaneResult) => void;
}

/**
 * The lanes' FusedModels built as their trials would build them (seeded initial weights, the engine's precision
 * and tier), or why these repeats cannot train in lockstep (lockstep/eligibility.ts, plus what only the built
 * models tell: the engine is the fused one with the spec's loss). Dispose the models when done.
 */
export async function lockstepModels(spec: ForecastSpec, data: ForecastDataset, engine: Engine, seeds: readonly number[]): Promise<FusedModel[] | string> {
  if (engine.name !== 'fused') return `engine ${engine.name}`;
  const models = await Promise.all(seeds.map((seed) => createTrialModel(spec, engine, data.trainX, seed)));
  const first = models[0];
  const refuse = (why: string) => {
    models.forEach((m) => m.dispose());
    return why;
  };
  if (!(first instanceof FusedModel) || !models.every((m) => m instanceof FusedModel)) return refuse('not a FusedModel');
  if (first.lossName !== spec.training.loss) return refuse(`loss ${first.lossName} overrides the spec's`);
  const reason = lockstepRefusal(spec, { trainX: data.trainX, outputs: first.outputs }, first.kernels.limits);
  return reason === null ? (models as FusedModel[]) : refuse(reason);
}

/**
 * Trains the repeats `seeds` of one walk-forward configuration in lockstep (one lane each) and scores each as
 * {@link runForecastTrial} would: per lane the same weights, per-epoch losses, predictions and metrics, bit for
 * bit, as training it alone (lockstep.test.ts). `models` come from {@link lockstepModels}. Each lane's outcome
 * records `lockstep×<lanes>` after its backend; its duration is the group's (the lanes train together).
 * A lane whose loss is not finite fails at that epoch with TRAINING_FAILED, as alone; the others go on.
 */
export async function runForecastLockstep(spec: ForecastSpec, data: ForecastDataset, models: readonly FusedModel[], seeds: readonly number[], hooks: LockstepHooks): Promise<void> {
  const started = performance.now();
  const { training } = spec;
  const L = seeds.length;
  const first = models[0]!;
  const lstm = layerOf(spec.model.layers![0]!);
  const dense = layerOf(spec.model.layers![1]!);
  if (lstm.kind !== 'lstm' || dense.kind !== 'dense' || models.length !== L) throw new LabError('INTERNAL', 'runForecastLockstep: LSTM → Dense models, one per seed');
  const group = new LockstepLstmDense({
    lanes: L,
    precision: first.precision,
    batchSize: training.batchSize,
    steps: data.trainX.steps,
    features: data.trainX.features,
    units: lstm.config.units,
    activation: actCode(lstm.config.activation),
    recurrentActivation: actCode(lstm.config.recurrentActivation),
    stateful: lstm.config.stateful,
    denseUnits: first.outputs,
    denseActivation: actCode(dense.config.activation),
    loss: training.loss as 'mse' | 'mae',
    optimizer: training.optimizer,
    adamEpsilon: first.adamEpsilon,
    native: first.kernels.addon,
  });
  try {
    models.forEach((m, l) => group.setLane(l, m.params));
    hooks.onStarted?.();
    // train-loop.ts trainEpochs, per lane: its own shuffle generator, the same checks and reset policy.
    const shuffleRngs = seeds.map((seed) => createRng(seed, 'shuffle'));
    const alive = new Array<boolean>(L).fill(true);
    const losses = new Float64Array(L);
    const n = data.trainX.n;
    for (let epoch = 1; epoch <= training.epochs; epoch++) {
      if (hooks.signal?.aborted) throw hooks.signal.reason ?? new DOMException('aborted', 'AbortError');
      const orders = shuffleRngs.map((rng) => (training.shuffle ? permutation(n, rng) : undefined));
      const onBatch = hooks.onBatch ? (done: number, rows: number) => hooks.onBatch!(epoch, done / rows) : undefined;
      group.trainEpoch(data.trainX, data.trainY, orders, training.resetStates === 'batch', losses, onBatch);
      for (let l = 0; l < L; l++) {
        if (!alive[l] || Number.isFinite(losses[l])) continue;
        alive[l] = false;
        hooks.onLaneDone(l, { ok: false, error: new LabError('TRAINING_FAILED', `training diverged at epoch ${epoch} (loss ${losses[l]}); lower training.optimizer's learningRate`) });
      }
      if (training.resetStates === 'epoch') group.resetStates();
      if (hooks.onEpoch) for (let l = 0; l < L; l++) if (alive[l]) hooks.onEpoch(l, epoch, { loss: losses[l]! });
    }
    for (let l = 0; l < L; l++) {
      if (!alive[l]) continue;
      const model = models[l]!;
      group.getLane(l, model.params);
      if (lstm.config.stateful) model.setStates(group.laneStates(l));
      try {
        const outcome = await scoreForecast(spec, data, model, started);
        hooks.onLaneDone(l, { ok: true, outcome: { ...outcome, backend: `${outcome.backend} lockstep×${L}` } });
      } catch (error) {
        hooks.onLaneDone(l, { ok: false, error });
      }
    }
  } finally {
    group.release();
    models.forEach((m) => m.dispose());
  }
}
