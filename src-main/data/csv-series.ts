import { parse, CsvError } from 'csv-parse/sync';
import { LabError, listValues, quoteValue } from '../contract/errors.js';
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
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false, delimiter: detectDelimiter(text) }) as string[][];
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
  if (valueIndex < 0) {
    throw new LabError('DATA_INVALID', `${path}:1: no column named "${options.column}" (${columnsOf(header)}); fix data.column in the spec`);
  }
  const labelIndex = options.timeColumn === undefined ? (valueIndex === 0 ? -1 : 0) : header.indexOf(options.timeColumn);
  if (options.timeColumn !== undefined && labelIndex < 0) {
    throw new LabError('DATA_INVALID', `${path}:1: no column named "${options.timeColumn}" (${columnsOf(header)}); fix data.timeColumn in the spec`);
  }
  const body = rows.slice(1);
  if (body.length === 0) throw new LabError('DATA_INVALID', `${path}: no data rows after the header`);
  const values = new Float64Array(body.length);
  const labels: string[] = [];
  // Line numbers: csv-parse skips empty lines, so recover each record's line from the raw text.
  const lineOf = recordLines(text);
  body.forEach((row, i) => {
    const cell = row[valueIndex] ?? '';
    const value = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(value)) {
      const line = lineOf[i + 1] ?? i + 2;
      const what = cell === '' ? 'empty cell' : `${quoteValue(cell)} is not a number`;
      throw new LabError('DATA_INVALID', `${path}:${line}: column "${options.column}" (column ${valueIndex + 1}): ${what}; every value must be a finite number`);
    }
    values[i] = value;
    labels.push(labelIndex >= 0 ? (row[labelIndex] ?? '') : String(i + 1));
  });
  return { values, labels, source: path };
}

/** 1-based line number of each non-empty record (approximate for quoted multi-line cells, which a series never has). */
function recordLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') out.push(i + 1);
  });
  return out;
}

/** csv-parse's message without the record's contents (it quotes the offending value: never echo a file). */
const csvProblem = (error: CsvError): string =>
  error.message.replace(/^Invalid Record Length: /, '').replace(/,?\s*(value|record) is .*$/s, '').slice(0, 160);

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
