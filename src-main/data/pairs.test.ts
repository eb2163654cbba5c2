import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { parseSpec } from '../contract/validate.js';
import { charCount, parsePairs, readPairsFile, type PairLimits } from './pairs.js';
import { loadDataset } from './sources/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-pairs-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const LIMITS: PairLimits = { maxPairs: 100_000, maxSourceLength: 44, maxTargetLength: 80 };
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as LabError).message;
  }
  throw new Error('expected a LabError');
};
const ATTRIBUTION = 'CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #7115473 (Ricardo14)';

describe('pair files (Tatoeba/Anki)', () => {
  it('reads two and three columns, one pair per line, targets wrapped in \\t … \\n', () => {
    const read = parsePairs(`Go.\tVai.\t${ATTRIBUTION}\nHi.\tOi.\nRun!\tCorre!\t${ATTRIBUTION}\n`, 'por.txt', LIMITS);
    expect(read.pairs).toEqual([
      { source: 'Go.', target: '\tVai.\n' },
      { source: 'Hi.', target: '\tOi.\n' },
      { source: 'Run!', target: '\tCorre!\n' },
    ]);
    // "Run!" is 4 characters; "\tCorre!\n" is 8 (the decoder's steps count the markers, as the seed's 80 does).
    expect(read.longest).toEqual({ source: 4, target: 8 });
    expect(read.skipped).toEqual({ tooLong: 0, sourceTooLong: 0, targetTooLong: 0, emptyLines: 0, afterMaxPairs: 0 });
  });

  it('accepts CRLF line ends and a byte-order mark, passes over blank lines and counts them', () => {
    const read = parsePairs('\uFEFFGo.\tVai.\r\n\r\n   \r\nHi.\tOi.\r\n', 'p.txt', LIMITS);
    expect(read.pairs).toEqual([{ source: 'Go.', target: '\tVai.\n' }, { source: 'Hi.', target: '\tOi.\n' }]);
    expect(read.skipped.emptyLines).toBe(2);
  });

  it('names a bad line by its number in the file (blank lines counted) with the fix', () => {
    const at = (text: string) => messageOf(() => parsePairs(text, 'por.txt', LIMITS));
    expect(at('Go.\tVai.\n\nHello there\n')).toBe('por.txt:3: one column (no tab); each line is English<TAB>Target[<TAB>attribution]: put a tab between the English text and its translation');
    expect(at('Go.\tVai.\ta\tb\n')).toBe('por.txt:1: 4 columns; each line is English<TAB>Target[<TAB>attribution] (2 or 3 columns): remove the extra tabs');
    expect(at('Go.\tVai.\n\tOi.\n')).toBe('por.txt:2: the English text (column 1) is empty; give both texts or delete the line');
    expect(at('Go.\tVai.\nHi.\t \t' + ATTRIBUTION + '\n')).toBe('por.txt:2: the target text (column 2) is empty; give both texts or delete the line');
    expect(at('')).toBe('por.txt: no pairs (the file is empty); each line is English<TAB>Target[<TAB>attribution]');
    expect(at('\n\n')).toMatch(/^por\.txt: no pairs \(the file is empty\)/);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const latin1 = Buffer.concat([Buffer.from('Go.\tVai.\nCoffee.\tCaf'), Buffer.from([0xe9]), Buffer.from('.\n')]);
    expect(messageOf(() => readPairsFile(file('latin1.txt', latin1), LIMITS))).toMatch(/latin1\.txt:2: not UTF-8 text; save the pair file as UTF-8$/);
  });

  it('skips pairs over the length limits and counts them, never truncating', () => {
    const s44 = 'a'.repeat(44);
    const s45 = 'b'.repeat(45);
    const t78 = 'c'.repeat(78); // wrapped: 80 characters, exactly the limit
    const t79 = 'd'.repeat(79); // wrapped: 81
    const text = [`${s44}\t${t78}`, `${s45}\tok`, `fine\t${t79}`, `${s45}\t${t79}`, 'last\tfim'].join('\n');
    const read = parsePairs(text, 'p.txt', LIMITS);
    expect(read.pairs).toEqual([{ source: s44, target: `\t${t78}\n` }, { source: 'last', target: '\tfim\n' }]);
    expect(read.skipped).toEqual({ tooLong: 3, sourceTooLong: 2, targetTooLong: 2, emptyLines: 0, afterMaxPairs: 0 });
    expect(read.longest).toEqual({ source: 44, target: 80 });
    // Every kept text is whole: nothing was cut to fit.
    for (const p of read.pairs) expect(text).toContain(`${p.source}\t${p.target.slice(1, -1)}`);
  });

  it('counts characters as code points (an emoji is one, as in Python)', () => {
    expect(charCount('😀 ok')).toBe(4);
    const read = parsePairs(`${'😀'.repeat(3)}\tsorriso\n`, 'p.txt', { ...LIMITS, maxSourceLength: 3 });
    expect(read.pairs).toHaveLength(1);
    expect(read.longest.source).toBe(3);
  });

  it('says when every pair is over the limits, with the counts and the fix', () => {
    const message = messageOf(() => parsePairs(`${'x'.repeat(50)}\ty\nz\t${'w'.repeat(90)}\n`, 'p.txt', LIMITS));
    expect(message).toBe('p.txt: no pairs left: all 2 are longer than data.maxSourceLength 44 (1 sources) or data.maxTargetLength 80 (1 targets, \\t and \\n included); raise the limits');
  });

  it('keeps the first maxPairs pairs and counts the lines after them without reading them', () => {
    const text = 'a\tA\nb\tB\n' + `${'x'.repeat(60)}\tX\n` + 'c\tC\nd\tD\n\nnot a pair\ne\tE\n';
    const read = parsePairs(text, 'p.txt', { ...LIMITS, maxPairs: 3 });
    expect(read.pairs.map((p) => p.source)).toEqual(['a', 'b', 'c']);
    // The long line was skipped before the cap was reached; after it: "d", "not a pair", "e" (the blank line is blank).
    expect(read.skipped).toEqual({ tooLong: 1, sourceTooLong: 1, targetTooLong: 0, emptyLines: 1, afterMaxPairs: 3 });
  });

  it('reads through the data-source registry with the defaults written into the spec', () => {
    const path = file('por.txt', `Go.\tVai.\t${ATTRIBUTION}\nHi.\tOi.\t${ATTRIBUTION}\n`);
    const spec = parseSpec({ name: 't', data: { kind: 'pairs', path }, model: { layers: [{ lstm: { units: 2 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '');
    expect(spec.data).toEqual({ kind: 'pairs', path, maxPairs: 100_000, maxSourceLength: 44, maxTargetLength: 80 });
    const data = loadDataset(spec.data, 1);
    expect(data.shape).toBe('pairs');
    if (data.shape !== 'pairs') return;
    expect(data.pairs).toEqual([{ source: 'Go.', target: '\tVai.\n' }, { source: 'Hi.', target: '\tOi.\n' }]);
    expect(data.source).toBe(path);
  });

  it('names a folder given as the pair file', () => {
    const folder = join(dir, 'pairs-folder');
    mkdirSync(folder);
    expect(messageOf(() => readPairsFile(folder, LIMITS))).toBe(`${folder}: is a folder, not a file; point data.path at the pair file inside it`);
  });

  it('asks for exactly one of data.path and data.source', () => {
    const issues = (data: Record<string, unknown>) => {
      try {
        parseSpec({ name: 't', data: { kind: 'pairs', ...data }, model: { layers: [{ lstm: { units: 2 } }] }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '');
      } catch (e) {
        return (e as LabError).message;
      }
      return 'accepted';
    };
    expect(issues({})).toMatch(/^data\.path: give the pair file to read \(e\.g\. "por\.txt"\), or "source": "cldr"/);
    expect(issues({ path: 'por.txt', source: 'cldr' })).toMatch(/^data\.source: give either data\.path \(a pair file\) or data\.source "cldr", not both/);
    expect(issues({ source: 'cldr', maxTargetLength: 2 })).toMatch(/^data\.maxTargetLength: 2 is too small/);
    expect(issues({ source: 'cldr' })).toBe('accepted');
  });
});
