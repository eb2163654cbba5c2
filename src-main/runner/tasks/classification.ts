import { stratifiedSplit, takeRows } from '../../common/split.js';
import { LabError } from '../../contract/errors.js';
import type { SequenceSet } from '../../data/dataset.js';
import { runClassificationTrial } from '../../engine/tasks/classify.js';
import { checkModelForTask } from '../task-checks.js';
import { defineTask } from './types.js';

/** Rows `rows` of a sequence set (lengths kept). */
export const takeSequences = (x: SequenceSet, rows: Int32Array): SequenceSet => ({
  data: takeRows(x.data, x.steps * x.features, rows),
  n: rows.length,
  steps: x.steps,
  features: x.features,
  ...(x.lengths ? { lengths: Int32Array.from(rows, (r) => x.lengths![r]!) } : {}),
});

/** Classification of labeled sequences on a seeded, stratified hold-out split. */
export const classificationTask = defineTask({
  kind: 'classification',
  accepts: ['labeled-sequences'],
  needs: 'labeled sequences (e.g. "mnist")',
  prepare(config, data) {
    if (config.evaluation.protocol !== 'holdout-classification') throw new LabError('INTERNAL', 'classificationTask: the spec is not holdout-classification');
    const evaluation = config.evaluation;
    const classes = data.classNames.length;
    checkModelForTask(config, 'classification', { features: data.x.features, outputs: classes, perStep: false });
    const split = stratifiedSplit(data.labels, evaluation.testFraction, config.seed);
    const labelsOf = (rows: Int32Array) => Float64Array.from(rows, (r) => data.labels[r]!);
    const prepared = {
      trainX: takeSequences(data.x, split.train),
      trainY: labelsOf(split.train),
      testX: takeSequences(data.x, split.test),
      testY: labelsOf(split.test),
      classes,
      testRows: split.test,
      split: { kind: 'stratified', seed: config.seed, testFraction: evaluation.testFraction, train: split.train.length, test: split.test.length, source: data.source, classes: data.classNames },
    };
    return {
      task: 'classification',
      input: { steps: data.x.steps, features: data.x.features },
      baselines: [],
      run: (engine, seed, hooks) => runClassificationTrial(config, prepared, engine, seed, hooks, data.picture),
    };
  },
});
