import { z } from 'zod';
import { oneOf, strictObject } from './one-of.js';

// The encoder–decoder model of a translator (seed 004, Keras `lstm_seq2seq`): a stack of LSTMs reads the
// source characters, its final [h, c] start a stack of LSTMs that reads the target shifted by one (teacher
// forcing), then Dense(target characters, softmax). Optional Bahdanau attention with input feeding.

/** One layer of an encoder or decoder stack: an LSTM (the only cell whose state hand-over is defined here). */
export const Seq2seqLayer = oneOf(
  {
    lstm: strictObject({ units: z.number().int().min(1, 'units must be at least 1').max(4096) }),
  },
  'seq2seq layer',
);
export type Seq2seqLayer = z.infer<typeof Seq2seqLayer>;

/**
 * `model.seq2seq`: encoder and decoder stacks (equal lengths: decoder layer i starts from encoder layer i's
 * final state, so their widths match — twice the encoder's with a bidirectional encoder), the attention and
 * its width (default: the top decoder layer's width, written into the stored spec).
 */
export const Seq2seqSpec = strictObject({
  encoder: z.array(Seq2seqLayer).min(1, 'the encoder needs at least one layer, e.g. [{ "lstm": { "units": 256 } }]'),
  decoder: z.array(Seq2seqLayer).min(1, 'the decoder needs at least one layer, e.g. [{ "lstm": { "units": 256 } }]'),
  /** "none" (the seed) or "bahdanau": additive attention over the encoder's outputs, context fed to the decoder input. */
  attention: z.enum(['none', 'bahdanau']).default('none'),
  /** Width a of the attention score vᵀ·tanh(W₁·s + W₂·h); default the top decoder layer's width (0 without attention). */
  attentionUnits: z.number().int().min(0).max(4096).optional(),
  /** Read the source both ways; the decoder then starts from [h_fw; h_bw], [c_fw; c_bw] (decoder width 2 × encoder width). */
  bidirectionalEncoder: z.boolean().default(false),
})
  .superRefine((s, ctx) => {
    if (s.encoder.length !== s.decoder.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['decoder'],
        message: `the decoder has ${s.decoder.length} layer(s) and the encoder ${s.encoder.length}: decoder layer i starts from encoder layer i's final state, so give both stacks the same number of layers`,
      });
      return;
    }
    const factor = s.bidirectionalEncoder ? 2 : 1;
    s.encoder.forEach((e, i) => {
      const need = factor * e.lstm!.units;
      const got = s.decoder[i]!.lstm!.units;
      if (got !== need) {
        ctx.addIssue({
          code: 'custom',
          path: ['decoder', i, 'lstm', 'units'],
          message: `${got} does not match the encoder's state it starts from (encoder[${i}] has ${e.lstm!.units} units${s.bidirectionalEncoder ? ', read both ways: 2 × ' + e.lstm!.units : ''}); set it to ${need}`,
        });
      }
    });
    // A stored spec is parsed again (grids, resumes): 0 is what the transform writes without attention.
    if (s.attention === 'none' && s.attentionUnits !== undefined && s.attentionUnits !== 0) {
      ctx.addIssue({ code: 'custom', path: ['attentionUnits'], message: 'set only with "attention": "bahdanau"; remove it or turn attention on' });
    }
    if (s.attention === 'bahdanau' && s.attentionUnits === 0) {
      ctx.addIssue({ code: 'custom', path: ['attentionUnits'], message: 'attention needs a width of at least 1; remove it (default: the decoder\'s width) or give e.g. 128' });
    }
  })
  .transform((s) => ({
    ...s,
    // Written in so the stored spec says the width that ran (0: no attention weights).
    attentionUnits: s.attention === 'bahdanau' ? (s.attentionUnits ?? s.decoder[s.decoder.length - 1]!.lstm!.units) : 0,
  }));
export type Seq2seqSpec = z.infer<typeof Seq2seqSpec>;

/** Units of each layer of a stack (every seq2seq layer is an LSTM). */
export const stackUnits = (stack: readonly Seq2seqLayer[]): number[] => stack.map((l) => l.lstm!.units);
