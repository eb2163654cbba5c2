import { builtin, SHAMPOO_CSV, shampooOn, write, type Spec } from './fixtures.js';
import type { SpecCase } from './spec-cases.js';

// Bad (and a few sound) series tables (`data.kind` "table"): each case writes its file into its own folder.

/** 30 rows `t,a,b`: week labels, a target `a` and a second feature `b` (plain decimals). */
const ROWS = Array.from({ length: 30 }, (_, i) => [`w${i + 1}`, ((i * i) % 17) + 0.5, (i * 7) % 11]);
const A = ROWS.map((r) => r[1] as number);
/** `t,a,b` text, with row `i`'s cells rewritten by `cell(i, column, text)` and the separator `sep`. */
const table = (cell: (row: number, column: number, text: string) => string = (_r, _c, t) => t, sep = ',', header = ['t', 'a', 'b']) =>
  `${header.join(sep)}\n${ROWS.map((r, i) => r.map((v, c) => cell(i, c, String(v))).join(sep)).join('\n')}\n`;
/** Persistence RMSE of `a` over the last 5 rows, from the raw values by hand (the forecast of row t is row t − 1). */
const PERSISTENCE = Math.sqrt(A.slice(-5).reduce((s, v, i) => s + (v - A[A.length - 6 + i]!) ** 2, 0) / 5);
const BASELINE = new RegExp(`^${PERSISTENCE.toFixed(3).replace('.', '\\.')}$`);

/** The built-in table spec on a file written into `dir`, shrunk to 2 features, lag 3, testSize 5. */
export const tableOn = (path: string, edit: (s: Spec) => void = () => {}): Spec =>
  builtin('seattle-weather-lstm', (s) => {
    s.data = { kind: 'table', path, time: 't', features: ['a', 'b'], targets: ['a'], delimiter: 'auto', missing: 'error' };
    s.preprocessing = [{ supervised: { lag: 3, horizon: 1 } }, { standardize: {} }];
    s.model.layers = [{ lstm: { units: 4 } }, { dense: { units: 1 } }];
    s.evaluation.testSize = 5;
    edit(s);
  });

const tab = (name: string, content: string, message: RegExp, edit: (s: Spec) => void = () => {}, extra: Partial<SpecCase> = {}): SpecCase => ({
  category: 'table',
  name,
  spec: (dir) => tableOn(write(dir, 'table.csv', content), edit),
  message,
  ...extra,
});
const blank = (row: number, column: number, value = '') => (r: number, c: number, t: string) => (r === row && c === column ? value : t);

