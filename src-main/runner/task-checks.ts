import { LabError } from '../contract/errors.js';
import { modelOutput, stackProblems } from '../contract/model-checks.js';
import type { ExperimentSpec, TaskKind } from '../contract/spec.js';

/** What a task's data gives the model and wants back: input features per step, targets per row or per step. */
export interface TaskShape {
  readonly features: number;
  /** Values the model must output per target row (1 for a forecast, the class count for a classifier). */
  readonly outputs: number;
  /** Whether targets are per step (the model must return sequences) or one per sequence. */
  readonly perStep: boolean;
}

const REGRESSION_LOSSES = ['mse', 'mae'] as const;
const CLASS_LOSSES = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy'] as const;
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const refuse = (lines: string[]): never => {
  throw new LabError('SPEC_INVALID', lines[0]!, lines);
};

/**
 * Checks a configuration's model and loss against its task and data, before anything is stored (the trials
 * would otherwise fail with engine jargon, or worse, train and report nonsense): the stack is sound; the loss
 * fits the task; the output layer's width, time axis and activation fit the targets. Throws
 * LabError('SPEC_INVALID') whose message is the first problem — `spec.path: problem; fix` — and whose details
 * list all of them.
 */
export function checkModelForTask(config: ExperimentSpec, task: TaskKind, shape: TaskShape): void {
  const stack = stackProblems(config.model);
  if (stack.length) refuse(stack);
  const problems: string[] = [];
  const loss = config.training.loss;
  const out = modelOutput(config.model, shape.features);
  const classes = task === 'classification' || task === 'language-model';
  const what = { forecast: 'a forecast', regression: 'a regression', classification: 'a classifier', 'language-model': 'a language model', translation: 'a translator' }[task];
  if (classes && !isOneOf(CLASS_LOSSES, loss)) {
    problems.push(`training.loss: "${loss}" is a regression loss and does not fit ${what}; use "sparseCategoricalCrossentropy"`);
  }
  if (!classes && !isOneOf(REGRESSION_LOSSES, loss)) {
    problems.push(`training.loss: "${loss}" is a classification loss and does not fit ${what} of numbers; use "mse" or "mae"`);
  }
  const unitsPath = out.path.endsWith('.dense') ? `${out.path}.units` : out.path;
  if (out.width !== shape.outputs) {
    const fix = out.path.endsWith('.dense') ? `set "units": ${shape.outputs}` : `end the model with { "dense": { "units": ${shape.outputs} } }`;
    const wants = classes ? `${shape.outputs} outputs (one per class)` : shape.outputs === 1 ? '1 output (one value per target)' : `${shape.outputs} outputs`;
    problems.push(`${unitsPath}: the model outputs ${out.width} values per row but ${what} here needs ${wants}; ${fix}`);
  }
  if (out.sequence !== shape.perStep && task !== 'forecast') {
    problems.push(
      shape.perStep
        ? `${out.path}: the targets are one per step, so the model must return sequences; set "returnSequences": true on the last recurrent layer`
        : `${out.path}: the targets are one per sequence, but the model outputs one row per step; set "returnSequences": false on the last recurrent layer`,
    );
  }
  if (classes && out.activation !== 'softmax') {
    problems.push(`${out.path}.activation: ${what} ends in a softmax over its ${shape.outputs} classes; set "activation": "softmax"`);
  }
  if (!classes && out.activation === 'softmax') {
    problems.push(
      out.width === 1
        ? `${out.path}.activation: a softmax over one unit always outputs 1 (a constant prediction); use "linear"`
        : `${out.path}.activation: a softmax makes the outputs sum to 1, which numeric targets do not; use "linear"`,
    );
  }
  if (task === 'forecast' && out.stateful && config.training.batchSize !== 1) {
    problems.push('training.batchSize: walk-forward forecasting with a stateful model forecasts one step at a time, so it needs batch size 1; set "batchSize": 1');
  }
  if (problems.length) refuse(problems);
}
