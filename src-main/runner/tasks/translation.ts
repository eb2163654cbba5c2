import { LabError } from '../../contract/errors.js';
import type { BaselineOutcome } from '../../contract/results.js';
import type { Seq2seqSpec } from '../../contract/seq2seq.js';
import type { ExperimentSpec, TranslationEvaluation } from '../../contract/spec.js';
import type { SentencePairs } from '../../data/dataset.js';
import { describeUnknown, splitPairs } from '../../data/pair-vocab.js';
import { TARGET_END, TARGET_START } from '../../data/pairs.js';
import { initialSeq2seqWeights, seq2seqArchitecture, seq2seqParamCount } from '../../engine/seq2seq/architecture.js';
import { selectSeq2seqEngine } from '../../engine/seq2seq/select.js';
import { formatFunctionalSummary, seq2seqSummary } from '../../engine/seq2seq/summary.js';
import { runTranslationTrial, translationScores, type TranslationData } from '../../engine/tasks/translate.js';
import { framePairs } from '../pair-frames.js';
import { defineTask } from './types.js';

/** A wrapped target (`\t` … `\n`) as the text a translation is compared with. */
export const unwrapTarget = (target: string): string => target.slice(TARGET_START.length, target.length - TARGET_END.length);

const CROSS_ENTROPY = ['categoricalCrossentropy', 'sparseCategoricalCrossentropy'] as const;

/** The model and loss a translator needs: an encoder–decoder, trained on cross-entropy over characters. */
function checkTranslator(config: ExperimentSpec): NonNullable<ExperimentSpec['model']['seq2seq']> {
  const seq2seq = config.model.seq2seq;
  if (!seq2seq) {
    throw new LabError('SPEC_INVALID', 'model.layers: a translator is an encoder–decoder; write "model": { "seq2seq": { "encoder": [{ "lstm": { "units": 256 } }], "decoder": [{ "lstm": { "units": 256 } }] } } instead of a stack of layers');
  }
  if (!(CROSS_ENTROPY as readonly string[]).includes(config.training.loss)) {
    throw new LabError('SPEC_INVALID', `training.loss: "${config.training.loss}" does not fit a translator, which predicts characters; use "categoricalCrossentropy"`);
  }
  return seq2seq;
}

/**
 * A translator's data for the engines: the seeded split (master seed), the training pairs' vocabularies, both
 * parts framed as padded ids (the longest kept texts' steps), the architecture over those vocabularies and the
 * held-out texts the scores are computed on.
 */
export function frameTranslation(config: ExperimentSpec, seq2seq: Seq2seqSpec, data: SentencePairs): TranslationData {
  const evaluation = config.evaluation as TranslationEvaluation;
  const split = splitPairs(data.pairs, evaluation.testFraction, config.seed);
  const steps = { source: data.longest.source, target: data.longest.target };
  const train = framePairs(split.train, split.vocab, steps);
  const test = framePairs(split.test, split.vocab, steps);
  const architecture = seq2seqArchitecture(seq2seq, split.vocab.source.length, split.vocab.target.length);
  const testTexts = split.test.map((p) => ({ source: p.source, reference: unwrapTarget(p.target) }));
  return {
    architecture,
    train: train.tensors,
    test: test.tensors,
    testTexts,
    vocab: split.vocab,
    maxTargetLength: Math.max(...split.train.map((p) => Array.from(p.target).length)),
    split: {
      ...split.split,
      sourceVocab: split.vocab.source.length,
      targetVocab: split.vocab.target.length,
      // Held-out characters training never had: inputs get a zero row, targets can never be right.
      unknownHeldOut: test.unknown,
      ...(test.unknown.length ? { unknownHeldOutText: describeUnknown(test.unknown) } : {}),
      skipped: data.skipped,
    },
  };
}

/**
 * The translator of seed 004: sentence pairs split at random (seeded by the master seed, so every repeat is
 * scored on the same held-out pairs), character vocabularies from the training pairs, an encoder–decoder on the
 * engine the spec names (engine/seq2seq/select.ts), and the copy-the-source baseline scored like the model.
 */
export const translationTask = defineTask({
  kind: 'translation',
  accepts: ['pairs'],
  needs: 'sentence pairs (e.g. "pairs")',
  prepare(config, data) {
    if (config.evaluation.protocol !== 'translation') throw new LabError('INTERNAL', 'translationTask: the spec is not a translation');
    const evaluation = config.evaluation;
    const seq2seq = checkTranslator(config);
    const prepared = frameTranslation(config, seq2seq, data);
    const { architecture, testTexts } = prepared;
    const steps = { source: prepared.train.sourceSteps };
    const copy = translationScores(testTexts.map((t) => t.source), testTexts.map((t) => t.reference));
    const baselines: BaselineOutcome[] = evaluation.baselines.map((name) => ({ name, metrics: copy, predictions: [] }));
    const summary = seq2seqSummary(architecture);
    const ownEngine = {
      parameters: seq2seqParamCount(architecture),
      summary: { ...summary, text: formatFunctionalSummary(summary) },
      async check() {
        const engine = await selectSeq2seqEngine(config.engine, { precision: config.precision, kernels: config.kernels });
        const model = await engine.create({ architecture, training: config.training, weights: initialSeq2seqWeights(architecture, 0), backend: config.backend, seed: 0 });
        model.dispose();
      },
      async run(seed: number, hooks: Parameters<typeof runTranslationTrial>[4], onEngine?: (name: string) => void) {
        const engine = await selectSeq2seqEngine(config.engine, { precision: config.precision, kernels: config.kernels });
        onEngine?.(engine.name);
        return runTranslationTrial(config, prepared, engine, seed, hooks);
      },
    };
    return {
      task: 'translation',
      input: { steps: steps.source, features: architecture.sourceVocab },
      baselines,
      ownEngine,
      // The stack engine the caller passes is not used: an encoder–decoder runs on a seq2seq engine.
      run: (_stackEngine, seed, hooks) => ownEngine.run(seed, hooks),
    };
  },
});
