import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectTable } from './inspect.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-inspect-pairs-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ATTRIBUTION = 'CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #7115473 (Ricardo14)';

describe('inspect on a sentence-pair file', () => {
  it('says it reads as pairs (a quote inside a sentence is no CSV error), with no spec to suggest', () => {
    const path = file('por.txt', `Go.\tVai.\t${ATTRIBUTION}\nHe said "hi".\tEle disse "oi".\t${ATTRIBUTION}\n\nGo.\tVá.\n`);
    const r = inspectTable(path);
    expect(r.suggestion).toBeNull();
    expect(r.rows).toBe(3);
    expect(r.columns).toEqual([
      { name: 'English', type: 'text', missing: 0, distinct: 2 },
      { name: 'Target', type: 'text', missing: 0, distinct: 3 },
    ]);
    expect(r.preview[2]).toEqual(['He said "hi".', 'Ele disse "oi".']);
    expect(r.note).toBe(`sentence pairs (English<TAB>Target[<TAB>attribution], as Tatoeba/Anki files): 3 lines; read them with "data": { "kind": "pairs", "path": ${JSON.stringify(path)} } and translate them with "evaluation": { "protocol": "translation" } and a "model": { "seq2seq": … } (see experiments/translate-en-pt.json)`);
  });

  it('leaves tab-separated tables with numbers to the table reading', () => {
    const series = inspectTable(file('series.tsv', `Month\tSales\n${Array.from({ length: 12 }, (_, i) => `m${i}\t${100 + i}`).join('\n')}\n`));
    expect(series.note).toBeUndefined();
    expect(series.suggestion?.spec.data).toMatchObject({ kind: 'csv', column: 'Sales' });
    const labeled = inspectTable(file('labels.tsv', 'id\tlabel\tvalue\na1\twalk\t1e5\n'));
    expect(labeled.note).toBeUndefined();
  });
});
