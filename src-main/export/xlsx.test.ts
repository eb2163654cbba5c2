import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTables } from './tables.js';
import { sheetName, toXlsx } from './xlsx.js';

/** Reads a workbook's bytes back with exceljs: each sheet's name and its cell values by row (row 1: columns). */
async function readBack(bytes: Uint8Array): Promise<{ name: string; header: string; rows: unknown[][] }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book.worksheets.map((s) => {
    const rows: unknown[][] = [];
    s.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: s.name, header: s.headerFooter?.oddHeader ?? '', rows };
  });
}

describe('XLSX export', () => {
  it('writes one sheet per table with numbers as numbers, bit for bit', async () => {
    const values = [0.1 + 0.2, 1 / 3, 136.76100000000001, -2.5e-12, 1e21, 42];
    const bytes = await toXlsx(
      [
        { title: 'shampoo & co: rmse', columns: ['kind', 'rmse', 'n'], rows: [...values.map((v, i) => ['repeat', v, i]), ['mean', NaN, null], ['max', Infinity, -Infinity]] },
        { columns: ['statistic', 'a'], rows: [['count', 30]] },
      ],
      ['results', 'describe'],
    );
    const [results, describe] = await readBack(bytes);
    expect(results!.name).toBe('results');
    expect(results!.header).toBe('&Cshampoo && co: rmse');
    expect(results!.rows[0]).toEqual(['kind', 'rmse', 'n']);
    values.forEach((v, i) => {
      expect(results!.rows[i + 1]).toEqual(['repeat', v, i]);
      expect(typeof results!.rows[i + 1]![1]).toBe('number');
    });
    // A workbook cannot hold NaN or ±inf as numbers: they are the same text the Markdown export writes; null is empty.
    expect(results!.rows[values.length + 1]).toEqual(['mean', 'NaN']);
    expect(results!.rows[values.length + 2]).toEqual(['max', 'inf', '-inf']);
    expect(describe).toEqual({ name: 'describe', header: '', rows: [['statistic', 'a'], ['count', 30]] });
  });

  it('names sheets as Excel allows: no []:*?/\\, at most 31 characters, unique', () => {
    expect(sheetName('a/b:c*d?[e]', new Set())).toBe('a-b-c-d--e-');
    expect(sheetName('x'.repeat(40), new Set())).toHaveLength(31);
    expect(sheetName('results', new Set(['Results']))).toBe('results (2)');
    expect(sheetName('', new Set())).toBe('table');
  });

  it('is a format like the others: writeTables gives bytes for xlsx and text for csv', async () => {
    const table = { columns: ['a'], rows: [[1.5]] };
    const xlsx = await writeTables([table], 'xlsx');
    expect('bytes' in xlsx && [...xlsx.bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip ("PK")
    expect(await writeTables([table], 'csv')).toEqual({ text: 'a\n1.5\n' });
  });
});
