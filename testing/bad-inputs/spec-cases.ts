import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SHAMPOO_ROWS, builtin, junkBytes, shampooOn, write, type Spec } from './fixtures.js';

/**
 * A spec the bad-input suite gives both to `rnnlab run` and to the web API's validateSpec and startExperiment.
 * Refused cases must get the same one line from both and store nothing; accepted ones (delimiters, BOM, CRLF)
 * must read the same series as the comma-separated original.
 */
export interface SpecCase {
  readonly category: 'csv' | 'table' | 'spec' | 'mnist' | 'text' | 'cv' | 'pairs';
  readonly name: string;
  /** The spec, after writing any file it needs into the case's folder `dir`. */
  readonly spec: (dir: string) => unknown;
  /** The one-line message (CLI: after `rnnlab: `), or the success check's baseline for accepted cases. */
  readonly message: RegExp;
  /** The path validateSpec's first issue names, when the message starts with a spec path. */
  readonly path?: string;
  /** The spec is sound: the CLI runs it (exit 0, one experiment stored) and validateSpec accepts it. */
  readonly accepted?: boolean;
  /** Text of the user's file that must never appear in any output. */
  readonly secret?: string;
  /**
   * Where the app answers otherwise than the CLI, for a reason: files outside the folders the app reads are
   * refused as such (the CLI reads them and says what is wrong with them). The path and message it gives.
   */
  readonly api?: { readonly path: string; readonly message: RegExp };
}

const csv = (name: string, content: string | Buffer, message: RegExp, extra: Partial<SpecCase> = {}): SpecCase => ({
  category: 'csv',
  name,
  spec: (dir) => shampooOn(write(dir, 'data.csv', content)),
  message,
  ...extra,
});
/** The shampoo file with its rows rewritten (delimiter, line ends, …); the series itself unchanged. */
const shampooAs = (rows: (r: string) => string, eol = '\n', prefix = '') => prefix + SHAMPOO_ROWS.map(rows).join(eol) + eol;
const firstRows = (n: number) => `${SHAMPOO_ROWS.slice(0, n + 1).join('\n')}\n`;
/** The persistence baseline's RMSE on the shampoo series (REFERENCE.md): the same values were read. */
const SHAMPOO_BASELINE = /^136\.761/;

const OS_RELEASE = existsSync('/etc/os-release')
  ? readFileSync('/etc/os-release', 'utf8')
  : 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

