import type { ExperimentSpecInput } from '../contract/spec.js';
import type { InspectedColumn } from '../contract/api.js';
import { DECIMAL } from './csv-series.js';
import { parseTable, type Table } from './delimited.js';
import { readDataFile } from './read-file.js';

/** What one column of a table holds (the API's InspectedColumn: one type for both). */
export type ColumnReport = InspectedColumn;

/** A table file looked at before a spec is written for it: its columns, rows and a spec to start from. */
export interface InspectReport {
  readonly path: string;
  readonly rows: number;
  readonly columns: readonly ColumnReport[];
  /** The header and the first rows, as text. */
  readonly preview: readonly (readonly string[])[];
  /** How the file could be read, and a spec draft for it (edit the model and training to taste). */
  readonly suggestion: { readonly reading: string; readonly spec: ExperimentSpecInput } | null;
  /** How the file reads when no spec fits it (sentence pairs, before a task takes them). */
  readonly note?: string;
}


function column(table: Table, c: number): ColumnReport {
  const cells = table.rows.map((r) => r[c] ?? '');
  const present = cells.filter((v) => v !== '');
  const numeric = present.length > 0 && present.every((v) => DECIMAL.test(v));
  const values = numeric ? present.map(Number) : [];
  return {
    name: table.header[c]!,
    type: numeric ? 'number' : 'text',
    missing: cells.length - present.length,
    distinct: new Set(present).size,
    ...(numeric ? { min: Math.min(...values), max: Math.max(...values) } : {}),
  };
}

const PAIR_LINES_LOOKED_AT = 1000;
const HAS_LETTER = /\p{L}/u;

/**
 * A Tatoeba/Anki pair file (`English<TAB>Target[<TAB>attribution]`), told from a table: each of its first
 * non-blank lines holds 2 or 3 tab-separated columns, every one a text (letters, not a number). Its report: the two
 * texts as columns, the first rows, and a note on how to read it (data.kind "pairs"). Null for any other file.
 */
function pairsReport(text: string, path: string): InspectReport | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  const looked = lines.slice(0, PAIR_LINES_LOOKED_AT).map((l) => l.split('\t'));
  // Every column a text (letters, not a number such as 1e5): a tab-separated table with a numeric column is a table.
  const isText = (v: string) => HAS_LETTER.test(v) && !DECIMAL.test(v.trim());
  if (looked.length === 0 || !looked.every((c) => (c.length === 2 || c.length === 3) && c.every(isText))) return null;
  const rows = lines.map((l) => l.split('\t'));
  const texts = (c: number): ColumnReport => ({ name: c === 0 ? 'English' : 'Target', type: 'text', missing: 0, distinct: new Set(rows.map((r) => r[c] ?? '')).size });
  return {
    path,
    rows: rows.length,
    columns: [texts(0), texts(1)],
    preview: [['English', 'Target'], ...rows.slice(0, 8).map((r) => [r[0]!, r[1] ?? ''])],
    suggestion: null,
    note: `sentence pairs (English<TAB>Target[<TAB>attribution], as Tatoeba/Anki files): ${rows.length} lines; read them with "data": { "kind": "pairs", "path": ${JSON.stringify(path)} } and translate them with "evaluation": { "protocol": "translation" } and a "model": { "seq2seq": … } (see experiments/translate-en-pt.json)`,
  };
}

/**
 * Reads a CSV (any of `,` `;` tab `|`) and reports each column's type, missing cells and distinct values, with a
 * suggested spec: a forecast of the last numeric column for a series (one row per time step) — a "csv" column
 * when it is the only numeric one, else a "table" whose numeric columns are all features — or labeled sequences
 * (csv-long) when a column repeats ids and a text column looks like labels. A sentence-pair file is reported as
 * such (no spec: see `note`).
 */
