import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { parseSpec } from '../contract/validate.js';
import { loadDataset } from './sources/index.js';
import { readSequences } from './sequence-files.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-seq-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
type Data = Record<string, unknown>;
/** The data part of a spec, validated (defaults filled) as the store would keep it. */
const source = (data: Data) =>
  parseSpec({ name: 't', data: { kind: 'sequences', ...data }, model: { layers: [{ lstm: { units: 2 } }, { dense: { units: 2, activation: 'softmax' } }] }, training: { epochs: 1, loss: 'sparseCategoricalCrossentropy' }, evaluation: { protocol: 'holdout-classification' } }, '').data as Parameters<typeof readSequences>[0];
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as LabError).message;
  }
  throw new Error('expected a LabError');
};

// Two sequences: "a" (label walk, 3 steps given out of order) and "b" (label run, 2 steps) — hand-checked below.
const LONG = 'seq,t,x,y,class\na,2,0.3,3,walk\na,0,0.1,1,walk\nb,0,1,-1,run\na,1,0.2,2,walk\nb,1,2,-2,run\n';

describe('labeled sequence files', () => {
  it('csv-long: grouped by id in first-seen order, sorted by step, padded with lengths', () => {
    const s = readSequences(source({ path: file('long.csv', LONG), format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' }));
    expect(s.ids).toEqual(['a', 'b']);
    expect(s.labels).toEqual(['walk', 'run']);
    expect({ n: s.x.n, steps: s.x.steps, features: s.x.features }).toEqual({ n: 2, steps: 3, features: 2 });
    expect(Array.from(s.x.lengths!)).toEqual([3, 2]);
    expect(Array.from(s.x.data)).toEqual([0.1, 1, 0.2, 2, 0.3, 3, 1, -1, 2, -2, 0, 0]);
  });

  it('csv-wide and jsonl read the same sequences as csv-long', () => {
    const wide = readSequences(source({ path: file('wide.csv', 'x_0,x_1,x_2,y_0,y_1,y_2,class\n0.1,0.2,0.3,1,2,3,walk\n1,2,,-1,-2,,run\n'), format: 'csv-wide', features: ['x', 'y'], label: 'class' }));
    const jsonl = readSequences(source({ path: file('s.jsonl', '{"x": [[0.1, 1], [0.2, 2], [0.3, 3]], "class": "walk"}\n\n{"x": [[1, -1], [2, -2]], "class": "run"}\n'), format: 'jsonl', label: 'class' }));
    for (const s of [wide, jsonl]) {
      expect(s.labels).toEqual(['walk', 'run']);
      expect(Array.from(s.x.lengths!)).toEqual([3, 2]);
      expect(Array.from(s.x.data)).toEqual([0.1, 1, 0.2, 2, 0.3, 3, 1, -1, 2, -2, 0, 0]);
    }
  });

  it('labels become class ids by sorted label (numerically for numbers), the mapping kept with the data', () => {
    const d = loadDataset(source({ path: file('long2.csv', LONG), format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' }), 1);
    expect(d).toMatchObject({ shape: 'labeled-sequences', classNames: ['run', 'walk'] });
    expect(Array.from((d as { labels: Int32Array }).labels)).toEqual([1, 0]);
    const numeric = loadDataset(source({ path: file('n.jsonl', '{"x":[1],"c":10}\n{"x":[2],"c":9}\n{"x":[3],"c":10}\n'), format: 'jsonl', label: 'c' }), 1);
    expect((numeric as { classNames: readonly string[] }).classNames).toEqual(['9', '10']);
  });

  it('a numeric target makes the set a regression one', () => {
    const d = loadDataset(source({ path: file('r.jsonl', '{"x":[[1],[2]],"y":3}\n{"x":[[4]],"y":4}\n'), format: 'jsonl', target: 'y' }), 1);
    expect(d).toMatchObject({ shape: 'target-sequences', outputs: 1, perStep: false, testFraction: 0.2 });
  });

  const bad: [string, Data, RegExp][] = [
    ['a missing column (the columns listed)', { path: 'long.csv', format: 'csv-long', id: 'seq', features: ['x', 'z'], label: 'class' }, /long\.csv:1: no column named "z" \(columns: "seq", "t", "x", "y", "class"\); fix data\.features\[1\]/],
    ['duplicate headers (both named)', { path: ['dup.csv', 'seq,x,x,class\na,1,2,u\n'], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /dup\.csv:1: columns 2 and 3 are both named "x"; rename one/],
    ['a hexadecimal number', { path: ['hex.csv', 'seq,x,class\na,0x1A,u\nb,1,v\n'], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /hex\.csv:2:2: column "x": "0x1A" is hexadecimal; every value must be a plain decimal number/],
    ['a thousands separator', { path: ['k.csv', 'seq;x;class\na;1.000;u\nb;1,5;v\n'], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /k\.csv:3:2: column "x": "1,5" is not a number|k\.csv:2:2: column "x": "1\.000" has thousands separators/],
    ['an empty cell', { path: ['e.csv', 'seq,x,class\na,,u\n'], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /e\.csv:2:2: column "x": empty cell/],
    ['a label that changes inside a sequence', { path: ['c.csv', 'seq,x,class\na,1,u\na,2,v\n'], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /c\.csv:3:3: sequence "a" changes its label from "u" to "v"; one label per sequence/],
    ['a step given twice', { path: ['s.csv', 'seq,t,x,class\na,0,1,u\na,0,2,u\n'], format: 'csv-long', id: 'seq', step: 't', features: ['x'], label: 'class' }, /sequence "a" has step 0 twice/],
    ['a wide row with a label but no steps', { path: ['w.csv', 'x_0,x_1,class\n1,2,u\n,,v\n'], format: 'csv-wide', features: ['x'], label: 'class' }, /w\.csv:3: sequence "2" has a label but no steps/],
    ['a JSONL line that is not JSON', { path: ['bad.jsonl', '{"x":[1],"label":"u"}\n{oops\n'], format: 'jsonl', label: 'label' }, /bad\.jsonl:2: not valid JSON/],
    ['a JSONL x of the wrong shape', { path: ['shape.jsonl', '{"x":[[1,"a"]],"label":"u"}\n'], format: 'jsonl', label: 'label' }, /shape\.jsonl:1: "x" must be a list of steps/],
    ['steps of different widths', { path: ['width.jsonl', '{"x":[[1,2]],"label":"u"}\n{"x":[[1]],"label":"v"}\n'], format: 'jsonl', label: 'label' }, /width\.jsonl:2: sequence "2" has steps of 1 features, others 2/],
    ['an empty file', { path: ['empty.csv', ''], format: 'csv-long', id: 'seq', features: ['x'], label: 'class' }, /empty\.csv: the file is empty/],
    ['a folder', { path: [null, ''], format: 'jsonl', label: 'label' }, /: is a folder, not a file; point data\.path at the JSONL file inside it/],
  ];
  for (const [name, data, message] of bad) {
    it(`refuses ${name} with one line`, () => {
      const p = data.path as string | [string | null, string];
      const path = typeof p === 'string' ? join(dir, p) : p[0] === null ? dir : file(p[0], p[1]);
      const m = messageOf(() => readSequences(source({ ...data, path })));
      expect(m).toMatch(message);
      expect(m).not.toContain('\n');
    });
  }

  it('refuses one class for classification, naming data.label', () => {
    expect(() => loadDataset(source({ path: file('one.jsonl', '{"x":[1],"label":"u"}\n{"x":[2],"label":"u"}\n'), format: 'jsonl', label: 'label' }), 1)).toThrow(/^data\.label: every sequence of .* has the same label \("u"\); classification needs at least two classes$/);
  });

  it('the spec needs exactly one of label and target, and the columns its format needs', () => {
    expect(() => source({ path: 'x', format: 'jsonl' })).toThrow(/data\.label: give exactly one of "label" \(classes: classification\) or "target"/);
    expect(() => source({ path: 'x', format: 'csv-long', label: 'c' })).toThrow(/data\.features: required for format "csv-long"/);
    expect(() => source({ path: 'x', format: 'csv-long', features: ['a'], label: 'c' })).toThrow(/data\.id: required for format "csv-long"/);
  });
});
