import { z } from 'zod';
import { strictObject } from './one-of.js';
import { LayerSpec } from './layer-kinds/registry.js';
import { Seq2seqSpec } from './seq2seq.js';

// The layer vocabulary of specs. Each kind is one record in `layer-kinds/` (schema, weights, shapes, Keras
// name, editor fields); this file re-exports what the rest of the code uses.
export { Activation, Initializer } from './layer-kinds/common.js';
export type { EditorField, LayerKindRecord, WeightShape } from './layer-kinds/record.js';
export { defineLayerKind, sizeOf } from './layer-kinds/record.js';
export { RecurrentLayerSpec, innerOf } from './layer-kinds/bidirectional.js';
export {
  BUILTIN_LAYER_KINDS,
  LayerSpec,
  isRecurrent,
  isStateful,
  keepsSequence,
  layerKind,
  layerKinds,
  layerOf,
  outputWidth,
  paramCount,
  recordOf,
  registerLayerKind,
  unregisterLayerKind,
  weightShapes,
  type LayerKind,
  type LayerOf,
} from './layer-kinds/registry.js';
import type { BUILTIN_LAYER_KINDS } from './layer-kinds/registry.js';

type Settings<K extends keyof typeof BUILTIN_LAYER_KINDS> = z.output<(typeof BUILTIN_LAYER_KINDS)[K]['schema']>;
export type SimpleRnnConfig = Settings<'simpleRNN'>;
export type LstmConfig = Settings<'lstm'>;
export type GruConfig = Settings<'gru'>;
export type DenseConfig = Settings<'dense'>;
export type EmbeddingConfig = Settings<'embedding'>;
export type DropoutConfig = Settings<'dropout'>;
export type BidirectionalConfig = Settings<'bidirectional'>;

/**
 * A model: a sequential stack (`layers`, input first) or an encoder–decoder (`seq2seq`, the translation task).
 * A seq2seq model has no stack: its parsed `layers` is empty, so code over stacks sees none.
 */
export const ModelSpec = strictObject({
  /** Layers in order, input first. */
  layers: z.array(LayerSpec).optional(),
  /** An encoder–decoder (seed 004's translator) instead of a stack. */
  seq2seq: Seq2seqSpec.optional(),
})
  .superRefine((m, ctx) => {
    const stack = m.layers?.length ?? 0;
    if (m.seq2seq !== undefined && stack > 0) {
      ctx.addIssue({ code: 'custom', path: ['seq2seq'], message: 'give either model.layers (a stack) or model.seq2seq (an encoder–decoder), not both' });
    } else if (m.seq2seq === undefined && m.layers === undefined) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'required: a stack of layers, e.g. [{ "lstm": { "units": 4 } }, { "dense": { "units": 1 } }] (or "seq2seq" for a translator)' });
    } else if (m.seq2seq === undefined && stack === 0) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a model needs at least one layer' });
    }
  })
  .transform((m): { layers: z.output<typeof LayerSpec>[]; seq2seq?: Seq2seqSpec } => (m.seq2seq !== undefined ? { layers: [], seq2seq: m.seq2seq } : { layers: m.layers ?? [] }));
export type ModelSpec = z.infer<typeof ModelSpec>;

import { chosen } from './one-of.js';
import type { RecurrentLayerSpec as Inner } from './layer-kinds/bidirectional.js';
/** `{ kind, config }` of a validated recurrent layer (inside Bidirectional). */
export const recurrentOf = (layer: Inner) => chosen(layer);
