import { toLabError, type LabErrorData } from '../contract/errors.js';
import { keepPolicy } from '../contract/spec.js';
import { withoutWeights, type TrialOutcome } from '../contract/results.js';
import type { TrialHooks } from '../engine/tasks/train-loop.js';
import { selectEngine } from '../engine/select.js';
import { layerOf } from '../contract/layers.js';
import { fusedPrecision } from '../engine/fused/types.js';
import { dataParallelEngine } from './data-parallel/engine.js';
import { stackProblem } from './data-parallel/eligibility.js';
import { SpareWorkers } from './data-parallel/model.js';
import { prepareTask } from './tasks/index.js';
import type { RunnerEvent, TrialReply, TrialTask } from './events.js';

/** Minimum time between two 'epochs' events of one trial, in ms (batches the per-epoch stream). */
export const EPOCH_FLUSH_MS = 100;
/** Minimum time between two 'epoch-progress' events of one trial, in ms (short epochs send none). */
export const PROGRESS_MS = 250;

/** An error as plain data: LabErrors keep their code and message; system errors name their path; bugs are INTERNAL. */
export function errorData(error: unknown): LabErrorData {
  return toLabError(error).toData();
}

/**
 * Runs one trial end to end in the current thread: load data, preprocess, pick the engine, train,
 * evaluate. Emits 'trial-started' and batched 'epochs' events through `emit`; resolves to the outcome or the
 * error as data (never rejects, except on abort).
 */
export async function executeTrial(task: TrialTask, emit: (event: RunnerEvent) => void, signal?: AbortSignal): Promise<TrialReply> {
  const { config, trialId } = task;
  const epochs: number[] = [];
  const losses: number[] = [];
  const extra: Record<string, number[]> = {};
  let lastFlush = performance.now();
  let lastProgress = performance.now();
  const flush = () => {
    if (epochs.length === 0) return;
    const other = Object.fromEntries(Object.entries(extra).map(([name, values]) => [name, values.splice(0)]));
    emit({
      type: 'epochs',
      trialId,
      epochs: epochs.splice(0),
      losses: losses.splice(0),
      ...(Object.keys(other).length ? { extra: other } : {}),
      totalEpochs: config.training.epochs,
    });
    lastFlush = performance.now();
  };
  const threads = task.threads ?? 1;
  // A stack that may split over idle cores: its replica workers start now, loading their modules while the data loads.
  const spare = threads > 1 && config.engine !== 'tfjs' && stackProblem(config.model.layers.map(layerOf)) === null ? new SpareWorkers(threads - 1) : null;
  try {
    const prepared = prepareTask(config, task.fold);
    const hooks: TrialHooks = {
      ...(signal ? { signal } : {}),
      onEpoch(epoch, metrics) {
        epochs.push(epoch);
        for (const [name, value] of Object.entries(metrics)) {
          if (name === 'loss') losses.push(value);
          else (extra[name] ??= []).push(value);
        }
        if (performance.now() - lastFlush >= EPOCH_FLUSH_MS) flush();
      },
      onBatch(epoch, fraction) {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_MS || fraction >= 1) return;
        lastProgress = now;
        emit({ type: 'epoch-progress', trialId, epoch, fraction });
      },
    };
    let outcome: TrialOutcome;
    if (prepared.ownEngine) {
      outcome = await prepared.ownEngine.run(task.seed, hooks, (engine) => emit({ type: 'trial-started', trialId, engine }));
    } else {
      const selected = await selectEngine(config.engine, config.model, config.precision, config.kernels);
      // Idle cores for this trial: the fused engine splits each batch of an eligible model over them.
      const engine =
        threads > 1 && selected.name === 'fused'
          ? dataParallelEngine(selected, { precision: fusedPrecision(config.precision), kernels: config.kernels }, threads, spare ?? undefined)
          : null;
      emit({ type: 'trial-started', trialId, engine: selected.name });
      outcome = await prepared.run(engine ?? selected, task.seed, hooks);
      outcome = { ...outcome, threads: engine?.threadsUsed() ?? 1 };
    }
    flush();
    // Weights travel to the store only when the spec keeps them (they are the outcome's largest part).
    return { ok: true, outcome: keepPolicy(config) === 'none' ? withoutWeights(outcome) : outcome };
  } catch (error) {
    flush();
    if (signal?.aborted) throw error;
    return { ok: false, error: errorData(error) };
  } finally {
    spare?.close();
  }
}
