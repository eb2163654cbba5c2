import type { CldrPart } from './cldr-pairs.js';
import type { Pair, SkippedPairs } from './pairs.js';

/**
 * What a data source yields, by shape — never by task: any task that accepts a shape works with any source
 * that yields it (runner/tasks/ declares which shapes each task takes).
 */

/** Sequences row-major `[n, steps, features]`: `data[(i * steps + t) * features + f]` (the engines' layout). */
export interface SequenceSet {
  readonly data: Float64Array;
  readonly n: number;
  readonly steps: number;
  readonly features: number;
  /** Valid steps of each sequence (padded variable lengths); omitted: every sequence has all `steps`. */
  readonly lengths?: Int32Array;
}

/** Sequences with their targets, `y` holding `n × outputs` values (or `n × steps × outputs` per step). */
export interface TargetPart {
  readonly x: SequenceSet;
  readonly y: Float64Array;
}

/** Several aligned series in time order (the columns of a table), with their roles. */
export interface SeriesColumns {
  /** Column names; `values[j]` holds column `names[j]`, one value per time step. */
  readonly names: readonly string[];
  readonly values: readonly Float64Array[];
  /** Indices into `names` of the model's input features and of the forecast targets (first = headline). */
  readonly features: readonly number[];
  readonly targets: readonly number[];
}

/**
 * A numeric series in time order: one CSV column (forecasting frames it the seed's way, lag values as the
 * features of one step), or a table's columns (`columns`: windows of `lag` steps over every feature).
 */
export interface SeriesData {
  readonly shape: 'series';
  /** The series (a table: its first target). */
  readonly values: Float64Array;
  /** A table's columns: several features and targets (multivariate forecasting). */
  readonly columns?: SeriesColumns;
  /** A label per value (months, dates), for charts and tables. */
  readonly timeLabels?: readonly string[];
  /** Where it came from, for messages (a path or a name). */
  readonly source: string;
}

/** Sequences with one class label each (MNIST digits read row by row, labeled sequence files). */
export interface LabeledSequences {
  readonly shape: 'labeled-sequences';
  readonly x: SequenceSet;
  /** Class index per sequence, 0 ≤ label < classNames.length. */
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  readonly source: string;
  /** The example drawn as a picture (0–255 grey levels, row-major), when the sequences are images. */
  readonly picture?: (row: number) => number[];
}

/** Sequences with numeric targets: one value per sequence, or one per step (`perStep`). */
export interface TargetSequences {
  readonly shape: 'target-sequences';
  readonly perStep: boolean;
  /** Target values per row (per step when `perStep`). */
  readonly outputs: number;
  /** All sequences (the task splits them), or the source's own train/test draw (recorded as `split`). */
  readonly parts: { readonly all: TargetPart } | { readonly train: TargetPart; readonly test: TargetPart; readonly split: Readonly<Record<string, unknown>> };
  /** Fraction held out when the task splits `all`. */
  readonly testFraction?: number;
  /** One sequence to plot predicted vs actual, with its positions on the x axis. */
  readonly instance?: { readonly x: SequenceSet; readonly y: Float64Array; readonly positions: Float64Array };
  readonly source: string;
}

/** A text as token ids over a vocabulary, with the window length and stride a language model reads it in. */
export interface TokenText {
  readonly shape: 'text';
  readonly ids: Uint16Array | Int32Array;
  readonly vocab: readonly string[];
  readonly seqLength: number;
  readonly stride: number;
  readonly source: string;
}

/**
 * Sentence pairs for a translator (seed 004), in file order, targets wrapped in `\t` … `\n`, with what the
 * source's limits left out. The task splits them and builds the character vocabularies from its training part
 * (`splitPairs` in data/pair-vocab.ts), so held-out characters never enter the vocabularies.
 */
export interface SentencePairs {
  readonly shape: 'pairs';
  readonly pairs: readonly Pair[];
  /** Pairs over a length limit, blank lines, and pairs past `maxPairs`: counted, never silently dropped. */
  readonly skipped: SkippedPairs;
  /** Longest source and wrapped target kept, in characters: the encoder's and decoder's steps. */
  readonly longest: { readonly source: number; readonly target: number };
  /** Built-in sources: how many pairs each file gave (CLDR: per package and file). */
  readonly parts?: readonly CldrPart[];
  readonly source: string;
}

export type Dataset = SeriesData | LabeledSequences | TargetSequences | TokenText | SentencePairs;
export type DatasetShape = Dataset['shape'];
