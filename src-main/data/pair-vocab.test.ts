import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { buildVocabularies, describeUnknown, encodeText, splitPairs, vocabularyIndex } from './pair-vocab.js';
import { parsePairs } from './pairs.js';

const LIMITS = { maxPairs: 100_000, maxSourceLength: 44, maxTargetLength: 80 };

describe('character vocabularies of sentence pairs', () => {
  it('are the sorted sets of source and (wrapped) target characters, as the seed builds them', () => {
    const { pairs } = parsePairs('Go.\tVai.\nHi.\tOi.\n', 'p.txt', LIMITS);
    // Hand-worked: sorted(set("Go." + "Hi.")) and sorted(set("\tVai.\n" + "\tOi.\n")) by code point.
    expect(buildVocabularies(pairs)).toEqual({ source: ['.', 'G', 'H', 'i', 'o'], target: ['\t', '\n', '.', 'O', 'V', 'a', 'i'] });
  });

  it('sort by code point (Python), not by UTF-16 unit: U+FF01 comes before an emoji', () => {
    // JS's default sort would put 😀 (UTF-16 D83D DE00) before ！ (FF01); Python's sorted puts it after.
    const vocab = buildVocabularies([{ source: '😀！a', target: '\t😀\n' }]);
    expect(vocab.source).toEqual(['a', '！', '😀']);
    expect(vocab.target).toEqual(['\t', '\n', '😀']);
  });

  it('come from the training pairs only: a character only in held-out pairs is not in them', () => {
    // Each pair has its own character (source and target), so where it lands says which part it is in.
    const chars = Array.from({ length: 40 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const pairs = chars.map((c) => ({ source: `x${c}`, target: `\ty${c}\n` }));
    const s = splitPairs(pairs, 0.25, 7);
    expect(s.test).toHaveLength(10);
    expect(s.train).toHaveLength(30);
    expect(s.vocab).toEqual(buildVocabularies(s.train));
    for (const p of s.test) {
      const own = [...p.source][1]!;
      expect(s.vocab.source).not.toContain(own);
      expect(s.vocab.target).not.toContain(own);
    }
    for (const p of s.train) expect(s.vocab.source).toContain([...p.source][1]!);
    expect(s.split).toEqual({ kind: 'random', seed: 7, testFraction: 0.25, train: 30, test: 10 });
  });

  it('split the same way for the same seed, disjoint and covering, in file order', () => {
    const pairs = Array.from({ length: 50 }, (_, i) => ({ source: `s${i}`, target: `\tt${i}\n` }));
    const a = splitPairs(pairs, 0.1, 3);
    const b = splitPairs(pairs, 0.1, 3);
    const c = splitPairs(pairs, 0.1, 4);
    expect(a.test.map((p) => p.source)).toEqual(b.test.map((p) => p.source));
    expect(a.test.map((p) => p.source)).not.toEqual(c.test.map((p) => p.source));
    const all = [...a.train, ...a.test].map((p) => p.source).sort();
    expect(all).toEqual(pairs.map((p) => p.source).sort());
    const order = (list: readonly { source: string }[]) => list.map((p) => Number(p.source.slice(1)));
    expect(order(a.train)).toEqual([...order(a.train)].sort((x, y) => x - y));
  });

  it('refuse a split that leaves a part empty, naming the fix', () => {
    const pairs = [{ source: 'a', target: '\tb\n' }, { source: 'c', target: '\td\n' }];
    expect(() => splitPairs(pairs, 0.1, 1)).toThrow(LabError);
    expect(() => splitPairs(pairs, 0.1, 1)).toThrow('data: 2 pairs with testFraction 0.1 leave no held-out pairs; use more pairs or another testFraction');
  });
});

describe('encoding text for inference', () => {
  const vocab = ['\t', '\n', ' ', 'a', 'h', 'l', 'o', 'á'];

  it('gives each character its id', () => {
    expect(Array.from(encodeText('olá', vocab).ids)).toEqual([6, 5, 7]);
    expect(encodeText('olá', vocab).unknown).toEqual([]);
  });

  it('reports characters the vocabulary lacks (each once, in order) and never throws; their ids are -1', () => {
    const e = encodeText('ol€ ßa€h😀', vocabularyIndex(vocab));
    expect(Array.from(e.ids)).toEqual([6, 5, -1, 2, -1, 3, -1, 4, -1]);
    expect(e.unknown).toEqual(['€', 'ß', '😀']);
    expect(describeUnknown(e.unknown)).toBe('"€", "ß", "😀"');
    expect(describeUnknown(['\u0007', 'x', 'y'], 2)).toBe('U+0007, "x" and 1 more');
    expect(encodeText('', vocab)).toEqual({ ids: new Int32Array(0), unknown: [] });
  });
});
