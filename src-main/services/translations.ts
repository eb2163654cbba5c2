import { LabError } from '../contract/errors.js';
import { taskOf } from '../contract/spec.js';
import { describeUnknown, encodeText } from '../data/pair-vocab.js';
import { TARGET_END, TARGET_START } from '../data/pairs.js';
import { seq2seqArchitecture } from '../engine/seq2seq/architecture.js';
import { greedyDecode } from '../engine/seq2seq/greedy.js';
import { selectSeq2seqEngine } from '../engine/seq2seq/select.js';
import { framePairs } from '../runner/pair-frames.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { TrainedModels, type KeptTrial } from './trained-models.js';

/** One repeat's translation of a text, with (attention models) α per output character over the source characters. */
export interface RepeatTranslation {
  readonly repeat: number;
  readonly translation: string;
  /** Rows: each output character (the final `\n` included when reached); columns: the source characters. Null without attention. */
  readonly attention: readonly (readonly number[])[] | null;
  /** The characters α's rows belong to (the translation's, then "\n" when decoding stopped there). */
  readonly outputCharacters: readonly string[];
}

/** `translate`'s answer: the text, the characters the models never saw (left out as zero inputs), each repeat's translation. */
export interface Translations {
  readonly experiment: string;
  readonly text: string;
  readonly sourceCharacters: readonly string[];
  /** Characters of `text` outside the training pairs' source vocabulary (encoded as zero rows, not refused). */
  readonly unknown: readonly string[];
  /** One line for a person when `unknown` is not empty. */
  readonly warning?: string;
  readonly repeats: readonly RepeatTranslation[];
}

/** The vocabularies and decoding limit stored with a translation trial. */
function storedVocabulary(store: ExperimentStore, kept: KeptTrial): { source: string[]; target: string[]; maxTargetLength: number } {
  const artifacts = store.artifacts(kept.trial.id) as { vocab?: { source?: unknown; target?: unknown }; maxTargetLength?: unknown };
  const { source, target } = artifacts.vocab ?? {};
  if (!Array.isArray(source) || !Array.isArray(target) || typeof artifacts.maxTargetLength !== 'number') {
    throw new LabError('NOT_FOUND', `repeat ${kept.trial.repeatIndex + 1} of experiment #${kept.experiment.id} has no stored vocabularies; run it again`);
  }
  return { source: source.map(String), target: target.map(String), maxTargetLength: artifacts.maxTargetLength };
}

/**
 * Translates `text` with the chosen repeats of a translation experiment, greedily as the seed's
 * decode_sequence, each on the engine that trained it with its kept weights. Characters the training pairs did
 * not have are reported (and encoded as zero rows), never a crash. Refusals are one line: not a translator,
 * empty text, a repeat without weights (kept.weights policy named), an unknown experiment or repeat.
 */
export async function translate(store: ExperimentStore, ref: string | number, choice: { config?: number; repeats: readonly number[] }, text: string, options: { attention?: boolean } = {}): Promise<Translations> {
  const models = new TrainedModels(store);
  const kept = choice.repeats.map((repeat) => models.trial(ref, { ...(choice.config !== undefined ? { config: choice.config } : {}), repeat }));
  const { experiment, config } = kept[0]!;
  if (taskOf(config) !== 'translation' || !config.model.seq2seq) {
    throw new LabError('REQUEST_INVALID', `experiment #${experiment.id} is not a translator (its task is ${taskOf(config)}); translate needs an experiment with "evaluation": { "protocol": "translation" }`);
  }
  if (text.length === 0) throw new LabError('REQUEST_INVALID', 'the text to translate is empty; give an English phrase, e.g. "grinning face"');
  const repeats: RepeatTranslation[] = [];
  let unknown: readonly string[] = [];
  for (const k of kept) {
    const vocab = storedVocabulary(store, k);
    unknown = encodeText(text, vocab.source).unknown;
    const framed = framePairs([{ source: text, target: TARGET_START + TARGET_END }], vocab);
    const architecture = seq2seqArchitecture(config.model.seq2seq, vocab.source.length, vocab.target.length);
    const engine = await selectSeq2seqEngine(k.trial.engine === 'tfjs' || k.trial.engine === 'fused' ? k.trial.engine : config.engine, { precision: config.precision, kernels: config.kernels });
    const model = await engine.create({ architecture, training: config.training, weights: k.weights, backend: config.backend });
    try {
      const out = greedyDecode(model, framed.tensors, vocab.target, vocab.maxTargetLength, options.attention === true);
      const translation = out.texts[0]!;
      const rows = out.attention?.[0] ?? null;
      const outputCharacters = [...Array.from(translation), ...(rows && rows.length > Array.from(translation).length ? [TARGET_END] : [])];
      repeats.push({ repeat: k.trial.repeatIndex + 1, translation, attention: rows, outputCharacters });
    } finally {
      model.dispose();
    }
  }
  return {
    experiment: `#${experiment.id} ${experiment.name}`,
    text,
    sourceCharacters: Array.from(text),
    unknown,
    ...(unknown.length ? { warning: `characters the model never saw in training, read as blanks: ${describeUnknown(unknown)}` } : {}),
    repeats,
  };
}
