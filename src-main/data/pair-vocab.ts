import { randomSplit } from '../common/split.js';
import { LabError } from '../contract/errors.js';
import type { Pair } from './pairs.js';

/** The character vocabularies of a translator: source characters and target characters (markers included). */
export interface PairVocabularies {
  readonly source: readonly string[];
  readonly target: readonly string[];
}

/** Python's `sorted` on characters: by code point (JS's default sort orders UTF-16 units, which differs for emoji). */
const byCodePoint = (a: string, b: string): number => a.codePointAt(0)! - b.codePointAt(0)!;

/**
 * The character vocabularies of `pairs`, each sorted by code point as the seed's `sorted(list(set(...)))`, so ids
 * are the seed's. Targets are wrapped, so the target vocabulary holds `\t` and `\n`. Give the TRAINING pairs
 * only: a held-out pair's characters must not leak into the model's inputs and outputs.
 */
export function buildVocabularies(pairs: readonly Pair[]): PairVocabularies {
  const source = new Set<string>();
  const target = new Set<string>();
  for (const p of pairs) {
    for (const c of p.source) source.add(c);
    for (const c of p.target) target.add(c);
  }
  return { source: [...source].sort(byCodePoint), target: [...target].sort(byCodePoint) };
}

/** A text as vocabulary ids, with the characters the vocabulary does not hold. */
export interface EncodedText {
  /** One id per character (code point); -1 where the character is not in the vocabulary (a zero one-hot row). */
  readonly ids: Int32Array;
  /** The characters not in the vocabulary, each once, in order of first appearance; empty when all are known. */
  readonly unknown: readonly string[];
}

/** Character → id of a vocabulary (build once for many texts). */
export const vocabularyIndex = (vocab: readonly string[]): ReadonlyMap<string, number> => new Map(vocab.map((c, i) => [c, i]));

/**
 * Encodes a text (e.g. a sentence typed for translation) over a character vocabulary — the list or its
 * {@link vocabularyIndex}. Never throws on characters the training pairs did not have: they get id -1 and are
 * reported in `unknown`, for the caller to say which were left out.
 */
export function encodeText(text: string, vocab: readonly string[] | ReadonlyMap<string, number>): EncodedText {
  const index = Array.isArray(vocab) ? vocabularyIndex(vocab) : (vocab as ReadonlyMap<string, number>);
  const chars = Array.from(text);
  const unknown = new Set<string>();
  const ids = Int32Array.from(chars, (c) => {
    const id = index.get(c);
    if (id === undefined) unknown.add(c);
    return id ?? -1;
  });
  return { ids, unknown: [...unknown] };
}

/** Unknown characters for a message, e.g. `"ß", "€" (U+20AC)`: control and space characters by code. */
export function describeUnknown(unknown: readonly string[], max = 8): string {
  const shown = unknown.slice(0, max).map((c) => (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? JSON.stringify(c) : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
  return unknown.length > max ? `${shown.join(', ')} and ${unknown.length - max} more` : shown.join(', ');
}

/** Pairs split into training and held-out parts, with the vocabularies of the training part. */
export interface PairSplit {
  readonly train: readonly Pair[];
  readonly test: readonly Pair[];
  /** Built from `train` only. */
  readonly vocab: PairVocabularies;
  /** How the split was drawn (stored with each trial). */
  readonly split: { readonly kind: 'random'; readonly seed: number; readonly testFraction: number; readonly train: number; readonly test: number };
}

/**
 * A seeded random hold-out split of `pairs` (round(n · testFraction) held out; both parts keep file order) and the
 * vocabularies of the training part. Pair files are sorted by length, so the seed's `validation_split` (the last
 * rows) would test on the longest sentences only; a random draw does not. Throws LabError when a part is empty.
 */
export function splitPairs(pairs: readonly Pair[], testFraction: number, seed: number): PairSplit {
  const rows = randomSplit(pairs.length, testFraction, seed);
  if (rows.train.length === 0 || rows.test.length === 0) {
    throw new LabError('DATA_INVALID', `data: ${pairs.length} pair${pairs.length === 1 ? '' : 's'} with testFraction ${testFraction} leave${pairs.length === 1 ? 's' : ''} ${rows.train.length === 0 ? 'no training' : 'no held-out'} pairs; use more pairs or another testFraction`);
  }
  const train = Array.from(rows.train, (r) => pairs[r]!);
  const test = Array.from(rows.test, (r) => pairs[r]!);
  return { train, test, vocab: buildVocabularies(train), split: { kind: 'random', seed, testFraction, train: train.length, test: test.length } };
}
