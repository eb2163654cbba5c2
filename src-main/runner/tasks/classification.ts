import { stratifiedSplit, takeRows } from '../../common/split.js';
import { LabError } from '../../contract/errors.js';
import type { SequenceSet } from '../../data/dataset.js';
import { runClassificationTrial } from '../../engine/tasks/classify.js';
import { checkModelForTask } from '../task-checks.js';
import { checkTokenInputs } from '../token-checks.js';
import { crossValidationSplit } from './folds.js';
import { defineTask } from './types.js';

/** Rows `rows` of a sequence set (lengths kept). */
export const takeSequences = (x: SequenceSet, rows: Int32Array): SequenceSet => ({
  data: takeRows(x.data, x.steps * x.features, rows),
  n: rows.length,
  steps: x.steps,
  features: x.features,
  ...(x.lengths ? { lengths: Int32Array.from(rows, (r) => x.lengths![r]!) } : {}),
});

/**
 * Classification of labeled sequences: on a seeded, stratified hold-out split (the master seed draws it), or
 * under cross-validation on the trial's fold (its repeat's split seed draws the folds).
 */
export const classificationTask = defineTask({
  kind: 'classification',
  accepts: ['labeled-sequences'],
  needs: 'labeled sequences (e.g. "mnist")',
  prepare(config, data, fold) {
    const evaluation = config.evaluation;
    const classes = data.classNames.length;
    checkModelForTask(config, 'classification', { features: data.x.features, outputs: classes, perStep: false });
    checkTokenInputs(config, data.x, data.source);
    let split;
    let record: Readonly<Record<string, unknown>>;
    if (evaluation.protocol === 'holdout-classification') {
      split = stratifiedSplit(data.labels, evaluation.testFraction, config.seed);
      record = { kind: 'stratified', seed: config.seed, testFraction: evaluation.testFraction, train: split.train.length, test: split.test.length };
    } else if (evaluation.protocol === 'cross-validation' && evaluation.task === 'classification') {
      split = crossValidationSplit(evaluation, data.x.n, data.source, config.seed, fold, { labels: data.labels, names: data.classNames });
      record = split.record;
    } else throw new LabError('INTERNAL', `classificationTask: protocol "${evaluation.protocol}" is not a classification protocol`);
    const labelsOf = (rows: Int32Array) => Float64Array.from(rows, (r) => data.labels[r]!);
    const prepared = {
      trainX: takeSequences(data.x, split.train),
      trainY: labelsOf(split.train),
      testX: takeSequences(data.x, split.test),
      testY: labelsOf(split.test),
      classes,
      testRows: split.test,
      split: { ...record, source: data.source, classes: data.classNames },
    };
    return {
      task: 'classification',
      input: { steps: data.x.steps, features: data.x.features },
      baselines: [],
      examples: { x: prepared.testX, labels: Array.from(prepared.testY, (c) => data.classNames[c] ?? String(c)) },
      run: (engine, seed, hooks) => runClassificationTrial(config, prepared, engine, seed, hooks, data.picture),
    };
  },
});
