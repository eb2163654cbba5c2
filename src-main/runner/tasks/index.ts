import { LabError } from '../../contract/errors.js';
import { taskOf, type ExperimentSpec, type TaskKind } from '../../contract/spec.js';
import type { Dataset } from '../../data/dataset.js';
import { loadDataset } from '../../data/sources/index.js';
import { classificationTask } from './classification.js';
import { forecastTask } from './forecast.js';
import { languageModelTask } from './language-model.js';
import { regressionTask } from './regression.js';
import { translationTask } from './translation.js';
import type { FoldRef, PreparedTask, TaskRecord } from './types.js';

export type { FoldRef, PreparedTask, TaskRecord } from './types.js';

/** The task registry: one record per task kind (a mapped type: a new TaskKind without a record does not compile). */
export const TASKS: { readonly [K in TaskKind]: TaskRecord } = {
  forecast: forecastTask as TaskRecord,
  classification: classificationTask as TaskRecord,
  regression: regressionTask as TaskRecord,
  'language-model': languageModelTask as TaskRecord,
  translation: translationTask as TaskRecord,
};

/**
 * Loads a configuration's data with its source (data/sources) and prepares it with its task (a lookup by the
 * evaluation protocol): data errors (missing files, malformed CSV, a series too short), a task that does not
 * take the source's shape, and model/loss problems throw LabError naming the field or line — the services
 * call this before storing anything, the workers before each repeat (with the trial's `fold` under
 * cross-validation).
 */
export function prepareTask(config: ExperimentSpec, fold?: FoldRef): PreparedTask {
  const task = TASKS[taskOf(config)];
  if (config.model.seq2seq && task.kind !== 'translation') {
    throw new LabError('SPEC_INVALID', `model.seq2seq: an encoder–decoder is trained by the translation task; use "evaluation": { "protocol": "translation" } with "pairs" data, or a stack of layers for protocol "${config.evaluation.protocol}"`);
  }
  const data: Dataset = loadDataset(config.data, config.seed);
  if (!(task.accepts as readonly string[]).includes(data.shape)) {
    // A shape no task takes yet: "pick another protocol" would mislead.
    if (!Object.values(TASKS).some((t) => (t.accepts as readonly string[]).includes(data.shape))) {
      throw new LabError('SPEC_INVALID', `data.kind: "${config.data.kind}" gives ${SHAPE_NAMES[data.shape]}, which no evaluation protocol takes yet; use another data kind for protocol "${config.evaluation.protocol}"`);
    }
    throw new LabError(
      'SPEC_INVALID',
      `evaluation.protocol: "${config.evaluation.protocol}" needs ${task.needs}, but data.kind "${config.data.kind}" gives ${SHAPE_NAMES[data.shape]}; pick a protocol that fits the data`,
    );
  }
  return task.prepare(config, data as never, fold);
}

const SHAPE_NAMES: Record<Dataset['shape'], string> = {
  series: 'a series',
  'labeled-sequences': 'labeled sequences',
  'target-sequences': 'sequences with numeric targets',
  text: 'a text',
  pairs: 'sentence pairs',
};
