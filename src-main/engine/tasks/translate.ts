import { LabError } from '../../contract/errors.js';
import type { TrialOutcome } from '../../contract/results.js';
import type { ExperimentSpec, TranslationEvaluation } from '../../contract/spec.js';
import { createRng, permutation } from '../../common/rng.js';
import { initialSeq2seqWeights } from '../seq2seq/architecture.js';
import { corpusChrf } from '../seq2seq/chrf.js';
import { greedyDecode } from '../seq2seq/greedy.js';
import type { PairTensors, Seq2seqArchitecture, Seq2seqEngine, Seq2seqModel } from '../seq2seq/types.js';
import type { TrialHooks } from './train-loop.js';

/** A translator's data framed for the engines, with the texts the scores are computed on. */
export interface TranslationData {
  readonly architecture: Seq2seqArchitecture;
  readonly train: PairTensors;
  readonly test: PairTensors;
  /** Held-out pairs as text: English, and the reference translation without its `\t` … `\n`. */
  readonly testTexts: readonly { readonly source: string; readonly reference: string }[];
  /** The character vocabularies of the training pairs (ids of the model's inputs and outputs). */
  readonly vocab: { readonly source: readonly string[]; readonly target: readonly string[] };
  /** Longest wrapped target of the training pairs: greedy decoding stops past it. */
  readonly maxTargetLength: number;
  /** How the pairs were split and what the held-out part holds that training did not (stored with each trial). */
  readonly split: Readonly<Record<string, unknown>>;
}

/** Exact-match rate (0–1) and corpus chrF (0–100) of translations against references. */
export function translationScores(hypotheses: readonly string[], references: readonly string[]): { exactMatch: number; chrF: number } {
  const exact = hypotheses.filter((h, i) => h === references[i]).length;
  return { exactMatch: exact / Math.max(1, hypotheses.length), chrF: corpusChrf(hypotheses, references) };
}

/** α to 3 decimals for storage (a sample's map is ≈ 30 × 24 weights; a heatmap shows no more). */
const roundAlpha = (a: number): number => Math.round(a * 1000) / 1000;

/** Greedy translations of every pair of `pairs`, in chunks (one decoder session each). */
export function translateAll(model: Seq2seqModel, pairs: PairTensors, data: Pick<TranslationData, 'vocab' | 'maxTargetLength'>, chunk = 512): string[] {
  const out: string[] = [];
  for (let start = 0; start < pairs.n; start += chunk) {
    out.push(...greedyDecode(model, slicePairs(pairs, start, Math.min(pairs.n, start + chunk)), data.vocab.target, data.maxTargetLength).texts);
  }
  return out;
}

/** Pairs [from, to) of `p` (views, no copy). */
export function slicePairs(p: PairTensors, from: number, to: number): PairTensors {
  return {
    n: to - from,
    sourceSteps: p.sourceSteps,
    targetSteps: p.targetSteps,
    source: p.source.subarray(from * p.sourceSteps, to * p.sourceSteps),
    sourceLengths: p.sourceLengths.subarray(from, to),
    target: p.target.subarray(from * p.targetSteps, to * p.targetSteps),
    targetLengths: p.targetLengths.subarray(from, to),
  };
}

/**
 * One repeat of a translator: seeded Keras initial weights, `training.epochs` teacher-forced passes (shuffled
 * with the trial's seed when `training.shuffle`), validation loss and character accuracy on the held-out pairs
 * after each epoch, then held-out loss, accuracy, and greedy translations scored by exact match and chrF.
 * Keeps the first `evaluation.samples` held-out translations and the vocabularies with the trial.
 */
export async function runTranslationTrial(spec: ExperimentSpec, data: TranslationData, engine: Seq2seqEngine, seed: number, hooks: TrialHooks): Promise<TrialOutcome> {
  if (spec.evaluation.protocol !== 'translation') throw new LabError('INTERNAL', 'runTranslationTrial: the spec is not a translation');
  const evaluation: TranslationEvaluation = spec.evaluation;
  const started = performance.now();
  const model = await engine.create({ architecture: data.architecture, training: spec.training, weights: initialSeq2seqWeights(data.architecture, seed), backend: spec.backend, seed });
  try {
    const shuffle = createRng(seed, 'shuffle');
    const epochMs: number[] = [];
    for (let epoch = 1; epoch <= spec.training.epochs; epoch++) {
      if (hooks.signal?.aborted) throw hooks.signal.reason ?? new DOMException('aborted', 'AbortError');
      const t0 = performance.now();
      const order = spec.training.shuffle ? permutation(data.train.n, shuffle) : undefined;
      const loss = await model.trainEpoch(data.train, order ? { order } : {});
      epochMs.push(performance.now() - t0);
      if (!Number.isFinite(loss)) throw new LabError('TRAINING_FAILED', `training diverged at epoch ${epoch} (loss ${loss}); lower training.optimizer's learningRate`);
      const extra = evaluation.validateEachEpoch ? await model.evaluate(data.test) : undefined;
      hooks.onEpoch?.(epoch, { loss, ...(extra ? { val_loss: extra.loss, val_charAccuracy: extra.charAccuracy } : {}) });
    }
    const forced = await model.evaluate(data.test);
    // The sample pairs are decoded first, keeping α when the model attends (the results page draws it per pair
    // and repeat); their texts are the ones scored, so a sample's α belongs to the translation shown beside it.
    const k = Math.min(evaluation.samples, data.test.n);
    const head = k > 0 ? greedyDecode(model, slicePairs(data.test, 0, k), data.vocab.target, data.maxTargetLength, data.architecture.attention !== 'none') : { texts: [], attention: null };
    const translations = [...head.texts, ...translateAll(model, slicePairs(data.test, k, data.test.n), data)];
    const references = data.testTexts.map((t) => t.reference);
    const scores = translationScores(translations, references);
    const all = { loss: forced.loss, charAccuracy: forced.charAccuracy, ...scores };
    const samples = data.testTexts.slice(0, k).map((t, i) => ({
      ...t,
      translation: translations[i]!,
      correct: translations[i] === t.reference,
      ...(head.attention ? { attention: head.attention[i]!.map((row) => row.map(roundAlpha)) } : {}),
    }));
    return {
      metrics: Object.fromEntries(evaluation.metrics.map((m) => [m, all[m]])),
      predictions: [],
      engine: model.engine,
      backend: model.backend,
      durationMs: performance.now() - started,
      weights: model.getWeights(),
      artifacts: { samples, vocab: data.vocab, maxTargetLength: data.maxTargetLength, split: data.split, epochMs },
    };
  } finally {
    model.dispose();
  }
}
