import type { DataSource } from '../../contract/spec.js';
import { stratifiedSplit, takeRows } from '../../common/split.js';
import { readCsvSeries } from '../csv-series.js';
import { readTableSeries } from '../table-series.js';
import type { Dataset } from '../dataset.js';
import { bundledDigits, idxDigits, type Digits } from '../mnist.js';
import { sineWindows, varlenSums, windowAt } from '../synthetic.js';
import { readCorpus } from '../text-corpus.js';
import { LabError, quoteValue } from '../../contract/errors.js';
import { readSequences } from '../sequence-files.js';
import { cldrPairs } from '../cldr-pairs.js';
import { noPairsReason, PairCollector, readPairsFile, type PairLimits } from '../pairs.js';

type Source<K extends DataSource['kind']> = Extract<DataSource, { kind: K }>;
/** How a source kind turns its spec into a dataset; `seed` is the experiment's master seed (seeded draws). */
type Loader<K extends DataSource['kind']> = (spec: Source<K>, seed: number) => Dataset;

/** MNIST digits (bundled or IDX), a seeded stratified subset when `limit` is set. */
function loadDigits(d: Source<'mnist'>, seed: number): Digits {
  let digits: Digits;
  if (d.source === 'idx') {
    if (!d.images || !d.labels) {
      const missing = d.images ? 'labels' : 'images';
      throw new LabError('SPEC_INVALID', `data.${missing}: source "idx" needs data.images and data.labels (IDX files, .gz allowed); add data.${missing}`);
    }
    digits = idxDigits(d.images, d.labels);
  } else digits = bundledDigits();
  if (!d.limit || d.limit >= digits.count) return digits;
  const keep = stratifiedSplit(digits.labels, d.limit / digits.count, seed ^ 0x5eed).test;
  return { ...digits, images: takeRows(digits.images, 784, keep), labels: Uint8Array.from(keep, (r) => digits.labels[r]!), count: keep.length };
}

/** Sentence pairs from a pair file, or the built-in CLDR pairs under the same limits. */
function loadPairs(d: Source<'pairs'>): Dataset {
  const limits: PairLimits = { maxPairs: d.maxPairs, maxSourceLength: d.maxSourceLength, maxTargetLength: d.maxTargetLength };
  if (d.path !== undefined) return { shape: 'pairs', ...readPairsFile(d.path, limits), source: d.path };
  const cldr = cldrPairs();
  const collector = new PairCollector(limits);
  for (const p of cldr.pairs) {
    if (collector.full) collector.afterMaxPairs++;
    else collector.offer(p.source, p.target);
  }
  const read = collector.result();
  if (read.pairs.length === 0) throw new LabError('DATA_INVALID', `data.source "cldr": ${noPairsReason(read, limits)}`);
  return { shape: 'pairs', ...read, parts: cldr.parts, source: `Unicode CLDR ${cldr.version} English→Portuguese names (npm cldr-annotations-full, cldr-annotations-derived-full, cldr-localenames-full)` };
}

/**
 * The data-source registry: one loader per `data.kind` (a mapped type, so a new kind without a loader is a
 * compile error). Loaders read and check their own inputs (files, lengths, ranges) and know nothing of tasks.
 */
const SOURCES: { readonly [K in DataSource['kind']]: Loader<K> } = {
  csv: (d) => {
    const series = readCsvSeries(d.path, { column: d.column, timeColumn: d.timeColumn });
    return { shape: 'series', values: series.values, ...(series.labels ? { timeLabels: series.labels } : {}), source: d.path };
  },
  table: (d) => {
    const t = readTableSeries(d);
    return {
      shape: 'series',
      values: t.columns[t.targets[0]!]!,
      columns: { names: t.names, values: t.columns, features: t.features, targets: t.targets },
      timeLabels: t.labels,
      source: d.path,
    };
  },
  mnist: (d, seed) => {
    const digits = loadDigits(d, seed);
    return {
      shape: 'labeled-sequences',
      x: { data: digits.images, n: digits.count, steps: 28, features: 28 },
      labels: Int32Array.from(digits.labels),
      classNames: Array.from({ length: 10 }, (_, i) => String(i)),
      source: digits.source,
      picture: (row) => Array.from(digits.images.subarray(row * 784, (row + 1) * 784), (v) => Math.round(v * 255)),
    };
  },
  sine: (d, seed) => {
    const train = sineWindows(d, d.trainWindows, seed, 'sine-train');
    const test = sineWindows(d, d.testWindows, seed, 'sine-test');
    const instance = windowAt(d.instanceStart, d.steps, d.resolution);
    const part = (w: typeof train) => ({ x: { data: w.x, n: w.n, steps: d.steps, features: 1 }, y: w.y });
    return {
      shape: 'target-sequences',
      perStep: true,
      outputs: 1,
      parts: { train: part(train), test: part(test), split: { kind: 'random windows', seed, train: train.n, test: test.n } },
      instance: {
        x: { data: instance.x, n: 1, steps: d.steps, features: 1 },
        y: instance.y,
        positions: Float64Array.from({ length: d.steps }, (_, i) => d.instanceStart + (i + 1) * d.resolution),
      },
      source: 'sine',
    };
  },
  'varlen-sum': (d, seed) => {
    const all = varlenSums(d.count, d.minSteps, d.maxSteps, seed);
    return {
      shape: 'target-sequences',
      perStep: false,
      outputs: 1,
      parts: { all: { x: { data: all.x, n: all.n, steps: all.steps, features: 1, lengths: all.lengths }, y: all.y } },
      testFraction: d.testFraction,
      source: 'varlen-sum',
    };
  },
  sequences: (d) => {
    const file = readSequences(d);
    if (file.labels) {
      // Class ids by sorted label (numerically when every label is a number): the mapping is stored with each trial.
      const distinct = [...new Set(file.labels)];
      const numeric = distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
      const classNames = distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b));
      if (classNames.length < 2) {
        throw new LabError('DATA_INVALID', `data.label: every sequence of ${d.path} has the same label (${quoteValue(classNames[0] ?? '')}); classification needs at least two classes`);
      }
      const id = new Map(classNames.map((c, i) => [c, i]));
      return { shape: 'labeled-sequences', x: file.x, labels: Int32Array.from(file.labels, (l) => id.get(l)!), classNames, source: d.path };
    }
    return {
      shape: 'target-sequences',
      perStep: false,
      outputs: file.targetNames!.length,
      parts: { all: { x: file.x, y: file.targets! } },
      testFraction: d.testFraction,
      source: d.path,
    };
  },
  text: (d) => {
    const corpus = readCorpus(d.path, 4 * d.seqLength);
    return { shape: 'text', ids: corpus.ids, vocab: corpus.vocab, seqLength: d.seqLength, stride: d.stride, source: d.path };
  },
  pairs: loadPairs,
};

/** Reads the data of a spec with its source's loader. Throws LabError naming the file, line or field. */
export function loadDataset(data: DataSource, seed: number): Dataset {
  return (SOURCES[data.kind] as Loader<DataSource['kind']>)(data, seed);
}
