import { LabError } from '../contract/errors.js';
import { readDataFile } from './read-file.js';

/** One sentence pair: the source text and the target wrapped in the seed's markers, `\t` … `\n`. */
export interface Pair {
  readonly source: string;
  /** `'\t' + target + '\n'`: the decoder starts at `\t` and stops at `\n` (seed 004, Keras `lstm_seq2seq`). */
  readonly target: string;
}

/** Start and end markers of a target (seed 004: "\t indica o início de uma frase e \n o fim"). */
export const TARGET_START = '\t';
export const TARGET_END = '\n';

/**
 * Limits on the pairs kept, in characters (Unicode code points, as Python's `len`). `maxTargetLength` counts the
 * wrapped target, markers included: it is the decoder's number of steps (the seed's 80).
 */
export interface PairLimits {
  readonly maxPairs: number;
  readonly maxSourceLength: number;
  readonly maxTargetLength: number;
}

/** What was left out, so nothing is dropped silently. */
export interface SkippedPairs {
  /** Pairs skipped for length (each counted once, though both texts may be too long). */
  readonly tooLong: number;
  /** Of all pairs offered, those whose source is over `maxSourceLength` (a pair over both counts here and below). */
  readonly sourceTooLong: number;
  /** Of all pairs offered, those whose wrapped target is over `maxTargetLength`. */
  readonly targetTooLong: number;
  /** Blank lines of a file (whitespace only), passed over. */
  readonly emptyLines: number;
  /** Pairs not read because `maxPairs` were kept already (a file: its remaining non-blank lines). */
  readonly afterMaxPairs: number;
}

/** Pairs kept in their original order, what was skipped, and the longest texts kept (code points). */
export interface PairsRead {
  readonly pairs: readonly Pair[];
  readonly skipped: SkippedPairs;
  /** Longest source and wrapped target kept: the encoder's and the decoder's steps. */
  readonly longest: { readonly source: number; readonly target: number };
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/** Characters of a text as Python counts them (code points, so an emoji is one). */
export const charCount = (text: string): number => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);

/**
 * Applies {@link PairLimits} to pairs offered one by one (a file's lines, a built-in list): wraps each target,
 * skips and counts pairs over a length limit, and says when `maxPairs` are kept.
 */
export class PairCollector {
  private readonly pairs: Pair[] = [];
  private tooLong = 0;
  private sourceTooLong = 0;
  private targetTooLong = 0;
  private longestSource = 0;
  private longestTarget = 0;
  /** Blank lines and pairs offered after the cap, counted by the caller. */
  emptyLines = 0;
  afterMaxPairs = 0;

  constructor(private readonly limits: PairLimits) {}

  /** True once `maxPairs` pairs are kept: offer no more (count them in `afterMaxPairs`). */
  get full(): boolean {
    return this.pairs.length >= this.limits.maxPairs;
  }

  /** Offers a pair (target without markers); kept unless a text is over its limit. */
  offer(source: string, target: string): void {
    const wrapped = TARGET_START + target + TARGET_END;
    const s = charCount(source);
    const t = charCount(wrapped);
    const longSource = s > this.limits.maxSourceLength;
    const longTarget = t > this.limits.maxTargetLength;
    if (longSource) this.sourceTooLong++;
    if (longTarget) this.targetTooLong++;
    if (longSource || longTarget) {
      this.tooLong++;
      return;
    }
    this.pairs.push({ source, target: wrapped });
    if (s > this.longestSource) this.longestSource = s;
    if (t > this.longestTarget) this.longestTarget = t;
  }

  /** The pairs kept and the counts of what was not. */
  result(): PairsRead {
    return {
      pairs: this.pairs,
      skipped: { tooLong: this.tooLong, sourceTooLong: this.sourceTooLong, targetTooLong: this.targetTooLong, emptyLines: this.emptyLines, afterMaxPairs: this.afterMaxPairs },
      longest: { source: this.longestSource, target: this.longestTarget },
    };
  }
}

const LINE_FORM = 'each line is English<TAB>Target[<TAB>attribution]';

/**
 * Parses the text of a Tatoeba/Anki pair file (`English<TAB>Target[<TAB>attribution]`, the attribution ignored),
 * one pair per line; `\r\n` line ends and a byte-order mark are accepted, blank lines passed over. A bad line —
 * one column, more than three, an empty text, bytes that are not UTF-8 — throws one LabError naming
 * `path:line` and the fix. Lines after `maxPairs` kept pairs are counted, not parsed (the seed reads the first
 * `num_samples` lines).
 */
export function parsePairs(text: string, path: string, limits: PairLimits): PairsRead {
  const collector = new PairCollector(limits);
  const lines = text.split('\n');
  if (lines.length > 0 && lines[0]!.startsWith('\uFEFF')) lines[0] = lines[0]!.slice(1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line.trim() === '') {
      // The final split piece after the last newline is not a line of the file.
      if (i < lines.length - 1 || line !== '') collector.emptyLines++;
      continue;
    }
    if (collector.full) {
      collector.afterMaxPairs++;
      continue;
    }
    const where = `${path}:${i + 1}`;
    // The decoder's replacement character: the bytes were not UTF-8 (a Latin-1 or binary file).
    if (line.includes('\uFFFD')) throw new LabError('DATA_INVALID', `${where}: not UTF-8 text; save the pair file as UTF-8`);
    const columns = line.split('\t');
    if (columns.length === 1) throw new LabError('DATA_INVALID', `${where}: one column (no tab); ${LINE_FORM}: put a tab between the English text and its translation`);
    if (columns.length > 3) throw new LabError('DATA_INVALID', `${where}: ${columns.length} columns; ${LINE_FORM} (2 or 3 columns): remove the extra tabs`);
    const [source, target] = columns as [string, string];
    if (source.trim() === '') throw new LabError('DATA_INVALID', `${where}: the English text (column 1) is empty; give both texts or delete the line`);
    if (target.trim() === '') throw new LabError('DATA_INVALID', `${where}: the target text (column 2) is empty; give both texts or delete the line`);
    collector.offer(source, target);
  }
  const read = collector.result();
  if (read.pairs.length === 0) throw new LabError('DATA_INVALID', `${path}: ${noPairsReason(read, limits)}`);
  return read;
}

/** Why no pair was kept, with the fix (for a file or a built-in source). */
export function noPairsReason(read: PairsRead, limits: PairLimits): string {
  const s = read.skipped;
  if (s.tooLong === 0) return `no pairs (the file is empty); ${LINE_FORM}`;
  return `no pairs left: all ${s.tooLong} are longer than data.maxSourceLength ${limits.maxSourceLength} (${s.sourceTooLong} sources) or data.maxTargetLength ${limits.maxTargetLength} (${s.targetTooLong} targets, \\t and \\n included); raise the limits`;
}

/** Reads a pair file (UTF-8) named by `data.path`; errors name the file or `path:line` (see {@link parsePairs}). */
export function readPairsFile(path: string, limits: PairLimits): PairsRead {
  return parsePairs(readDataFile(path, 'data.path', 'pair').toString('utf8'), path, limits);
}