export const TABLE_CASES: SpecCase[] = [
  tab('a missing feature column lists the columns', table(), /table\.csv:1: no column named "c" \(columns: "t", "a", "b"\); fix data\.features\[1\] in the spec$/, (s) => (s.data.features = ['a', 'c'])),
  tab('a missing target column', table(), /table\.csv:1: no column named "sales" \(columns: "t", "a", "b"\); fix data\.targets\[0\] in the spec$/, (s) => ((s.data.targets = ['sales']), (s.data.features = ['a']))),
  tab('a missing time column', table(), /table\.csv:1: no column named "month" .*; fix data\.time in the spec$/, (s) => (s.data.time = 'month')),
  tab('duplicate headers', table(undefined, ',', ['t', 'a', 'a']), /table\.csv:1: columns 2 and 3 are both named "a"; rename one/),
  tab('an empty cell under missing "error"', table(blank(3, 2)), /table\.csv:5:3: column "b": empty cell; set data\.missing to "drop", "ffill" or "interpolate" to handle missing values, or fill it in the file$/),
  tab('an NA cell under missing "error"', table(blank(6, 1, 'NA')), /table\.csv:8:2: column "a": missing value "NA"; set data\.missing to "drop", "ffill" or "interpolate"/),
  tab('a hexadecimal cell', table(blank(2, 2, '0x1A')), /table\.csv:4:3: column "b": "0x1A" is hexadecimal; every value must be a plain decimal number/),
  tab('a thousands separator', table(blank(2, 1, '"1,000"')), /table\.csv:4:2: column "a": "1,000" has thousands separators; every value must be a plain decimal number/),
  tab('text in a cell', table(blank(9, 1, 'oops')), /table\.csv:11:2: column "a": "oops" is not a number/),
  tab('ffill with a gap in the first row', table(blank(0, 2)), /table\.csv:2:3: column "b": missing value before the column's first value, which "ffill" has nothing to fill from; use data\.missing "drop"/, (s) => (s.data.missing = 'ffill')),
  tab('an explicit delimiter that is not the file\'s', table(undefined, ';'), /table\.csv:1: the header is one column "t;a;b" when split at data\.delimiter ","; set "delimiter" to the file's separator, or "auto"$/, (s) => (s.data.delimiter = ',')),
  tab('a table too short for lag and testSize', table(), /table\.csv: 30 rows give 27 windows of 3 steps \(horizon 1\), fewer than evaluation\.testSize 27 \+ 1 training window; lower testSize or preprocessing\[0\]\.supervised\.lag/, (s) => (s.evaluation.testSize = 27)),
  tab('a difference interval shorter than the horizon', table(), /^preprocessing\[0\]\.difference\.interval: 1 is shorter than the horizon 2, so undoing the difference would need a value not yet observed/, (s) => (s.preprocessing = [{ difference: { interval: 1 } }, { supervised: { lag: 3, horizon: 2 } }, { standardize: {} }]), { path: 'preprocessing[0].difference.interval' }),
  tab('the time column also a target', table(), /^data\.time: "a" is the time label column and cannot also be a feature or target$/, (s) => (s.data.time = 'a'), { path: 'data.time' }),
  tab('a column listed twice', table(), /^data\.features: "b" is listed twice; name each column once$/, (s) => (s.data.features = ['a', 'b', 'b']), { path: 'data.features' }),
  tab('a model with the wrong number of outputs for two targets', table(), /^model\.layers\[1\]\.dense\.units: the model outputs 1 values per row but a forecast here needs 2 outputs; set "units": 2$/, (s) => (s.data.targets = ['a', 'b']), { path: 'model.layers[1].dense.units' }),
  tab('a model returning sequences over the window', table(), /^model\.layers\[1\]\.dense: a forecast is one value per target after each window of 3 steps, but the model outputs one row per step; set "returnSequences": false/, (s) => (s.model.layers[0].lstm.returnSequences = true), { path: 'model.layers[1].dense' }),
  // Sound tables: the persistence baseline of `a` over the last 5 rows (computed above by hand) proves the right rows were read.
  tab('semicolons, delimiter "auto"', table(undefined, ';'), BASELINE, undefined, { accepted: true }),
  tab('semicolons, delimiter ";"', table(undefined, ';'), BASELINE, (s) => (s.data.delimiter = ';'), { accepted: true }),
  tab('an empty feature cell under ffill', table(blank(12, 2)), BASELINE, (s) => (s.data.missing = 'ffill'), { accepted: true }),
  tab('an NA target cell in the training rows under interpolate', table(blank(10, 1, 'NA')), BASELINE, (s) => (s.data.missing = 'interpolate'), { accepted: true }),
  tab('a row with a gap dropped under drop', table(blank(4, 2, 'nan')), BASELINE, (s) => (s.data.missing = 'drop'), { accepted: true }),
  // A "csv" column keeps the seed's framing: a horizon is the table's; standardize works on either.
  {
    category: 'csv',
    name: 'a horizon on a csv column',
    spec: () => shampooOn(SHAMPOO_CSV, (s) => (s.preprocessing[1] = { supervised: { lag: 1, horizon: 3 } })),
    message: /^preprocessing\[1\]\.supervised\.horizon: a "csv" column is framed the seed's way, one step ahead; use data\.kind "table" to forecast 3 steps ahead$/,
    path: 'preprocessing[1].supervised.horizon',
  },
  { category: 'csv', name: 'standardize on a csv column', spec: () => shampooOn(SHAMPOO_CSV, (s) => (s.preprocessing[2] = { standardize: {} })), message: /^136\.761$/, accepted: true },
];
