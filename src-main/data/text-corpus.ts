import { readDataFile } from './read-file.js';
import { LabError } from '../contract/errors.js';

/** A text and its character vocabulary (sorted, so ids are stable for the same text). */
export interface Corpus {
  readonly text: string;
  readonly vocab: readonly string[];
  readonly ids: Int32Array;
  readonly source: string;
}

/** Reads a UTF-8 text file for a character model; errors name the file (missing, empty, too short for a window). */
export function readCorpus(path: string, minLength: number): Corpus {
  const text = readDataFile(path, 'data.path', 'text').toString('utf8').replace(/\r\n/g, '\n');
  if (text.length < minLength) {
    throw new LabError('DATA_INVALID', `${path}: ${text.length} characters, fewer than the ${minLength} a training and a test window need; use a longer text or a shorter data.seqLength`);
  }
  const chars = [...text];
  const vocab = [...new Set(chars)].sort();
  const index = new Map(vocab.map((c, i) => [c, i]));
  return { text, vocab, ids: Int32Array.from(chars, (c) => index.get(c)!), source: path };
}
