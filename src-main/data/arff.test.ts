import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { parseSpec } from '../contract/validate.js';
import { parseArff } from './arff.js';
import { readSequences } from './sequence-files.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-arff-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const source = (data: Record<string, unknown>) =>
  parseSpec({ name: 't', data: { kind: 'sequences', format: 'arff', ...data }, model: { layers: [{ lstm: { units: 2 } }, { dense: { units: 2, activation: 'softmax' } }] }, training: { epochs: 1, loss: 'sparseCategoricalCrossentropy' }, evaluation: { protocol: 'holdout-classification' } }, '').data as Parameters<typeof readSequences>[0];
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as LabError).message;
  }
  throw new Error('expected a LabError');
};

// Weka's multi-instance time-series form: one instance per sequence, its steps in a relational attribute
// (rows separated by \n inside the quoted value). Two sequences: "s1" walk (3 steps), "s 2" run (2 steps).
const RELATIONAL = `% motion sensor sequences
@relation 'motion'
@attribute id {s1,'s 2'}
@attribute steps relational
  @attribute ax numeric
  @attribute 'a y' real
  @attribute note string
@end steps
@attribute class {walk,run}

@data
s1,"0.1,1,a\\n0.2,2,'b c'\\n0.3,3,x",walk
's 2','1,-1,y\\n2,-2,z',run
`;

