import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { cldrPairs } from './cldr-pairs.js';
import { buildVocabularies } from './pair-vocab.js';
import { loadDataset } from './sources/index.js';

// The Unicode CLDR 48.2.0 npm packages, read from node_modules. REFERENCE.md ("CLDR pairs") gives the sizes:
// 1,966 emoji names present in both locales, 2,376 derived names, 573 + 245 + 143 + 39 locale names, about
// 5,300 in all. The exact counts below were measured here on 48.2.0 (a new CLDR release changes them).
const c = cldrPairs();
const count = (file: string) => c.parts.find((p) => p.file === file)!;

describe('CLDR English→Portuguese pairs', () => {
  it('come from the three packages at 48.2.0', () => {
    expect(c.version).toBe('48.2.0');
    expect(new Set(c.parts.map((p) => p.package))).toEqual(new Set(['cldr-annotations-full', 'cldr-annotations-derived-full', 'cldr-localenames-full']));
  });

  it('count, per file, the entries named in both locales with different names', () => {
    // 1,966 emoji have a tts name in both; 63 are the same words in both (pizza, sushi, euro, …) and are left out.
    expect(count('annotations/en/annotations.json').pairs).toBe(1903);
    expect(count('annotationsDerived/en/annotations.json').pairs).toBe(2376);
    expect(count('main/en/languages.json').pairs).toBe(573);
    expect(count('main/en/territories.json').pairs).toBe(245);
    expect(count('main/en/scripts.json').pairs).toBe(143);
    expect(count('main/en/variants.json').pairs).toBe(39);
    // After de-duplication (a script named like a language, e.g. Arabic → árabe, is kept once).
    expect(c.parts.map((p) => p.added)).toEqual([1903, 2376, 572, 245, 113, 38]);
    expect(c.pairs).toHaveLength(5247);
    expect(c.pairs.length).toBeGreaterThan(5000);
    expect(c.pairs.length).toBeLessThan(5400);
  });

  it('hold known pairs', () => {
    const has = (source: string, target: string) => expect(c.pairs).toContainEqual({ source, target });
    has('grinning face', 'rosto risonho');
    has('milky way', 'via láctea');
    has('red heart', 'coração vermelho');
    has('thumbs up', 'polegar para cima');
    has('waving hand: medium skin tone', 'mão acenando: pele morena');
    has('Africa', 'África');
    has('Arabic', 'árabe');
  });

  it('are distinct and never copy the English', () => {
    expect(new Set(c.pairs.map((p) => `${p.source}\t${p.target}`)).size).toBe(c.pairs.length);
    expect(c.pairs.filter((p) => p.source === p.target)).toEqual([]);
    expect(c.pairs.filter((p) => p.source.trim() === '' || p.target.trim() === '')).toEqual([]);
  });

  it('come in a fixed order: the parts in turn, each by key', () => {
    // The first emoji key in code-unit order is "!" (exclamation mark); the first territory after the languages.
    expect(c.pairs[0]).toEqual({ source: 'exclamation mark', target: 'ponto de exclamação' });
    const firstTerritory = c.parts.slice(0, 3).reduce((n, p) => n + p.added, 0);
    expect(c.pairs[firstTerritory]).toEqual({ source: 'world', target: 'Mundo' }); // territory "001" (lower case in CLDR's English)
  });

  it("give the vocabularies the seed's Python code gives on the same pairs", () => {
    // Oracle: the seed's cell (split on \t, wrap in \t…\n, sorted(list(set(...))), max(len(...))) run by Python 3
    // on these 5,247 pairs written out as a pair file: 91 source and 94 target characters, longest 80 and 86.
    const data = loadDataset({ kind: 'pairs', source: 'cldr', maxPairs: 100_000, maxSourceLength: 1000, maxTargetLength: 1000 }, 1);
    if (data.shape !== 'pairs') throw new Error(`shape ${data.shape}`);
    const vocab = buildVocabularies(data.pairs);
    expect(vocab.source.join('')).toBe(" !#&'()*,-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÅáãåçéíñóôüāʼ’“”");
    expect(vocab.target.join('')).toBe('\t\n !"#()*,-/0123456789:ABCDEFGHIJKLMNOPQRSTUVWZabcdefghijklmnopqrstuvwxyzÁÍàáâãåçéêíóôõöúʼ–’“”');
    expect([vocab.source.length, vocab.target.length]).toEqual([91, 94]);
    expect(data.longest).toEqual({ source: 80, target: 86 });
  });

  it('load as data "source": "cldr" under the length limits, skipped pairs counted', () => {
    const spec = parseSpec({ name: 't', data: { kind: 'pairs', source: 'cldr' }, model: { layers: [{ lstm: { units: 2 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '');
    if (spec.data.kind !== 'pairs') throw new Error(`kind ${spec.data.kind}`);
    const data = loadDataset(spec.data, 1);
    if (data.shape !== 'pairs') throw new Error(`shape ${data.shape}`);
    // The seed's limits (44 / 80) leave out the longest derived names: counted, not cut.
    expect(data.pairs.length + data.skipped.tooLong).toBe(5247);
    expect(data.skipped).toEqual({ tooLong: 557, sourceTooLong: 557, targetTooLong: 11, emptyLines: 0, afterMaxPairs: 0 });
    expect(data.longest).toEqual({ source: 44, target: 78 });
    expect(data.pairs).toContainEqual({ source: 'grinning face', target: '\trosto risonho\n' });
    expect(data.parts).toEqual(c.parts);
    const capped = loadDataset({ ...spec.data, maxPairs: 100, maxSourceLength: 1000, maxTargetLength: 1000 }, 1);
    if (capped.shape !== 'pairs') throw new Error(`shape ${capped.shape}`);
    expect(capped.pairs).toHaveLength(100);
    expect(capped.skipped.afterMaxPairs).toBe(5147);
  });
});
