import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { readCsvSeries } from './csv-series.js';
import { SHAMPOO } from '../../testing/forecast/shampoo.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-csv-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const messageOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as LabError).message;
  }
  throw new Error('expected an error');
};

describe('CSV series loader', () => {
  it('the bundled CSV holds exactly the reference values (sum 11,253.6)', () => {
    const series = readCsvSeries(new URL('../../data/shampoo-sales.csv', import.meta.url).pathname, { column: 'Sales' });
    expect([...series.values]).toEqual(SHAMPOO);
    expect(series.values.reduce((a, b) => a + b, 0)).toBeCloseTo(11253.6, 6); // 36 one-decimal values summed in float64: ≈ 1e-11 off
    expect(series.labels[0]).toBe('1-01');
  });

  it('reads a column with its labels (quoted header, as the seed file)', () => {
    const s = readCsvSeries(file('ok.csv', '"Month","Sales"\n"1-01",266.0\n"1-02",145.9\n'), { column: 'Sales' });
    expect([...s.values]).toEqual([266, 145.9]);
    expect(s.labels).toEqual(['1-01', '1-02']);
  });

  it('names file, line and column of a non-numeric value', () => {
    const path = file('bad.csv', 'Month,Sales\n1-01,266.0\n\n1-02,abc\n');
    expect(messageOf(() => readCsvSeries(path, { column: 'Sales' }))).toBe(
      `${path}:4: column "Sales" (column 2): "abc" is not a number; every value must be a finite decimal number`,
    );
  });

  it('names a missing column and lists the columns', () => {
    const path = file('cols.csv', 'Month,Sales\n1-01,1\n');
    expect(messageOf(() => readCsvSeries(path, { column: 'sales' }))).toMatch(/:1: no column named "sales" \(columns: "Month", "Sales"\)/);
  });

  it('reports malformed CSV with its line', () => {
    const path = file('ragged.csv', 'Month,Sales\n1-01,1\n1-02,2,3\n');
    expect(messageOf(() => readCsvSeries(path, { column: 'Sales' }))).toMatch(/ragged\.csv:3: malformed CSV/);
  });

  it('reports a missing file, an empty file and NaN', () => {
    expect(messageOf(() => readCsvSeries(join(dir, 'nope.csv'), { column: 'Sales' }))).toMatch(/nope\.csv: CSV file not found/);
    expect(messageOf(() => readCsvSeries(file('empty.csv', ''), { column: 'Sales' }))).toMatch(/empty/);
    expect(messageOf(() => readCsvSeries(file('nan.csv', 'Sales\nNaN\n'), { column: 'Sales' }))).toMatch(/:2: .*"NaN" is not a number/);
    expect(messageOf(() => readCsvSeries(file('head.csv', 'Sales\n'), { column: 'Sales' }))).toMatch(/no data rows/);
  });

  it('never echoes a foreign file: binary bytes, a one-column non-CSV, a 10 MB line (one capped line each)', () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'rnnlab-csv-foreign-'));
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 97 + 13) % 256));
    const cases: [string, string | Buffer][] = [
      ['binary.csv', Buffer.concat([Buffer.from('Month,Sales\n1,"'), bytes])],
      ['shadow', 'root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n'],
      ['huge.csv', `${'x'.repeat(10_000_000)}\n1\n`],
    ];
    for (const [name, content] of cases) {
      const path = join(dir2, name);
      writeFileSync(path, content);
      const message = messageOf(() => readCsvSeries(path, { column: 'Sales' }));
      expect(message.length, name).toBeLessThanOrEqual(400);
      expect(message, name).not.toContain('\n');
      expect(message, name).not.toMatch(/root:|xxxxxxxxxx|[\u0000-\u0008\u000e-\u001f]/);
      expect(message, name).toContain(path);
    }
  });

  it('reads semicolon- and tab-separated files like comma-separated ones (delimiter from the header)', () => {
    const dir3 = mkdtempSync(join(tmpdir(), 'rnnlab-csv-delim-'));
    for (const [name, d] of [['semi.csv', ';'], ['tab.tsv', '\t']] as const) {
      const path = join(dir3, name);
      writeFileSync(path, `Month${d}Sales\n1-01${d}266.0\n1-02${d}145.9\n`);
      const s = readCsvSeries(path, { column: 'Sales', timeColumn: 'Month' });
      expect(Array.from(s.values)).toEqual([266, 145.9]);
      expect(s.labels).toEqual(['1-01', '1-02']);
    }
  });
});
