import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { TableSource } from '../contract/spec.js';
import { readTableSeries } from './table-series.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-table-'));
let count = 0;
/** Writes `text` to a new file and returns a parsed table spec reading it (defaults filled as when stored). */
const on = (text: string, spec: Record<string, unknown> = {}) => {
  const path = join(dir, `t${++count}.csv`);
  writeFileSync(path, text);
  return TableSource.parse({ kind: 'table', path, time: 'day', features: ['x', 'y'], targets: ['x'], ...spec });
};
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as LabError).message;
  }
  throw new Error('expected an error');
};
// Rows 2–7 of the file: a gap in x at line 4 (empty) and in y at lines 5 (NA) and 6 (empty).
const GAPPY = 'day,x,y,note\nd1,1,10,a\nd2,2,20,b\nd3,,30,c\nd4,6,NA,d\nd5,8,,e\nd6,9,70,f\n';

describe('series tables: columns, roles and missing cells', () => {
  it('reads features then extra targets once each, with time labels and roles as indices', () => {
    const t = readTableSeries(on('day;x;y;z\nd1;1;2;3\nd2;4;5;6\n', { features: ['y'], targets: ['x', 'y'] }));
    expect(t.names).toEqual(['y', 'x']);
    expect(t.columns.map((c) => [...c])).toEqual([[2, 5], [1, 4]]);
    expect(t.features).toEqual([0]);
    expect(t.targets).toEqual([1, 0]);
    expect(t.labels).toEqual(['d1', 'd2']);
  });

  it('features default to the targets; without a time column the labels are row numbers', () => {
    const t = readTableSeries(TableSource.parse({ kind: 'table', path: on('x,y\n1,2\n3,4\n').path, targets: ['y'] }));
    expect(t.names).toEqual(['y']);
    expect(t.features).toEqual([0]);
    expect(t.labels).toEqual(['1', '2']);
    // The parsed spec carries the default (stored as read); a missing target is named as the target.
    expect(TableSource.parse({ kind: 'table', path: 'x.csv', targets: ['y'] }).features).toEqual(['y']);
    expect(messageOf(() => readTableSeries(TableSource.parse({ kind: 'table', path: on('x,z\n1,2\n').path, targets: ['y'] })))).toMatch(/:1: no column named "y" \(columns: "x", "z"\); fix data\.targets\[0\] in the spec$/);
  });

  it('missing "error" (the default) names file:line:column and the options that handle it', () => {
    const spec = on(GAPPY);
    expect(spec.missing).toBe('error');
    expect(messageOf(() => readTableSeries(spec))).toBe(`${spec.path}:4:2: column "x": empty cell; set data.missing to "drop", "ffill" or "interpolate" to handle missing values, or fill it in the file`);
  });

  it('missing "drop" drops every row with a gap in a used column (not in unused ones), labels too', () => {
    const t = readTableSeries(on(GAPPY.replace('d1,1,10,a', 'd1,1,10,'), { missing: 'drop' }));
    expect(t.columns.map((c) => [...c])).toEqual([[1, 2, 9], [10, 20, 70]]);
    expect(t.labels).toEqual(['d1', 'd2', 'd6']);
    expect(t.dropped).toBe(3);
  });

  it('missing "ffill" carries each column\'s previous value forward', () => {
    const t = readTableSeries(on(GAPPY, { missing: 'ffill' }));
    expect(t.columns.map((c) => [...c])).toEqual([[1, 2, 2, 6, 8, 9], [10, 20, 30, 30, 30, 70]]);
    expect(t.filled).toBe(3);
  });

  it('missing "interpolate" fills linearly in row order; a trailing gap takes the last value (pandas)', () => {
    const t = readTableSeries(on(`${GAPPY}d7,,,g\nd8,,,h\n`, { missing: 'interpolate' }));
    // x: 2 → 6 over one gap: 4; then 9, 9 at the end. y: 30 → 70 over two gaps: 130/3, 170/3.
    expect([...t.columns[0]!]).toEqual([1, 2, 4, 6, 8, 9, 9, 9]);
    const y = [...t.columns[1]!];
    expect(y.slice(0, 3)).toEqual([10, 20, 30]);
    expect(y[3]).toBeCloseTo(130 / 3, 13);
    expect(y[4]).toBeCloseTo(170 / 3, 13);
    expect(y.slice(5)).toEqual([70, 70, 70]);
    expect(t.filled).toBe(7);
  });

  it('ffill and interpolate refuse a gap before a column\'s first value, naming "drop"', () => {
    for (const missing of ['ffill', 'interpolate']) {
      const spec = on('day,x,y\nd1,1,\nd2,2,3\n', { missing });
      expect(messageOf(() => readTableSeries(spec))).toBe(`${spec.path}:2:3: column "y": missing value before the column's first value, which "${missing}" has nothing to fill from; use data.missing "drop" or fill it in the file`);
    }
  });

  it('refuses bad cells whatever the missing policy: text, hexadecimal, thousands separators', () => {
    for (const missing of ['error', 'drop', 'ffill', 'interpolate']) {
      expect(messageOf(() => readTableSeries(on('day,x,y\nd1,1,2\nd2,0x1A,3\n', { missing })))).toMatch(/:3:2: column "x": "0x1A" is hexadecimal; every value must be a plain decimal number/);
      expect(messageOf(() => readTableSeries(on('day,x,y\nd1,"1,000",2\n', { missing })))).toMatch(/:2:2: column "x": "1,000" has thousands separators/);
      expect(messageOf(() => readTableSeries(on('day,x,y\nd1,1,two\n', { missing })))).toMatch(/:2:3: column "y": "two" is not a number/);
    }
  });

  it('refuses a missing column listing the columns, and duplicate headers naming both', () => {
    expect(messageOf(() => readTableSeries(on('day,x,w\nd1,1,2\n')))).toMatch(/:1: no column named "y" \(columns: "day", "x", "w"\); fix data\.features\[1\] in the spec$/);
    expect(messageOf(() => readTableSeries(on('day,x,x,y\nd1,1,2,3\n')))).toMatch(/:1: columns 2 and 3 are both named "x"; rename one/);
  });

  it('an explicit delimiter is used as given (a "," file read with ";" is one column: said so)', () => {
    expect(messageOf(() => readTableSeries(on('day,x,y\nd1,1,2\n', { delimiter: ';' })))).toMatch(/:1: the header is one column "day,x,y" when split at data\.delimiter ";"; set "delimiter" to the file's separator, or "auto"$/);
    expect([...readTableSeries(on('day\tx\ty\nd1\t1\t2\n', { delimiter: '\t' })).columns[1]!]).toEqual([2]);
  });
});