export function inspectTable(path: string): InspectReport {
  const text = readDataFile(path, 'the file', 'CSV').toString('utf8');
  // Before the CSV parser: a sentence with a quote in it is not malformed CSV, it is a pair.
  const pairs = pairsReport(text, path);
  if (pairs) return pairs;
  const table = parseTable(text, path);
  const columns = table.header.map((_, c) => column(table, c));
  const numbers = columns.filter((c) => c.type === 'number');
  const texts = columns.filter((c) => c.type === 'text');
  const rows = table.rows.length;
  let suggestion: InspectReport['suggestion'] = null;
  const idColumn = columns.find((c) => c.distinct > 1 && c.distinct <= rows / 2 && c.missing === 0 && /id|seq|series|subject|session/i.test(c.name));
  const labelColumn = texts.find((c) => c !== idColumn && c.distinct >= 2 && c.distinct <= Math.max(2, rows / 5));
  if (idColumn && labelColumn && numbers.length > 0) {
    const features = numbers.filter((c) => c !== idColumn && !/^(t|step|time|index)$/i.test(c.name)).map((c) => c.name);
    const step = numbers.find((c) => /^(t|step|time|index)$/i.test(c.name));
    suggestion = {
      reading: `labeled sequences: one row per step of sequence "${idColumn.name}", classes in "${labelColumn.name}" (${labelColumn.distinct})`,
      spec: {
        name: 'my-sequences',
        data: { kind: 'sequences', path, format: 'csv-long', id: idColumn.name, ...(step ? { step: step.name } : {}), features, label: labelColumn.name },
        model: { layers: [{ lstm: { units: 16 } }, { dense: { units: labelColumn.distinct, activation: 'softmax' } }] },
        training: { epochs: 50, batchSize: 16, loss: 'sparseCategoricalCrossentropy' },
        evaluation: { protocol: 'holdout-classification', testFraction: 0.2 },
        repeats: 10,
      },
    };
  } else if (numbers.length > 0 && rows >= 8) {
    const target = numbers[numbers.length - 1]!;
    const time = columns.find((c) => c !== target && /month|date|time|year|day|week|period/i.test(c.name)) ?? (columns[0] !== target ? columns[0] : undefined);
    const testSize = Math.max(1, Math.round(rows / 3));
    const features = numbers.filter((c) => c !== time);
    if (features.length >= 2) {
      // Several numeric columns: a table whose every numeric column feeds the model, forecasting the last one.
      const lag = Math.max(1, Math.min(8, Math.floor((rows - testSize) / 4)));
      const gaps = features.some((c) => c.missing > 0);
      suggestion = {
        reading: `series in a table: ${features.length} numeric columns over ${rows} rows forecasting "${target.name}"${time ? `, time in "${time.name}"` : ''}; windows of ${lag} step${lag === 1 ? '' : 's'}, the last ${testSize} held out${gaps ? '; rows with missing cells dropped' : ''}`,
        spec: {
          name: 'my-forecast',
          data: { kind: 'table', path, ...(time ? { time: time.name } : {}), features: features.map((c) => c.name), targets: [target.name], delimiter: 'auto', missing: gaps ? 'drop' : 'error' },
          preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag, horizon: 1 } }, { standardize: {} }],
          model: { layers: [{ lstm: { units: 16 } }, { dense: { units: 1 } }] },
          training: { epochs: 50, batchSize: 8, shuffle: true, resetStates: 'never', loss: 'mse' },
          evaluation: { protocol: 'walk-forward', testSize, metrics: ['rmse', 'mae'] },
          repeats: 30,
        },
      };
    } else {
      suggestion = {
        reading: `a series: "${target.name}" over ${rows} rows${time ? `, time in "${time.name}"` : ''}; the last ${testSize} held out`,
        spec: {
          name: 'my-forecast',
          data: { kind: 'csv', path, column: target.name, ...(time ? { timeColumn: time.name } : {}) },
          preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag: 1 } }, { minmax: { min: -1, max: 1 } }],
          model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
          training: { epochs: 1000, batchSize: 1, loss: 'mse' },
          evaluation: { protocol: 'walk-forward', testSize },
          repeats: 30,
        },
      };
    }
  }
  return { path, rows, columns, preview: [table.header, ...table.rows.slice(0, 8)], suggestion };
}