describe('ARFF reader', () => {
  it('parses the header (quoted names, nominal values, relational attributes) and unquotes values', () => {
    const a = parseArff(RELATIONAL, 'm.arff');
    expect(a.relation).toBe('motion');
    expect(a.attributes.map((x) => [x.name, x.type])).toEqual([['id', 'nominal'], ['steps', 'relational'], ['class', 'nominal']]);
    expect(a.attributes[0]!.values).toEqual(['s1', 's 2']);
    expect(a.attributes[1]!.attributes!.map((x) => [x.name, x.type])).toEqual([['ax', 'numeric'], ['a y', 'numeric'], ['note', 'string']]);
    expect(a.rows).toEqual([
      ['s1', "0.1,1,a\n0.2,2,'b c'\n0.3,3,x", 'walk'],
      ['s 2', '1,-1,y\n2,-2,z', 'run'],
    ]);
    expect(a.lines).toEqual([12, 13]);
  });

  it('relational: one sequence per instance, steps from the relational rows, numeric features by default', () => {
    const s = readSequences(source({ path: file('rel.arff', RELATIONAL), id: 'id', label: 'class' }));
    expect(s.ids).toEqual(['s1', 's 2']);
    expect(s.labels).toEqual(['walk', 'run']);
    expect({ n: s.x.n, steps: s.x.steps, features: s.x.features }).toEqual({ n: 2, steps: 3, features: 2 });
    expect(Array.from(s.x.lengths!)).toEqual([3, 2]);
    expect(Array.from(s.x.data)).toEqual([0.1, 1, 0.2, 2, 0.3, 3, 1, -1, 2, -2, 0, 0]);
    const one = readSequences(source({ path: file('rel.arff', RELATIONAL), features: ['a y'], label: 'class' }));
    expect(one.ids).toEqual(['1', '2']); // no id attribute named: instance numbers
    expect(Array.from(one.x.data)).toEqual([1, 2, 3, -1, -2, 0]);
  });

  it('one instance per step: read like csv-long (id, step order), sparse rows fill numeric zeros', () => {
    const text = '@RELATION steps\n@ATTRIBUTE seq STRING\n@ATTRIBUTE t INTEGER\n@ATTRIBUTE x NUMERIC\n@ATTRIBUTE y NUMERIC\n@ATTRIBUTE class {walk,run}\n@DATA\na,1,0.2,2,walk\na,0,0.1,1,walk\n{0 b, 1 0, 2 1, 4 run}\nb,1,2,-2,run\n';
    const s = readSequences(source({ path: file('steps.arff', text), id: 'seq', step: 't', label: 'class' }));
    expect(s.ids).toEqual(['a', 'b']);
    expect(s.labels).toEqual(['walk', 'run']);
    expect(s.x.features).toBe(2); // x and y: the numeric attributes that are not id, step or label
    expect(Array.from(s.x.data)).toEqual([0.1, 1, 0.2, 2, 1, 0, 2, -2]);
  });

  it('regression targets from a numeric attribute', () => {
    const text = '@relation r\n@attribute bag relational\n@attribute v numeric\n@end bag\n@attribute total numeric\n@data\n"1\\n2\\n3",6\n"4\\n5",9\n';
    const s = readSequences({ ...source({ path: file('reg.arff', text), label: 'x' }), label: undefined, target: 'total' });
    expect(Array.from(s.targets!)).toEqual([6, 9]);
    expect(Array.from(s.x.data)).toEqual([1, 2, 3, 4, 5, 0]);
  });

  it('refuses bad files with one line naming file:line and the fix', () => {
    const bad = (name: string, text: string, data: Record<string, unknown> = { label: 'class' }) => messageOf(() => readSequences(source({ path: file(name, text), ...data })));
    const head = '@relation m\n@attribute bag relational\n@attribute v numeric\n@end bag\n@attribute class {a,b}\n@data\n';
    expect(bad('noquote.arff', `${head}"1\\n2,a\n`)).toMatch(/noquote\.arff:7: a value opened with " is never closed; close the quote/);
    expect(bad('width.arff', `${head}"1\\n2",a,extra\n`)).toMatch(/width\.arff:7: 3 values, but 2 attributes are declared \("bag", "class"\)/);
    expect(bad('nominal.arff', `${head}"1\\n2",c\n`)).toMatch(/nominal\.arff:7: attribute "class": "c" is not one of its declared values \("a", "b"\)/);
    expect(bad('missing.arff', `${head}"1\\n?",a\n`)).toMatch(/missing\.arff:7: sequence "1" step 2, attribute "v": a missing value \(\?\)/);
    expect(bad('hex.arff', `${head}"1\\n0x1A",a\n`)).toMatch(/hex\.arff:7: .*"0x1A" is not a plain decimal number/);
    expect(bad('nolabel.arff', `${head}"1\\n2",?\n`)).toMatch(/nolabel\.arff:7: sequence "1" has a missing label/);
    expect(bad('nosteps.arff', `${head}"",a\n`)).toMatch(/nosteps\.arff:7: sequence "1" has a label but no steps/);
    expect(bad('type.arff', '@relation m\n@attribute v numbr\n@data\n1\n')).toMatch(/type\.arff:2: attribute "v": unknown type "numbr"; use numeric/);
    expect(bad('noend.arff', '@relation m\n@attribute bag relational\n@attribute v numeric\n@data\n')).toMatch(/noend\.arff:2: relational attribute "bag" has no @end before @data/);
    expect(bad('nodata.arff', '@relation m\n@attribute v numeric\n')).toMatch(/nodata\.arff: no @data line/);
    expect(bad('twice.arff', '@relation m\n@attribute v numeric\n@attribute v numeric\n@data\n')).toMatch(/twice\.arff:3: attribute "v" is declared twice/);
    expect(bad('junk.arff', '@relation m\nhello\n')).toMatch(/junk\.arff:2: unexpected "hello" in the header/);
    expect(bad('feature.arff', `${head}"1",a\n`, { label: 'class', features: ['w'] })).toMatch(/feature\.arff: relational attribute "bag" has no attribute "w" \(it has "v"\); fix data\.features\[0\]/);
    expect(bad('label.arff', `${head}"1",a\n`, { label: 'kind' })).toMatch(/label\.arff: no attribute named "kind" \(attributes: "bag", "class"\); fix data\.label/);
    expect(bad('flat.arff', '@relation m\n@attribute v numeric\n@attribute class {a,b}\n@data\n1,a\n')).toMatch(/flat\.arff: no relational attribute, so each instance is one step; give data\.id/);
  });
});