export const CSV_CASES: SpecCase[] = [
  { category: 'csv', name: 'missing file', spec: (dir) => shampooOn(join(dir, 'no-such.csv')), message: /no-such\.csv: CSV file not found; check data\.path in the spec/ },
  {
    category: 'csv',
    name: 'a folder',
    spec: (dir) => {
      mkdirSync(join(dir, 'series.csv'));
      return shampooOn(join(dir, 'series.csv'));
    },
    message: /series\.csv: is a folder, not a file; point data\.path at the CSV file inside it$/,
  },
  ...(existsSync('/dev/zero')
    ? [{ category: 'csv', name: 'a device (/dev/zero, read for ever)', spec: () => shampooOn('/dev/zero'), message: /^\/dev\/zero: is a device, pipe or socket, not a file; point data\.path at the CSV file$/, api: { path: 'data.path', message: /^data\.path: \/dev\/zero is outside the folders the app reads/ } } satisfies SpecCase]
    : []),
  csv('empty file', '', /data\.csv: the file is empty; it needs a header row and data rows$/),
  csv('only blank lines', '\n\n  \n', /data\.csv: the file is empty; it needs a header row and data rows$/),
  csv('header only', '"Month","Sales"\n', /data\.csv: no data rows after the header; add the series' values/),
  csv('missing column', 'Month,Revenue\n1-01,266\n', /data\.csv:1: no column named "Sales" \(columns: "Month", "Revenue"\); fix data\.column in the spec$/),
  csv('column name in another case', 'Month,sales\n1-01,266\n', /:1: no column named "Sales" .*; fix data\.column in the spec \(did you mean "sales"\?\)$/),
  csv('missing timeColumn', 'Mnth,Sales\n1-01,266\n', /:1: no column named "Month" \(columns: "Mnth", "Sales"\); fix data\.timeColumn in the spec \(did you mean "Mnth"\?\)$/),
  csv('non-numeric cell', `${firstRows(2)}"1-03",oops\n`, /data\.csv:4: column "Sales" \(column 2\): "oops" is not a number; every value must be a finite decimal number$/),
  csv('empty cell', `${firstRows(2)}"1-03",\n`, /data\.csv:4: column "Sales" \(column 2\): empty cell; every value must be/),
  csv('empty quoted cell', `${firstRows(2)}"1-03",""\n`, /data\.csv:4: column "Sales" \(column 2\): empty cell/),
  csv('NaN text', `${firstRows(3)}"1-04",NaN\n`, /data\.csv:5: column "Sales" \(column 2\): "NaN" is not a number/),
  csv('Infinity text', `${firstRows(3)}"1-04",Infinity\n`, /data\.csv:5: .*"Infinity" is not a number/),
  csv('-Infinity text', `${firstRows(1)}"1-02",-Infinity\n`, /data\.csv:3: .*"-Infinity" is not a number/),
  csv('a hexadecimal cell (Number() would read 0x1A as 26)', `${firstRows(1)}"1-02",0x1A\n`, /data\.csv:3: .*"0x1A" is not a number; every value must be a finite decimal number/),
  csv('a decimal comma', 'Month;Sales\n1-01;266,0\n', /data\.csv:2: column "Sales" \(column 2\): "266,0" is not a number; write decimals with a point \(266\.0\)$/),
  csv('a blank line before the bad cell still gives its real line', `${firstRows(1)}\n\n"1-02",abc\n`, /data\.csv:5: .*"abc" is not a number/),
  csv('unclosed quote', `${firstRows(2)}"1-03,183.1\n`, /data\.csv:4: malformed CSV \(a quote opened and never closed\); every row needs the header's number of columns and closed quotes$/),
  csv('text after a closing quote', `${firstRows(1)}"1-02"x,145.9\n`, /data\.csv:3: malformed CSV \(text after a closing quote\); every row needs/),
  csv('a quote in the middle of a cell', `${firstRows(1)}1-"02,145.9\n`, /data\.csv:3: malformed CSV \(a quote in the middle of a cell\); every row needs/),
  csv('a row with an extra column', `${firstRows(1)}"1-02",145.9,7\n`, /data\.csv:3: malformed CSV \(3 columns where the header has 2\); every row needs/),
  csv('a row with a missing column', `${firstRows(2)}"1-03"\n`, /data\.csv:4: malformed CSV \(1 columns where the header has 2\)/),
  csv('binary junk', junkBytes(3000), /data\.csv(:\d+)?: (malformed CSV|no column named "Sales" \(the file has a single column)/),
  csv('binary junk after a good header', Buffer.concat([Buffer.from('Month,Sales\n1-01,"'), junkBytes(3000, 11)]), /data\.csv:\d+: malformed CSV/),
  csv('a 10 MB one-line junk file', 'x'.repeat(10_000_000), /data\.csv:1: no column named "Sales" \(the file has a single column: is it a CSV file with a header row\?\)/, { secret: 'xxxxxxxxxxxx' }),
  csv('a 10 MB one-line CSV of junk columns', `${Array.from({ length: 1_000_000 }, (_, i) => `col${i}`).join(',')},\n`, /data\.csv:1: no column named "Sales" \(columns: "col0", .* and \d+ more\)/, { secret: 'col999' }),
  csv('a copy of /etc/os-release', OS_RELEASE, /data\.csv(:\d+)?: (malformed CSV|no column named "Sales" \(the file has a single column)/, { secret: OS_RELEASE.split('\n')[0]!.split('=')[1]!.replace(/"/g, '').slice(0, 12) }),
  csv('a one-column foreign file', 'alpha-secret\nbeta\ngamma\n', /data\.csv:1: no column named "Sales" \(the file has a single column: is it a CSV file with a header row\?\)/, { secret: 'alpha-secret' }),
  csv('semicolon-separated', shampooAs((r) => r.replace(',', ';')), SHAMPOO_BASELINE, { accepted: true }),
  csv('tab-separated', shampooAs((r) => r.replace(',', '\t')), SHAMPOO_BASELINE, { accepted: true }),
  csv('with a UTF-8 byte-order mark', shampooAs((r) => r, '\n', '\uFEFF'), SHAMPOO_BASELINE, { accepted: true }),
  csv('CRLF line ends', shampooAs((r) => r, '\r\n'), SHAMPOO_BASELINE, { accepted: true }),
  csv('BOM, semicolons and CRLF together', shampooAs((r) => r.replace(',', ';'), '\r\n', '\uFEFF'), SHAMPOO_BASELINE, { accepted: true }),
  csv('trailing blank lines and spaces', `${SHAMPOO_ROWS.map((r) => r.replace(',', ' , ')).join('\n')}\n\n\n`, SHAMPOO_BASELINE, { accepted: true }),
  csv('a series too short for testSize', firstRows(10), /data\.csv: 10 values give 9 rows after differencing and framing, fewer than evaluation\.testSize 12 \+ 1 training row; lower testSize or use a longer series$/),
  csv('a single data row', firstRows(1), /data\.csv: 1 value gives 0 rows after differencing and framing, fewer than evaluation\.testSize 12 \+ 1 training row; lower testSize or use a longer series$/),
  {
    category: 'csv',
    name: 'testSize as long as the series',
    spec: () => builtin('shampoo-lstm', (s) => (s.evaluation.testSize = 36)),
    message: /shampoo-sales\.csv: 36 values give 35 rows .* fewer than evaluation\.testSize 36 \+ 1 training row/,
  },
  {
    category: 'csv',
    name: 'a lag too long for the series',
    spec: (dir) => shampooOn(write(dir, 'data.csv', firstRows(10)), (s) => ((s.evaluation.testSize = 5), (s.preprocessing[1] = { supervised: { lag: 6 } }))),
    message: /^preprocessing\[1\]\.supervised\.lag: 6 is not smaller than the 4 training rows of .*data\.csv.*; use a lag below 4$/,
    path: 'preprocessing[1].supervised.lag',
  },
  {
    category: 'csv',
    name: 'a difference interval as long as the series',
    spec: (dir) => shampooOn(write(dir, 'data.csv', firstRows(10)), (s) => ((s.evaluation.testSize = 3), (s.preprocessing[0] = { difference: { interval: 10 } }))),
    message: /^preprocessing\[0\]\.difference\.interval: 10 is not shorter than the series \(10 values in .*\); use an interval below 10/,
    path: 'preprocessing[0].difference.interval',
  },
];

/** An IDX file of bytes (MNIST's format): big-endian header with `dims`, then the data. */
function idx(dims: number[], data: Uint8Array | number = 0, type = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(type, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  return Buffer.concat([header, typeof data === 'number' ? Buffer.alloc(size, data) : Buffer.from(data)]);
}
const N = 100;
const IMAGES = () => idx([N, 28, 28], junkBytes(N * 784));
const LABELS = () => idx([N], Uint8Array.from({ length: N }, (_, i) => i % 10));
/** The MNIST spec on IDX files written into `dir` (null leaves the field out). */
const mnistOn = (images: Buffer | string | null, labels: Buffer | string | null) => (dir: string) =>
  builtin('mnist-rnn', (s) => {
    const at = (name: string, f: Buffer | string) => (typeof f === 'string' ? (f.startsWith('/') ? f : join(dir, f)) : write(dir, name, f));
    s.data = { kind: 'mnist', source: 'idx', ...(images !== null ? { images: at('images-idx3-ubyte', images) } : {}), ...(labels !== null ? { labels: at('labels-idx1-ubyte', labels) } : {}) };
  });
/** The MNIST spec on a small sound IDX pair (100 digits) written into `dir`: classifier cases without loading 10,000. */
export const smallMnist = (dir: string, edit: (s: Spec) => void = () => {}): Spec => {
  const s = mnistOn(IMAGES(), LABELS())(dir);
  edit(s);
  return s;
};
const mnist = (name: string, spec: (dir: string) => Spec, message: RegExp, extra: Partial<SpecCase> = {}): SpecCase => ({ category: 'mnist', name, spec, message, ...extra });
const withFolder = (name: string, make: (dir: string) => Spec) => (dir: string) => (mkdirSync(join(dir, name)), make(dir));

export const MNIST_CASES: SpecCase[] = [
  mnist('no images field', mnistOn(null, LABELS()), /^data\.images: source "idx" reads two IDX files; give data\.images/, { path: 'data.images' }),
  mnist('no labels field', mnistOn(IMAGES(), null), /^data\.labels: source "idx" reads two IDX files; give data\.labels/, { path: 'data.labels' }),
  mnist('neither field', mnistOn(null, null), /^data\.images: source "idx" reads two IDX files; give data\.images.*\(and 1 more\)$/, { path: 'data.images' }),
  mnist('images file missing', mnistOn('no-images', LABELS()), /no-images: IDX file not found; check data\.images in the spec/),
  mnist('labels file missing', mnistOn(IMAGES(), 'no-labels'), /no-labels: IDX file not found; check data\.labels in the spec/),
  mnist('images a folder', withFolder('imgs', mnistOn('imgs', LABELS())), /imgs: is a folder, not a file; point data\.images at the IDX file inside it$/),
  mnist('labels a folder', withFolder('labs', mnistOn(IMAGES(), 'labs')), /labs: is a folder, not a file; point data\.labels at the IDX file inside it$/),
  ...(existsSync('/dev/zero') ? [mnist('images a device', mnistOn('/dev/zero', LABELS()), /^\/dev\/zero: is a device, pipe or socket, not a file; point data\.images at the IDX file$/, { api: { path: 'data.images', message: /^data\.images: \/dev\/zero is outside the folders the app reads/ } })] : []),
  mnist('wrong magic number (a zip file)', mnistOn(Buffer.concat([Buffer.from('PK\x03\x04'), junkBytes(500)]), LABELS()), /images-idx3-ubyte: not an IDX file \(wrong magic number\); point data\.images at an MNIST file/),
  mnist('wrong magic number in the labels', mnistOn(IMAGES(), Buffer.from('hello, labels')), /labels-idx1-ubyte: not an IDX file \(wrong magic number\); point data\.labels at/),
  mnist('an empty images file', mnistOn(Buffer.alloc(0), LABELS()), /images-idx3-ubyte: not an IDX file \(wrong magic number\)/),
  mnist('float elements instead of bytes', mnistOn(idx([N, 28, 28], 0, 0x0d), LABELS()), /images-idx3-ubyte: IDX element type 0xd is not unsigned bytes \(0x08\)/),
  mnist('truncated images', mnistOn(IMAGES().subarray(0, 16 + 784 * 50), LABELS()), /images-idx3-ubyte: truncated: the header promises 78400 bytes of data \(dims 100×28×28\), the file holds 39200; it is cut short: download it again$/),
  mnist('truncated header', mnistOn(idx([N, 28, 28]).subarray(0, 10), LABELS()), /images-idx3-ubyte: truncated IDX header \(10 bytes\); the file is cut short: download it again$/),
  mnist('count mismatch', mnistOn(IMAGES(), idx([50], 1)), /labels-idx1-ubyte: 50 labels for 100 images in .*images-idx3-ubyte; use the matching pair of files$/),
  mnist('images and labels swapped', mnistOn(LABELS(), IMAGES()), /images-idx3-ubyte: expected images of 28 × 28 \(dims n×28×28\), got 100; point data\.images at an images file/),
  mnist('images of 14 × 14', mnistOn(idx([N, 14, 14]), LABELS()), /expected images of 28 × 28 \(dims n×28×28\), got 100×14×14/),
  mnist('a label that is not a digit', mnistOn(IMAGES(), idx([N], 12)), /labels-idx1-ubyte: label 12 at index 0 is not a digit 0–9; point data\.labels at MNIST digit labels/),
  mnist('a .gz that is not gzip inside', mnistOn(Buffer.concat([Buffer.from([0x1f, 0x8b]), junkBytes(400)]), LABELS()), /images-idx3-ubyte: corrupt gzip data \(.*\); download the file again$/),
  mnist('a truncated .gz', mnistOn(gzipSync(IMAGES()).subarray(0, 300), LABELS()), /images-idx3-ubyte: corrupt gzip data \(.*\); download the file again$/),
  mnist('a .gz name on a plain text file', (dir) => builtin('mnist-rnn', (s) => (s.data = { kind: 'mnist', source: 'idx', images: write(dir, 'train-images.gz', 'not gzip at all'), labels: write(dir, 'l', LABELS()) })), /train-images\.gz: not an IDX file \(wrong magic number\)/),
  mnist('limit below 20', () => builtin('mnist-rnn', (s) => (s.data.limit = 5)), /^data\.limit: 5 is too small; use a number ≥ 20$/, { path: 'data.limit' }),
  mnist('an unknown source', () => builtin('mnist-rnn', (s) => (s.data.source = 'idxx')), /^data\.source: the text "idxx" is not allowed here; use one of "bundled", "idx" \(did you mean "idx"\?\)$/, { path: 'data.source' }),
  mnist('gzip IDX pair (sound)', mnistOn(gzipSync(IMAGES()), gzipSync(LABELS())), /./, { accepted: true }),
];

const char = (edit: (s: Spec) => void) => builtin('char-lstm', edit);
const text = (name: string, spec: (dir: string) => Spec, message: RegExp, extra: Partial<SpecCase> = {}): SpecCase => ({ category: 'text', name, spec, message, ...extra });

export const TEXT_CASES: SpecCase[] = [
  text('missing file', (dir) => char((s) => (s.data.path = join(dir, 'nope.txt'))), /nope\.txt: text file not found; check data\.path in the spec/),
  text('a folder', (dir) => char((s) => (s.data.path = (mkdirSync(join(dir, 'corpus')), join(dir, 'corpus')))), /corpus: is a folder, not a file; point data\.path at the text file inside it$/),
  text('empty text', (dir) => char((s) => (s.data.path = write(dir, 'empty.txt', ''))), /empty\.txt: 0 characters, fewer than the 160 a training and a test window need; use a longer text or a shorter data\.seqLength$/),
  text('too short for the windows', (dir) => char((s) => (s.data.path = write(dir, 'short.txt', 'olá, mundo'))), /short\.txt: 10 characters, fewer than the 160/),
  text('seqLength too long for the text', () => char((s) => (s.data.seqLength = 1000)), /texto-pt\.txt: \d+ characters, fewer than the 4000 .*shorter data\.seqLength$/),
  text('seqLength 1', () => char((s) => (s.data.seqLength = 1)), /^data\.seqLength: 1 is too small; use a number ≥ 2$/, { path: 'data.seqLength' }),
  text('embedding inputDim smaller than the vocabulary', () => char((s) => (s.model.layers[0].embedding.inputDim = 10)), /^model\.layers\[0\]\.embedding\.inputDim: 10 is smaller than the text's 52 distinct characters; set it to 52$/, { path: 'model.layers[0].embedding.inputDim' }),
  text('binary junk as the text', (dir) => char((s) => (s.data.path = write(dir, 'junk.bin', junkBytes(5000)))), /^model\.layers\[0\]\.embedding\.inputDim: 52 is smaller than the text's \d+ distinct characters; set it to \d+$/, { path: 'model.layers[0].embedding.inputDim' }),
  text('output width not the embedding width', () => char((s) => (s.model.layers[4].dense.units = 40)), /^model\.layers\[4\]\.dense\.units: the model outputs 40 values per row but a language model here needs 52 outputs \(one per class\); set "units": 52/, { path: 'model.layers[4].dense.units' }),
  text('no embedding first', () => char((s) => s.model.layers.shift()), /^model\.layers\[0\]: a character model starts with \{ "embedding"/, { path: 'model.layers[0]' }),
  text('stride 0', () => char((s) => (s.data.stride = 0)), /^data\.stride: 0 is too small; use a number ≥ 1$/, { path: 'data.stride' }),
];
