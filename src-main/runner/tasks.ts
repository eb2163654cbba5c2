import { LabError } from '../contract/errors.js';
import type { BaselineOutcome, TrialOutcome } from '../contract/results.js';
import { asForecast, type ExperimentSpec, type TaskKind } from '../contract/spec.js';
import { layerOf } from '../contract/layers.js';
import { readCsvSeries } from '../data/csv-series.js';
import { bundledDigits, idxDigits, type Digits } from '../data/mnist.js';
import { sineWindows, varlenSums, windowAt } from '../data/synthetic.js';
import { readCorpus } from '../data/text-corpus.js';
import { forecastBaselines } from '../engine/forecast/baselines.js';
import { prepareForecast } from '../engine/forecast/prepare.js';
import { runForecastTrial } from '../engine/forecast/run-trial.js';
import type { Engine, Sequences } from '../engine/sequence-model.js';
import { randomSplit, stratifiedSplit, takeRows } from '../engine/split.js';
import { runClassificationTrial } from '../engine/tasks/classify.js';
import { runLanguageModelTrial } from '../engine/tasks/language-model.js';
import { runRegressionTrial } from '../engine/tasks/regress.js';
import type { TrialHooks } from '../engine/tasks/train-loop.js';
import { checkModelForTask } from './task-checks.js';

/** A configuration's data loaded and framed for its task: baselines, input shape, and how to run a repeat. */
export interface PreparedTask {
  readonly task: TaskKind;
  /** Steps and features of one input sequence (for summaries). */
  readonly input: { readonly steps: number; readonly features: number };
  readonly baselines: BaselineOutcome[];
  /** Runs one repeat with its seed on an engine. */
  run(engine: Engine, seed: number, hooks: TrialHooks): Promise<TrialOutcome>;
}

const seq = (data: Float64Array, n: number, steps: number, features: number, lengths?: Int32Array): Sequences => ({
  data,
  n,
  steps,
  features,
  ...(lengths ? { lengths } : {}),
});

const mismatch = (spec: ExperimentSpec, needs: string) =>
  new LabError('SPEC_INVALID', `evaluation.protocol: "${spec.evaluation.protocol}" does not fit data.kind "${spec.data.kind}"; ${needs}`);

/** The first layer must embed every character and the last must predict one of them: sizes must match the text. */
function checkVocabulary(config: ExperimentSpec, vocab: number): void {
  const layers = config.model.layers.map(layerOf);
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  if (first.kind !== 'embedding') {
    throw new LabError('SPEC_INVALID', 'model.layers[0]: a character model starts with { "embedding": { "inputDim": <characters>, "outputDim": 32 } }');
  }
  if (first.config.inputDim < vocab) {
    throw new LabError('SPEC_INVALID', `model.layers[0].embedding.inputDim: ${first.config.inputDim} is smaller than the text's ${vocab} distinct characters; set it to ${vocab}`);
  }
  if (last.kind !== 'dense' || last.config.units !== first.config.inputDim || last.config.activation !== 'softmax') {
    throw new LabError(
      'SPEC_INVALID',
      `model.layers[${layers.length - 1}]: a character model ends with { "dense": { "units": ${first.config.inputDim}, "activation": "softmax" } } (one output per character id)`,
    );
  }
}

/** Loads MNIST digits of a spec (bundled or IDX), keeping a seeded stratified subset when `limit` is set. */
function loadDigits(spec: ExperimentSpec & { data: { kind: 'mnist' } }): Digits {
  const d = spec.data;
  let digits: Digits;
  if (d.source === 'idx') {
    if (!d.images || !d.labels) throw new LabError('SPEC_INVALID', 'data.images: source "idx" needs data.images and data.labels (IDX files, .gz allowed)');
    digits = idxDigits(d.images, d.labels);
  } else digits = bundledDigits();
  if (!d.limit || d.limit >= digits.count) return digits;
  const keep = stratifiedSplit(digits.labels, d.limit / digits.count, spec.seed ^ 0x5eed).test;
  return { ...digits, images: takeRows(digits.images, 784, keep), labels: Uint8Array.from(keep, (r) => digits.labels[r]!), count: keep.length };
}

/**
 * Loads and frames the data of one configuration for its evaluation protocol. Data errors (missing files,
 * malformed CSV, a series too short, a protocol that does not fit the data) throw LabError naming the field or
 * line — the services call this before storing anything, the workers before each repeat. Splits are seeded by
 * the experiment's master seed, so every repeat is scored on the same held-out data.
 */
