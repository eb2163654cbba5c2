import { LabError } from '../../../contract/errors.js';
import type { PairTensors, Seq2seqArchitecture } from '../../seq2seq/types.js';

/**
 * Refuses an architecture the fused encoder–decoder cannot run, with one line naming the field: the stacks must
 * have the same depth and decoder layer i the width of encoder layer i's state (2 × its units when the encoder is
 * bidirectional), since decoder layer i starts from encoder layer i's final [h, c].
 */
export function checkArchitecture(a: Seq2seqArchitecture): void {
  const fail = (message: string) => {
    throw new LabError('REQUEST_INVALID', `fused seq2seq: ${message}`);
  };
  if (a.encoderUnits.length === 0) fail('the encoder has no layers; give at least one');
  if (a.decoderUnits.length !== a.encoderUnits.length) {
    fail(`the decoder has ${a.decoderUnits.length} layer(s) and the encoder ${a.encoderUnits.length}; decoder layer i starts from encoder layer i's states, so give both the same number`);
  }
  a.encoderUnits.forEach((u, i) => {
    const width = a.bidirectionalEncoder ? 2 * u : u;
    if (a.decoderUnits[i] !== width) {
      fail(`decoder[${i}] has ${a.decoderUnits[i]} units but encoder[${i}]'s state is ${width} wide${a.bidirectionalEncoder ? ' (bidirectional: 2 × units)' : ''}; make them equal`);
    }
  });
  // attentionUnits is 0 without attention (the spec writes that default in).
  const sizes = [['sourceVocab', a.sourceVocab], ['targetVocab', a.targetVocab], ...(a.attention === 'bahdanau' ? [['attentionUnits', a.attentionUnits] as const] : [])] as const;
  for (const [field, v] of sizes) {
    if (!(Number.isInteger(v) && v >= 1)) fail(`${field} is ${v}; expected a positive integer`);
  }
}

/**
 * Checks pairs against the architecture: array sizes, ids in −1 … vocab − 1, lengths in 1 … steps (an empty
 * source has no final state and nothing to attend to; targets at least 2 steps when `withTargets`, the
 * `\t` … `\n` wrapping). Throws a RangeError naming the first bad entry.
 */
export function checkPairs(p: PairTensors, a: Seq2seqArchitecture, withTargets = true): void {
  const fail = (message: string) => {
    throw new RangeError(`fused seq2seq: ${message}`);
  };
  if (p.sourceSteps < 1) fail(`sourceSteps is ${p.sourceSteps}; expected at least 1`);
  if (p.source.length < p.n * p.sourceSteps) fail(`source holds ${p.source.length} ids for n × sourceSteps = ${p.n * p.sourceSteps}`);
  if (p.sourceLengths.length < p.n) fail(`sourceLengths holds ${p.sourceLengths.length} values for ${p.n} pairs`);
  for (let i = 0; i < p.n; i++) {
    const len = p.sourceLengths[i]!;
    if (!(len >= 1 && len <= p.sourceSteps)) fail(`sourceLengths[${i}] is ${len}; expected 1 … ${p.sourceSteps} (an empty source cannot be encoded)`);
  }
  for (let i = 0; i < p.n * p.sourceSteps; i++) {
    const id = p.source[i]!;
    if (!(id >= -1 && id < a.sourceVocab)) fail(`source[${i}] is ${id}; expected −1 … ${a.sourceVocab - 1}`);
  }
  if (!withTargets) return;
  if (p.targetSteps < 2) fail(`targetSteps is ${p.targetSteps}; expected at least 2 (targets are wrapped in \\t … \\n)`);
  if (p.target.length < p.n * p.targetSteps) fail(`target holds ${p.target.length} ids for n × targetSteps = ${p.n * p.targetSteps}`);
  if (p.targetLengths.length < p.n) fail(`targetLengths holds ${p.targetLengths.length} values for ${p.n} pairs`);
  for (let i = 0; i < p.n; i++) {
    const len = p.targetLengths[i]!;
    if (!(len >= 1 && len <= p.targetSteps)) fail(`targetLengths[${i}] is ${len}; expected 1 … ${p.targetSteps}`);
  }
  for (let i = 0; i < p.n * p.targetSteps; i++) {
    const id = p.target[i]!;
    if (!(id >= -1 && id < a.targetVocab)) fail(`target[${i}] is ${id}; expected −1 … ${a.targetVocab - 1}`);
  }
}
