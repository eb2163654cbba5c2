import type { PairVocabularies } from '../data/pair-vocab.js';
import { encodeText, vocabularyIndex } from '../data/pair-vocab.js';
import type { PairTensors } from '../engine/seq2seq/types.js';

/** Pairs as the engines take them, with the characters the vocabularies did not hold. */
export interface FramedPairs {
  readonly tensors: PairTensors;
  /** Characters of these pairs (sources and targets) not in the training vocabularies, each once. */
  readonly unknown: readonly string[];
}

/**
 * Frames pairs (`source`, wrapped `target`) as padded id arrays over the training vocabularies: n × sourceSteps
 * and n × targetSteps, -1 past each length. A character the vocabulary lacks becomes -1 too (a zero one-hot
 * input; never scored right) and is listed in `unknown` — never a crash. Steps default to the longest texts.
 */
export function framePairs(pairs: readonly { readonly source: string; readonly target: string }[], vocab: PairVocabularies, steps?: { source: number; target: number }): FramedPairs {
  const sourceIndex = vocabularyIndex(vocab.source);
  const targetIndex = vocabularyIndex(vocab.target);
  const sources = pairs.map((p) => encodeText(p.source, sourceIndex));
  const targets = pairs.map((p) => encodeText(p.target, targetIndex));
  const sourceSteps = Math.max(1, steps?.source ?? 0, ...sources.map((s) => s.ids.length));
  const targetSteps = Math.max(2, steps?.target ?? 0, ...targets.map((t) => t.ids.length));
  const n = pairs.length;
  const source = new Int32Array(n * sourceSteps).fill(-1);
  const target = new Int32Array(n * targetSteps).fill(-1);
  const sourceLengths = new Int32Array(n);
  const targetLengths = new Int32Array(n);
  const unknown = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    source.set(s.ids.subarray(0, sourceSteps), i * sourceSteps);
    target.set(t.ids.subarray(0, targetSteps), i * targetSteps);
    sourceLengths[i] = Math.min(s.ids.length, sourceSteps);
    targetLengths[i] = Math.min(t.ids.length, targetSteps);
    for (const c of [...s.unknown, ...t.unknown]) unknown.add(c);
  }
  return { tensors: { n, sourceSteps, targetSteps, source, sourceLengths, target, targetLengths }, unknown: [...unknown] };
}
