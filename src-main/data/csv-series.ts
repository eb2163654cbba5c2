import { parse, CsvError } from 'csv-parse/sync';
import { LabError, listValues, quoteValue } from '../contract/errors.js';
import { suggest } from '../contract/suggest.js';
import { readDataFile } from './read-file.js';

/** A univariate series read from a file: values in file order, optional labels, and where it came from. */
export interface Series {
  readonly values: Float64Array;
  readonly labels: readonly string[];
  readonly source: string;
}

/** Options of {@link readCsvSeries}. */
export interface CsvSeriesOptions {
  /** Header name of the value column. */
  readonly column: string;
  /** Header name of the label column (e.g. the month); defaults to the first column. */
  readonly timeColumn?: string | undefined;
}

/**
 * Reads one numeric column of a CSV file with a header row.
 * Throws LabError naming the file, line and column for: a missing file, malformed CSV, a missing column,
 * an empty or non-numeric cell, and a file with no data rows.
 */
export function readCsvSeries(path: string, options: CsvSeriesOptions): Series {
  const text = readDataFile(path, 'data.path', 'CSV').toString('utf8');
  const delimiter = detectDelimiter(text);
  const early = headerLacking(text, options.column, delimiter);
  if (early) throw noColumn(path, options.column, early, 'data.column');
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false, delimiter }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new LabError(
        'DATA_INVALID',
        `${path}${line ? `:${line}` : ''}: malformed CSV (${csvProblem(error)}); every row needs the header's number of columns and closed quotes`,
      );
    }
    throw error;
  }
  const header = rows[0];
  if (!header) throw new LabError('DATA_INVALID', `${path}: the file is empty; it needs a header row and data rows`);
  const valueIndex = header.indexOf(options.column);
  if (valueIndex < 0) throw noColumn(path, options.column, header, 'data.column');
  const labelIndex = options.timeColumn === undefined ? (valueIndex === 0 ? -1 : 0) : header.indexOf(options.timeColumn);
  if (options.timeColumn !== undefined && labelIndex < 0) throw noColumn(path, options.timeColumn, header, 'data.timeColumn');
  const body = rows.slice(1);
  if (body.length === 0) throw new LabError('DATA_INVALID', `${path}: no data rows after the header; add the series' values, one row per time step`);
  const values = new Float64Array(body.length);
  const labels: string[] = [];
  // Line numbers: csv-parse skips empty lines, so recover each record's line from the raw text.
  const lineOf = recordLines(text);
  body.forEach((row, i) => {
    const cell = row[valueIndex] ?? '';
    // Decimal numbers only: Number() would also take "0x1A", "0b11" and "" (as 0), which a data file never means.
    const value = DECIMAL.test(cell) ? Number(cell) : NaN;
    if (!Number.isFinite(value)) {
      const line = lineOf[i + 1] ?? i + 2;
      const what = cell === '' ? 'empty cell' : `${quoteValue(cell)} is not a number`;
      const fix = /^[+-]?\d+,\d+$/.test(cell) ? `write decimals with a point (${cell.replace(',', '.')})` : 'every value must be a finite decimal number';
      throw new LabError('DATA_INVALID', `${path}:${line}: column "${options.column}" (column ${valueIndex + 1}): ${what}; ${fix}`);
    }
    values[i] = value;
    labels.push(labelIndex >= 0 ? (row[labelIndex] ?? '') : String(i + 1));
  });
  return { values, labels, source: path };
}

/** A decimal number as spreadsheets write it: 266, -3.5, .5, 1e3 (no hex, no thousands separators, no NaN). */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** ` (did you mean "sales"?)` when a header name is close to the one asked for (only for a real header, not junk). */
const didYouMean = (name: string, header: readonly string[]): string => {
  const hint = header.length > 1 && header.length <= 1000 ? suggest(name, header) : undefined;
  return hint ? ` (did you mean ${quoteValue(hint)}?)` : '';
};

/** 1-based line number of each non-empty record (approximate for quoted multi-line cells, which a series never has). */
export function recordLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') out.push(i + 1);
  });
  return out;
}

/** The refusal of a header without the named column; `field` is the spec field that names it. */
const noColumn = (path: string, column: string, header: readonly string[], field: string): LabError =>
  new LabError('DATA_INVALID', `${path}:1: no column named "${column}" (${columnsOf(header)}); fix ${field} in the spec${didYouMean(column, header)}`);

/** Longest header line parsed as CSV for a message; a longer one (junk, a binary or foreign file) is split plainly. */
const MAX_HEADER_PARSE = 1024 * 1024;

/**
 * The header's fields when its line plainly lacks `column` (a foreign file, a log, junk), so such a file is refused
 * before all of it is parsed (csv-parse takes seconds per 10 MB); undefined when the full parse must decide: the
 * name occurs in the line, the line's quotes are unbalanced (a quoted line break), or it is not valid CSV.
 */
function headerLacking(text: string, column: string, delimiter: string): string[] | undefined {
  const start = text.search(/[^\s\uFEFF]/);
  if (start < 0) return undefined;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
  if (line.includes(column) || line.split('"').length % 2 === 0) return undefined;
  if (line.length > MAX_HEADER_PARSE) return line.split(delimiter).map((f) => f.trim());
  try {
    return (parse(line, { trim: true, delimiter }) as string[][])[0];
  } catch {
    return undefined; // not valid CSV: the full parse names the problem and its line
  }
}

/** csv-parse's problem in words, without the record's contents (its messages quote the file: never echo it). */
export function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote opened and never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text after a closing quote';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of a cell';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const m = /expect (\d+), got (\d+)/.exec(error.message);
      return m ? `${m[2]} columns where the header has ${m[1]}` : 'a row with another number of columns than the header';
    }
    default:
      return error.message.replace(/"[^"]*"/g, '…').replace(/,?\s*(value|record) is .*$/s, '').slice(0, 160);
  }
}

/**
 * The header's columns for a message. A one-column "header" is usually not a CSV header at all (a text or a
 * foreign file), so its contents are not echoed.
 */
const columnsOf = (header: readonly string[]): string =>
  header.length > 1 ? `columns: ${listValues(header)}` : 'the file has a single column: is it a CSV file with a header row?';

/**
 * The field separator of a delimited text, from its header line: the most frequent of `,` `;` tab `|`
 * (European spreadsheets write `;`), `,` when none occurs.
 */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = header.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}
