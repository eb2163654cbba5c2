import ExcelJS from 'exceljs';
import type { Table } from './tables.js';

/** Characters Excel refuses in a sheet name, and its length limit. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;
const SHEET_MAX = 31;

/** A sheet name Excel accepts, unique among `taken` (a short suffix ` (2)` on clashes). */
export function sheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(SHEET_FORBIDDEN, '-').replace(/^'+|'+$/g, '').trim().slice(0, SHEET_MAX) || 'table';
  let name = base;
  for (let k = 2; [...taken].some((t) => t.toLowerCase() === name.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    name = `${base.slice(0, SHEET_MAX - suffix.length)}${suffix}`;
  }
  return name;
}

/**
 * The cell a table value becomes: numbers stay numbers (full float64 precision); NaN and ±inf, which a workbook
 * cannot hold as numbers, become the text `NaN`, `inf`, `-inf` (as in the Markdown and LaTeX exports); null is empty.
 */
function cellValue(value: string | number | null): string | number | null {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
}

/**
 * An XLSX workbook (exceljs) with one sheet per table: the column names in row 1 (bold, frozen), one row per
 * table row below, numbers as numbers. Each sheet is named by `sheets[i]` (or the table's title), and the table's
 * title is the sheet's printed header. Returns the file's bytes.
 */
export async function toXlsx(tables: readonly Table[], sheets: readonly string[] = []): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'RNN Lab';
  // A fixed date keeps the bytes a function of the tables alone (exceljs would stamp "now").
  workbook.created = workbook.modified = new Date(0);
  if (tables[0]?.title) workbook.title = tables[0].title;
  const taken = new Set<string>();
  tables.forEach((table, i) => {
    const name = sheetName(sheets[i] ?? table.title ?? `table ${i + 1}`, taken);
    taken.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    if (table.title) sheet.headerFooter.oddHeader = `&C${table.title.replace(/&/g, '&&')}`;
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(cellValue));
    table.columns.forEach((column, j) => {
      const widest = Math.max(column.length, ...table.rows.slice(0, 200).map((r) => String(cellValue(r[j] ?? null) ?? '').length));
      sheet.getColumn(j + 1).width = Math.min(40, Math.max(8, widest + 2));
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
