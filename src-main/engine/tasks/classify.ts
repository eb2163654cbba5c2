import type { TrialOutcome } from '../../contract/results.js';
import type { ExperimentSpec } from '../../contract/spec.js';
import type { Engine, SequenceModel, Sequences } from '../sequence-model.js';
import { createTrialModel, trainEpochs, type TrialHooks } from './train-loop.js';

/** A classification data set: sequences with integer class labels, split into train and test. */
export interface ClassificationData {
  readonly trainX: Sequences;
  /** Class index per training row (as floats: the engines' sparse-label convention). */
  readonly trainY: Float64Array;
  readonly testX: Sequences;
  readonly testY: Float64Array;
  readonly classes: number;
  /** Row of each test example in the source data (to find a misclassified digit again). */
  readonly testRows: Int32Array;
  /** Recorded with every trial: how the split was made. */
  readonly split: Readonly<Record<string, unknown>>;
}

/** Test-set scores of a classifier. */
export interface ClassScores {
  readonly loss: number;
  readonly accuracy: number;
  /** confusion[true][predicted] counts. */
  readonly confusion: number[][];
  readonly perClass: number[];
  readonly predicted: Int32Array;
  readonly confidence: Float64Array;
}

/** Scores softmax outputs `probs` (n × classes) against integer labels: mean cross-entropy (nats), accuracy, confusion. */
export function scoreClasses(probs: Float64Array, labels: Float64Array, classes: number): ClassScores {
  const n = labels.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const predicted = new Int32Array(n);
  const confidence = new Float64Array(n);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c]! > probs[i * classes + best]!) best = c;
    const label = labels[i]!;
    loss -= Math.log(Math.max(probs[i * classes + label]!, 1e-12));
    predicted[i] = best;
    confidence[i] = probs[i * classes + best]!;
    if (best === label) correct++;
    confusion[label]![best]!++;
  }
  const perClass = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[c]! / total : NaN;
  });
  return { loss: loss / n, accuracy: correct / n, confusion, perClass, predicted, confidence };
}

/** Class ids (n) → one-hot rows (n × classes). */
export function oneHot(labels: Float64Array, classes: number): Float64Array {
  const out = new Float64Array(labels.length * classes);
  labels.forEach((label, i) => (out[i * classes + label] = 1));
  return out;
}

/** Stateless forward pass in slices of at most `chunk` rows (bounded memory for big test sets). */
export async function predictInChunks(model: SequenceModel, x: Sequences, chunk: number): Promise<Float64Array> {
  const parts: Float64Array[] = [];
  const size = x.steps * x.features;
  for (let start = 0; start < x.n; start += chunk) {
    const n = Math.min(chunk, x.n - start);
    parts.push(
      await model.predict({
        data: x.data.subarray(start * size, (start + n) * size),
        n,
        steps: x.steps,
        features: x.features,
        ...(x.lengths ? { lengths: x.lengths.subarray(start, start + n) } : {}),
      }),
    );
  }
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * One repeat of a hold-out classification experiment: train with softmax cross-entropy (validation loss and
 * accuracy after each epoch when asked), then score the test set: accuracy, loss, per-class accuracy, the
 * confusion matrix and the first misclassified examples (`pixelsOf` returns their inputs for drawing).
 */
export async function runClassificationTrial(
  spec: ExperimentSpec,
  data: ClassificationData,
  engine: Engine,
  seed: number,
  hooks: TrialHooks,
  pixelsOf?: (row: number) => number[],
): Promise<TrialOutcome> {
  const started = performance.now();
  const e = spec.evaluation;
  const evaluation = e.protocol === 'holdout-classification' || (e.protocol === 'cross-validation' && e.task === 'classification') ? e : undefined;
  const model = await createTrialModel(spec, engine, data.trainX, seed);
  try {
    const chunk = Math.max(spec.training.batchSize, 500);
    const validate = evaluation?.validateEachEpoch
      ? async () => {
          const s = scoreClasses(await predictInChunks(model, data.testX, chunk), data.testY, data.classes);
          return { val_loss: s.loss, val_accuracy: s.accuracy };
        }
      : undefined;
    // Keras' categorical_crossentropy (the seed's choice) reads one-hot rows; the labels here are class ids.
    const targets = spec.training.loss === 'categoricalCrossentropy' ? oneHot(data.trainY, data.classes) : data.trainY;
    await trainEpochs(model, data.trainX, targets, spec.training, seed, hooks, validate);
    const scores = scoreClasses(await predictInChunks(model, data.testX, chunk), data.testY, data.classes);
    // Misclassified test examples, taken round-robin over the true classes so every class shows its mistakes.
    const wrongByClass = Array.from({ length: data.classes }, () => [] as number[]);
    for (let i = 0; i < data.testY.length; i++) if (scores.predicted[i] !== data.testY[i]) wrongByClass[data.testY[i]!]!.push(i);
    const keep = evaluation?.keepMisclassified ?? 24;
    const picked: number[] = [];
    for (let round = 0; picked.length < keep && wrongByClass.some((w) => w.length > round); round++) {
      for (const wrong of wrongByClass) if (wrong[round] !== undefined && picked.length < keep) picked.push(wrong[round]!);
    }
    const misclassified = picked.map((i) => {
      const row = data.testRows[i]!;
      return {
        row,
        label: data.testY[i]!,
        predicted: scores.predicted[i]!,
        confidence: scores.confidence[i]!,
        ...(pixelsOf ? { pixels: pixelsOf(row) } : {}),
      };
    });
    return {
      metrics: { accuracy: scores.accuracy, loss: scores.loss },
      predictions: [],
      engine: model.engine,
      backend: model.backend,
      durationMs: performance.now() - started,
      weights: model.getWeights(),
      artifacts: {
        confusion: scores.confusion,
        perClassAccuracy: scores.perClass,
        misclassified,
        split: data.split,
        testCount: data.testY.length,
        trainCount: data.trainY.length,
      },
    };
  } finally {
    model.dispose();
  }
}
