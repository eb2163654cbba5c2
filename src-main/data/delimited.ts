import { parse, CsvError } from 'csv-parse/sync';
import { LabError, listValues, quoteValue } from '../contract/errors.js';
import { csvProblem, DECIMAL, detectDelimiter, recordLines } from './csv-series.js';

/** A delimited table with a header: column names, the records, and each record's 1-based line in the file. */
export interface Table {
  readonly path: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/**
 * Parses a CSV (or `;`/tab/`|`-separated) text with a header row. Refuses duplicate header names (naming both
 * columns: a reader would silently take the first) and malformed rows (file:line), never echoing contents.
 * `delimiter` defaults to the header's most frequent separator.
 */
export function parseTable(text: string, path: string, delimiter: string = detectDelimiter(text)): Table {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, delimiter, info: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new LabError('DATA_INVALID', `${path}${line ? `:${line}` : ''}: malformed CSV (${csvProblem(error)}); every row needs the header's number of columns and closed quotes`);
    }
    throw error;
  }
  const header = rows[0];
  if (!header) throw new LabError('DATA_INVALID', `${path}: the file is empty; it needs a header row and data rows`);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const before = seen.get(name);
    if (before !== undefined) {
      throw new LabError('DATA_INVALID', `${path}:1: columns ${before + 1} and ${i + 1} are both named ${quoteValue(name)}; rename one (which to read would be a guess)`);
    }
    seen.set(name, i);
  });
  return { path, header, rows: rows.slice(1), lines: recordLines(text).slice(1) };
}

/** Index of a named column, or a one-line error naming the spec field and listing the columns. */
export function columnIndex(table: Table, name: string, field: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new LabError('DATA_INVALID', `${table.path}:1: no column named ${quoteValue(name)} (columns: ${listValues(table.header)}); fix ${field} in the spec`);
  return i;
}

// Plain decimal numbers only (csv-series' DECIMAL): Number() would read "0x1A" as 26; "1,000" is refused too.

/** A cell as a finite decimal number, or a one-line error with file:line:column and what to do. */
export function numberAt(table: Table, row: number, column: number): number {
  const cell = table.rows[row]![column] ?? '';
  if (DECIMAL.test(cell)) {
    const value = Number(cell);
    if (Number.isFinite(value)) return value;
  }
  const where = `${table.path}:${table.lines[row] ?? row + 2}:${column + 1}`;
  const name = quoteValue(table.header[column] ?? '');
  const what =
    cell === ''
      ? 'empty cell'
      : /^[+-]?0[xX][0-9a-fA-F]+$/.test(cell)
        ? `${quoteValue(cell)} is hexadecimal`
        : /^[+-]?\d{1,3}([,.' ]\d{3})+([.,]\d+)?$/.test(cell)
          ? `${quoteValue(cell)} has thousands separators`
          : `${quoteValue(cell)} is not a number`;
  throw new LabError('DATA_INVALID', `${where}: column ${name}: ${what}; every value must be a plain decimal number (fix the file)`);
}
