import { LabError, quoteValue } from '../contract/errors.js';
import type { TableSource } from '../contract/spec.js';
import { columnIndex, numberAt, parseTable, type Table } from './delimited.js';
import { readDataFile } from './read-file.js';

/** Several numeric series read from the columns of one table, row-aligned, with the roles the spec gives them. */
export interface TableSeries {
  /** Each used column once: the features in spec order, then the targets that are not features. */
  readonly names: readonly string[];
  /** One array per name, a value per kept row (in file order). */
  readonly columns: readonly Float64Array[];
  /** Indices into `names` of the model's input features, in spec order. */
  readonly features: readonly number[];
  /** Indices into `names` of the forecast targets, in spec order (the first is the headline target). */
  readonly targets: readonly number[];
  /** A label per kept row: the `time` column, or the 1-based row number. */
  readonly labels: readonly string[];
  /** Rows dropped (`missing: "drop"`) and cells filled (`ffill`, `interpolate`), for the record. */
  readonly dropped: number;
  readonly filled: number;
}

/** Cells that mean "no value" (spreadsheets, R, pandas and Weka write these); anything else must be a number. */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'NULL', 'null', '?']);

/**
 * Reads the `features` and `targets` columns of a table file (`data.kind` "table") as aligned series.
 * Missing cells follow `spec.missing`: `error` refuses the first one (file:line:column and the option that would
 * handle it); `drop` drops every row with a missing cell in a used column; `ffill` carries the column's previous
 * value forward; `interpolate` fills linearly between the previous and next values in row order (a trailing gap
 * takes the last value, as pandas' `interpolate()` does). A gap at the start of a column has nothing to fill it
 * under `ffill` or `interpolate` and is refused naming `drop`. Other bad cells (text, hexadecimal, thousands
 * separators) and missing or duplicate columns are refused with one line each.
 */
export function readTableSeries(spec: TableSource): TableSeries {
  const text = readDataFile(spec.path, 'data.path', 'CSV').toString('utf8');
  const table = parseTable(text, spec.path, spec.delimiter === 'auto' ? undefined : spec.delimiter);
  if (spec.delimiter !== 'auto' && table.header.length === 1 && /[,;\t|]/.test(table.header[0]!)) {
    throw new LabError('DATA_INVALID', `${spec.path}:1: the header is one column ${quoteValue(table.header[0]!)} when split at data.delimiter ${quoteValue(spec.delimiter)}; set "delimiter" to the file's separator, or "auto"`);
  }
  if (table.rows.length === 0) throw new LabError('DATA_INVALID', `${spec.path}: no data rows after the header; add the series' values, one row per time step`);
  // Targets are looked up first, so a missing one is named as a target even when the features default to them.
  spec.targets.forEach((t, i) => columnIndex(table, t, `data.targets[${i}]`));
  const features = spec.features ?? spec.targets;
  const names = [...features, ...spec.targets.filter((t) => !features.includes(t))];
  const index = names.map((name) => columnIndex(table, name, `data.features[${features.indexOf(name)}]`));
  const time = spec.time !== undefined ? columnIndex(table, spec.time, 'data.time') : -1;
  // Cells as numbers, NaN for a missing one (refused at once under "error").
  const raw = index.map((c) =>
    Float64Array.from(table.rows, (row, r) => {
      if (MISSING.has((row[c] ?? '').trim())) {
        if (spec.missing === 'error') throw missingCell(table, r, c);
        return NaN;
      }
      return numberAt(table, r, c);
    }),
  );
  const labels = table.rows.map((row, r) => (time >= 0 ? (row[time] ?? '') : String(r + 1)));
  let kept = Array.from(table.rows, (_, r) => r);
  let filled = 0;
  if (spec.missing === 'drop') {
    kept = kept.filter((r) => raw.every((col) => !Number.isNaN(col[r]!)));
    if (kept.length === 0) throw new LabError('DATA_INVALID', `${spec.path}: every row has a missing cell in ${quoteValue(names[0]!)}…; "drop" leaves no rows (fix the file)`);
  } else if (spec.missing !== 'error') {
    raw.forEach((col, j) => {
      filled += fillGaps(col, spec.missing as 'ffill' | 'interpolate', (r) => missingAtStart(table, r, index[j]!, spec.missing));
    });
  }
  return {
    names,
    columns: raw.map((col) => Float64Array.from(kept, (r) => col[r]!)),
    features: features.map((f) => names.indexOf(f)),
    targets: spec.targets.map((t) => names.indexOf(t)),
    labels: kept.map((r) => labels[r]!),
    dropped: table.rows.length - kept.length,
    filled,
  };
}

/** Fills the NaN gaps of `col` in place (forward fill or linear interpolation); returns how many cells it filled. */
function fillGaps(col: Float64Array, how: 'ffill' | 'interpolate', leading: (row: number) => LabError): number {
  let filled = 0;
  let last = -1; // index of the last present value
  for (let r = 0; r < col.length; r++) {
    if (!Number.isNaN(col[r]!)) {
      if (how === 'interpolate' && last >= 0 && r - last > 1) {
        for (let k = last + 1; k < r; k++) col[k] = col[last]! + ((col[r]! - col[last]!) * (k - last)) / (r - last);
      }
      last = r;
      continue;
    }
    if (last < 0) throw leading(r);
    filled++;
    if (how === 'ffill') {
      col[r] = col[last]!;
      last = r;
    }
  }
  // A trailing gap under "interpolate" has no right end: it takes the last value (pandas' default direction).
  if (how === 'interpolate') for (let r = last + 1; r < col.length; r++) col[r] = col[last]!;
  return filled;
}

const cellAt = (table: Table, row: number, column: number): string => `${table.path}:${table.lines[row] ?? row + 2}:${column + 1}: column ${quoteValue(table.header[column] ?? '')}`;

const missingCell = (table: Table, row: number, column: number): LabError => {
  const cell = (table.rows[row]![column] ?? '').trim();
  return new LabError(
    'DATA_INVALID',
    `${cellAt(table, row, column)}: ${cell === '' ? 'empty cell' : `missing value ${quoteValue(cell)}`}; set data.missing to "drop", "ffill" or "interpolate" to handle missing values, or fill it in the file`,
  );
};

const missingAtStart = (table: Table, row: number, column: number, how: string): LabError =>
  new LabError('DATA_INVALID', `${cellAt(table, row, column)}: missing value before the column's first value, which "${how}" has nothing to fill from; use data.missing "drop" or fill it in the file`);
