import { LabError } from '../contract/errors.js';
import type { ExperimentSpec } from '../contract/spec.js';
import { initialWeights } from '../engine/init.js';
import { selectEngine } from '../engine/select.js';
import { prepareTask, type PreparedTask } from './tasks/index.js';

/**
 * Every check a configuration must pass before its experiment is stored, in order: its data source's checks
 * and its task's checks of the model and loss (both in {@link prepareTask}: files, lengths, ranges, shapes),
 * the chosen engine's `supports` (a GRU on engine "tfjs" is refused naming the layer), and a dry-run build of
 * the model on the real input shape. Resolves to the prepared task; throws LabError naming the spec path (or
 * file:line) and the fix. Trials then never discover a spec error.
 */
export async function checkConfig(config: ExperimentSpec): Promise<PreparedTask> {
  const task = prepareTask(config);
  if (task.ownEngine) {
    await task.ownEngine.check();
    return task;
  }
  const engine = await selectEngine(config.engine, config.model, config.precision, config.kernels);
  const input = { batchSize: config.training.batchSize, steps: task.input.steps, features: task.input.features };
  try {
    const model = await engine.create({ model: config.model, input, training: config.training, weights: initialWeights(config.model, input.features, 0), backend: config.backend, seed: 0 });
    model.dispose();
  } catch (error) {
    if (error instanceof LabError) throw error;
    // A dry-run build failing after every check passed is our bug, not the user's spec: say so.
    throw new LabError('INTERNAL', `building the model on engine "${engine.name}" failed after the spec passed every check (a bug in RNN Lab; please report it): ${firstLine(error)}`);
  }
  return task;
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
