import { keepPolicy } from '../contract/spec.js';
import { withoutWeights } from '../contract/results.js';
import { selectEngine } from '../engine/select.js';
import type { Engine } from '../engine/sequence-model.js';
import type { LaneResult } from '../engine/forecast/run-lockstep.js';
import { EPOCH_FLUSH_MS, errorData, executeTrial, PROGRESS_MS } from './execute-trial.js';
import { prepareTask, type PreparedTask } from './tasks/index.js';
import type { RunnerEvent, TrialTask } from './events.js';

/**
 * Runs `tasks` — repeats of one configuration, differing only by seed (runner/lockstep-plan.ts groups them) — in
 * the current thread as one lockstep group when their task can (engine/fused/lockstep/eligibility.ts decides),
 * else one after another with {@link executeTrial}. Either way each trial emits what it emits alone:
 * 'trial-started', batched 'epochs', 'epoch-progress', then its own 'trial-done' or 'trial-failed' as soon as
 * its result is known (so the service stores each trial as it finishes). Rejects only on abort.
 */
export async function executeLockstep(tasks: readonly TrialTask[], emit: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<void> {
  const alone = async (): Promise<void> => {
    for (const task of tasks) {
      const reply = await executeTrial(task, emit, signal);
      emit(reply.ok ? { type: 'trial-done', trialId: task.trialId, outcome: reply.outcome } : { type: 'trial-failed', trialId: task.trialId, error: reply.error });
    }
  };
  const config = tasks[0]!.config;
  let prepared: PreparedTask;
  let engine: Engine;
  try {
    prepared = prepareTask(config);
    engine = await selectEngine(config.engine, config.model, config.precision, config.kernels);
  } catch {
    return alone(); // each trial fails with the error as it would alone
  }
  const lockstep = prepared.lockstep;
  if (tasks.length < 2 || prepared.ownEngine || !lockstep) return alone();

  // The per-trial event batching of executeTrial, one buffer per lane, flushed together.
  const epochs = tasks.map(() => [] as number[]);
  const losses = tasks.map(() => [] as number[]);
  const done = new Array<boolean>(tasks.length).fill(false);
  let lastFlush = performance.now();
  let lastProgress = performance.now();
  const flushLane = (l: number) => {
    if (epochs[l]!.length === 0) return;
    emit({ type: 'epochs', trialId: tasks[l]!.trialId, epochs: epochs[l]!.splice(0), losses: losses[l]!.splice(0), totalEpochs: config.training.epochs });
  };
  const flush = () => {
    for (let l = 0; l < tasks.length; l++) flushLane(l);
    lastFlush = performance.now();
  };
  const finish = (l: number, result: LaneResult) => {
    flushLane(l);
    done[l] = true;
    const trialId = tasks[l]!.trialId;
    if (!result.ok) return emit({ type: 'trial-failed', trialId, error: errorData(result.error) });
    // Weights travel to the store only when the spec keeps them, as for a trial alone.
    emit({ type: 'trial-done', trialId, outcome: keepPolicy(config) === 'none' ? withoutWeights(result.outcome) : result.outcome });
  };
  try {
    const refusal = await lockstep(engine, tasks.map((t) => t.seed), {
      ...(signal ? { signal } : {}),
      onStarted: () => tasks.forEach((t) => emit({ type: 'trial-started', trialId: t.trialId, engine: engine.name })),
      onEpoch(lane, epoch, metrics) {
        epochs[lane]!.push(epoch);
        losses[lane]!.push(metrics.loss!);
        if (performance.now() - lastFlush >= EPOCH_FLUSH_MS) flush();
      },
      onBatch(epoch, fraction) {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_MS || fraction >= 1) return;
        lastProgress = now;
        tasks.forEach((t, l) => !done[l] && emit({ type: 'epoch-progress', trialId: t.trialId, epoch, fraction }));
      },
      onLaneDone: finish,
    });
    if (refusal !== null) return alone();
  } catch (error) {
    flush();
    if (signal?.aborted) throw error;
    // A bug in the group fails the trials it had not finished, each with the error.
    tasks.forEach((_, l) => !done[l] && finish(l, { ok: false, error }));
  }
}
