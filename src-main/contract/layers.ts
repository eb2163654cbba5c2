import { z } from 'zod';
import { strictObject } from './one-of.js';
import { LayerSpec } from './layer-kinds/registry.js';

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

export const ModelSpec = strictObject({
  /** Layers in order, input first. */
  layers: z.array(LayerSpec).min(1, 'a model needs at least one layer'),
});
export type ModelSpec = z.infer<typeof ModelSpec>;

import { chosen } from './one-of.js';
import type { RecurrentLayerSpec as Inner } from './layer-kinds/bidirectional.js';
/** `{ kind, config }` of a validated recurrent layer (inside Bidirectional). */
export const recurrentOf = (layer: Inner) => chosen(layer);