export function prepareTask(config: ExperimentSpec): PreparedTask {
  const forecast = asForecast(config);
  if (forecast) {
    const series = readCsvSeries(forecast.data.path, { column: forecast.data.column, timeColumn: forecast.data.timeColumn });
    const data = prepareForecast(series.values, forecast.preprocessing, forecast.evaluation.testSize, forecast.data.path);
    const e = forecast.evaluation;
    checkModelForTask(config, 'forecast', { features: data.trainX.features, outputs: 1, perStep: false });
    return {
      task: 'forecast',
      input: { steps: data.trainX.steps, features: data.trainX.features },
      baselines: forecastBaselines(e.baselines, data.raw, data.testSteps, e.metrics),
      run: (engine, seed, hooks) => runForecastTrial(forecast, data, engine, seed, hooks),
    };
  }
  const { data, evaluation } = config;
  switch (evaluation.protocol) {
    case 'walk-forward':
      throw mismatch(config, 'walk-forward forecasting needs a "csv" series');
    case 'holdout-classification': {
      if (data.kind !== 'mnist') throw mismatch(config, 'classification needs "mnist" data');
      const digits = loadDigits({ ...config, data });
      checkModelForTask(config, 'classification', { features: 28, outputs: 10, perStep: false });
      const split = stratifiedSplit(digits.labels, evaluation.testFraction, config.seed);
      const labelsOf = (rows: Int32Array) => Float64Array.from(rows, (r) => digits.labels[r]!);
      const prepared = {
        trainX: seq(takeRows(digits.images, 784, split.train), split.train.length, 28, 28),
        trainY: labelsOf(split.train),
        testX: seq(takeRows(digits.images, 784, split.test), split.test.length, 28, 28),
        testY: labelsOf(split.test),
        classes: 10,
        testRows: split.test,
        split: { kind: 'stratified', seed: config.seed, testFraction: evaluation.testFraction, train: split.train.length, test: split.test.length, source: digits.source },
      };
      const pixelsOf = (row: number) => Array.from(digits.images.subarray(row * 784, (row + 1) * 784), (v) => Math.round(v * 255));
      return {
        task: 'classification',
        input: { steps: 28, features: 28 },
        baselines: [],
        run: (engine, seed, hooks) => runClassificationTrial(config, prepared, engine, seed, hooks, pixelsOf),
      };
    }
    case 'holdout-regression': {
      if (data.kind === 'sine') {
        checkModelForTask(config, 'regression', { features: 1, outputs: 1, perStep: true });
        const train = sineWindows(data, data.trainWindows, config.seed, 'sine-train');
        const test = sineWindows(data, data.testWindows, config.seed, 'sine-test');
        const instance = windowAt(data.instanceStart, data.steps, data.resolution);
        const prepared = {
          trainX: seq(train.x, train.n, data.steps, 1),
          trainY: train.y,
          testX: seq(test.x, test.n, data.steps, 1),
          testY: test.y,
          instance: {
            x: seq(instance.x, 1, data.steps, 1),
            y: instance.y,
            positions: Float64Array.from({ length: data.steps }, (_, i) => data.instanceStart + (i + 1) * data.resolution),
          },
          split: { kind: 'random windows', seed: config.seed, train: train.n, test: test.n },
        };
        return { task: 'regression', input: { steps: data.steps, features: 1 }, baselines: [], run: (e, s, h) => runRegressionTrial(config, prepared, e, s, h) };
      }
      if (data.kind === 'varlen-sum') {
        checkModelForTask(config, 'regression', { features: 1, outputs: 1, perStep: false });
        const all = varlenSums(data.count, data.minSteps, data.maxSteps, config.seed);
        const split = randomSplit(all.n, data.testFraction, config.seed);
        const part = (rows: Int32Array) => seq(takeRows(all.x, all.steps, rows), rows.length, all.steps, 1, Int32Array.from(rows, (r) => all.lengths[r]!));
        const prepared = {
          trainX: part(split.train),
          trainY: takeRows(all.y, 1, split.train),
          testX: part(split.test),
          testY: takeRows(all.y, 1, split.test),
          split: { kind: 'random', seed: config.seed, train: split.train.length, test: split.test.length },
        };
        return { task: 'regression', input: { steps: all.steps, features: 1 }, baselines: [], run: (e, s, h) => runRegressionTrial(config, prepared, e, s, h) };
      }
      throw mismatch(config, 'sequence regression needs "sine" or "varlen-sum" data');
    }
    case 'language-model': {
      if (data.kind !== 'text') throw mismatch(config, 'a language model needs "text" data');
      const corpus = readCorpus(data.path, 4 * data.seqLength);
      const first = layerOf(config.model.layers[0]!);
      checkModelForTask(config, 'language-model', { features: 1, outputs: first.kind === 'embedding' ? first.config.inputDim : corpus.vocab.length, perStep: false });
      checkVocabulary(config, corpus.vocab.length);
      const starts: number[] = [];
      for (let s = 0; s + data.seqLength < corpus.ids.length; s += data.stride) starts.push(s);
      const nTest = Math.max(1, Math.round(starts.length * evaluation.testFraction));
      const frame = (list: number[]) => ({
        x: seq(Float64Array.from(list.flatMap((s) => Array.from(corpus.ids.subarray(s, s + data.seqLength)))), list.length, data.seqLength, 1),
        y: Float64Array.from(list, (s) => corpus.ids[s + data.seqLength]!),
      });
      // Split by position: the last windows of the text are held out (no overlap with training text).
      const trainStarts = starts.slice(0, starts.length - nTest).filter((s) => s + data.seqLength < starts[starts.length - nTest]!);
      const testStarts = starts.slice(starts.length - nTest);
      const train = frame(trainStarts);
      const test = frame(testStarts);
      const prepared = {
        trainX: train.x,
        trainY: train.y,
        testX: test.x,
        testY: test.y,
        vocab: corpus.vocab,
        prompt: corpus.ids.slice(testStarts[0]!, testStarts[0]! + data.seqLength),
        split: { kind: 'by position', train: trainStarts.length, test: testStarts.length, characters: corpus.ids.length },
      };
      return { task: 'language-model', input: { steps: data.seqLength, features: 1 }, baselines: [], run: (e, s, h) => runLanguageModelTrial(config, prepared, e, s, h) };
    }
  }
}
