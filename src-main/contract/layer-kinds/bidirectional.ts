import { z } from 'zod';
import { chosen, oneOf, strictObject } from '../one-of.js';
import { gruKind } from './gru.js';
import { lstmKind } from './lstm.js';
import { defineLayerKind, type LayerKindRecord } from './record.js';
import { simpleRnnKind } from './simple-rnn.js';

const INNER = { simpleRNN: simpleRnnKind, lstm: lstmKind, gru: gruKind } as const;

/** The recurrent layer a Bidirectional wraps. */
export const RecurrentLayerSpec = oneOf({ simpleRNN: simpleRnnKind.schema, lstm: lstmKind.schema, gru: gruKind.schema }, 'recurrent layer');
export type RecurrentLayerSpec = z.infer<typeof RecurrentLayerSpec>;

/** `{ kind, config, record }` of the wrapped layer. */
export function innerOf(layer: RecurrentLayerSpec) {
  const c = chosen(layer);
  return { ...c, record: INNER[c.kind] as LayerKindRecord<typeof c.config> };
}

/** Runs the wrapped layer forwards and backwards in time and merges both (Keras default: concat). */
export const bidirectionalKind = defineLayerKind({
  kind: 'bidirectional',
  title: 'Bidirectional',
  schema: strictObject({
    layer: RecurrentLayerSpec,
    mergeMode: z.enum(['concat', 'sum', 'ave', 'mul']).default('concat'),
  }),
  keras: { prefix: 'bidirectional', type: 'Bidirectional' },
  recurrent: true,
  // Keras holds the forward layer's weights, then the backward layer's.
  weights: (c, input) => {
    const inner = innerOf(c.layer);
    const one = inner.record.weights(inner.config, input);
    return [...one.map((w) => ({ ...w, name: `forward.${w.name}` })), ...one.map((w) => ({ ...w, name: `backward.${w.name}` }))];
  },
  outputWidth: (c) => {
    const units = innerOf(c.layer).config.units;
    return c.mergeMode === 'concat' ? 2 * units : units;
  },
  keepsSequence: (c) => innerOf(c.layer).config.returnSequences,
  stateful: (c) => innerOf(c.layer).config.stateful,
  editor: [],
  example: { layer: { lstm: { units: 8 } } },
});
