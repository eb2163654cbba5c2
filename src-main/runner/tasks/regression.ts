import { randomSplit } from '../../common/split.js';
import { LabError } from '../../contract/errors.js';
import { runRegressionTrial } from '../../engine/tasks/regress.js';
import { checkModelForTask } from '../task-checks.js';
import { checkTokenInputs } from '../token-checks.js';
import { takeSequences } from './classification.js';
import { crossValidationSplit } from './folds.js';
import { defineTask } from './types.js';

/**
 * Regression of held-out sequences (one target per sequence or per step): MSE and MAE, on a seeded random
 * hold-out split or, under cross-validation, on the trial's fold.
 */
export const regressionTask = defineTask({
  kind: 'regression',
  accepts: ['target-sequences'],
  needs: 'sequences with numeric targets (e.g. "sine" or "varlen-sum")',
  prepare(config, data, fold) {
    const evaluation = config.evaluation;
    const cv = evaluation.protocol === 'cross-validation' && evaluation.task === 'regression' ? evaluation : undefined;
    if (evaluation.protocol !== 'holdout-regression' && !cv) throw new LabError('INTERNAL', `regressionTask: protocol "${evaluation.protocol}" is not a regression protocol`);
    const parts = data.parts;
    if (cv && !('all' in parts)) {
      throw new LabError('SPEC_INVALID', `evaluation.protocol: cross-validation cuts one set of sequences into folds, but data.kind "${config.data.kind}" draws its own training and test sequences; use "holdout-regression"`);
    }
    const x0 = 'all' in parts ? parts.all.x : parts.train.x;
    checkModelForTask(config, 'regression', { features: x0.features, outputs: data.outputs, perStep: data.perStep });
    for (const part of 'all' in parts ? [parts.all] : [parts.train, parts.test]) checkTokenInputs(config, part.x, data.source);
    let framed;
    if ('all' in parts) {
      const folds = cv ? crossValidationSplit(cv, parts.all.x.n, data.source, config.seed, fold) : undefined;
      const split = folds ?? randomSplit(parts.all.x.n, data.testFraction ?? 0.2, config.seed);
      const width = parts.all.y.length / parts.all.x.n;
      const ys = (rows: Int32Array) => Float64Array.from({ length: rows.length * width }, (_, k) => parts.all.y[rows[Math.floor(k / width)]! * width + (k % width)]!);
      framed = {
        trainX: takeSequences(parts.all.x, split.train),
        trainY: ys(split.train),
        testX: takeSequences(parts.all.x, split.test),
        testY: ys(split.test),
        split: folds?.record ?? { kind: 'random', seed: config.seed, train: split.train.length, test: split.test.length },
      };
    } else {
      framed = { trainX: parts.train.x, trainY: parts.train.y, testX: parts.test.x, testY: parts.test.y, split: parts.split };
    }
    const prepared = { ...framed, ...(data.instance ? { instance: data.instance } : {}) };
    return { task: 'regression', input: { steps: x0.steps, features: x0.features }, baselines: [], examples: { x: prepared.testX }, run: (e, s, h) => runRegressionTrial(config, prepared, e, s, h) };
  },
});
