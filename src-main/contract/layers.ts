import { z } from 'zod';
import { oneOf, strictObject, chosen, type Chosen } from './one-of.js';

/** Activations accepted by every layer (names as in Keras). */
export const Activation = z.enum(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', 'softmax']);
export type Activation = z.infer<typeof Activation>;

/** Weight initialisers, Keras names in camelCase. */
export const Initializer = z.enum(['glorotUniform', 'orthogonal', 'zeros', 'ones', 'heNormal', 'lecunUniform']);
export type Initializer = z.infer<typeof Initializer>;

// Every default below is Keras' (REFERENCE.md, "Keras semantics"): tfjs differs on some
// (recurrentActivation), so each is written into the stored spec explicitly.
const recurrentCommon = {
  /** Number of hidden units (the size of h). */
  units: z.number().int().min(1).max(65536),
  /** Output activation of the cell (Keras default tanh). */
  activation: Activation.default('tanh'),
  kernelInitializer: Initializer.default('glorotUniform'),
  recurrentInitializer: Initializer.default('orthogonal'),
  biasInitializer: Initializer.default('zeros'),
  useBias: z.boolean().default(true),
  /** Emit the whole sequence [batch, steps, units] instead of the last step [batch, units]. */
  returnSequences: z.boolean().default(false),
  /** Carry the last state of each batch into the next batch (until reset). */
  stateful: z.boolean().default(false),
};

export const SimpleRnnLayer = strictObject({ ...recurrentCommon });
export const LstmLayer = strictObject({
  ...recurrentCommon,
  /** Gate activation (Keras sigmoid; tfjs would default to hardSigmoid). */
  recurrentActivation: Activation.default('sigmoid'),
  /** Forget-gate bias starts at 1 (Keras default). */
  unitForgetBias: z.boolean().default(true),
});
export const GruLayer = strictObject({
  ...recurrentCommon,
  recurrentActivation: Activation.default('sigmoid'),
  /** Keras 2.3+ default: reset gate applied after the recurrent matmul (CuDNN-compatible). */
  resetAfter: z.boolean().default(true),
});
export const DenseLayer = strictObject({
  units: z.number().int().min(1).max(65536),
  activation: Activation.default('linear'),
  kernelInitializer: Initializer.default('glorotUniform'),
  biasInitializer: Initializer.default('zeros'),
  useBias: z.boolean().default(true),
});

/** One layer of a sequential model: `{ "lstm": {...} }`, `{ "dense": {...} }`, … */
export const LayerSpec = oneOf(
  { simpleRNN: SimpleRnnLayer, lstm: LstmLayer, gru: GruLayer, dense: DenseLayer },
  'layer',
);
export type LayerSpec = z.infer<typeof LayerSpec>;
export type SimpleRnnConfig = z.infer<typeof SimpleRnnLayer>;
export type LstmConfig = z.infer<typeof LstmLayer>;
export type GruConfig = z.infer<typeof GruLayer>;
export type DenseConfig = z.infer<typeof DenseLayer>;
export type LayerKind = keyof LayerSpec;
export type LayerOf = Chosen<LayerSpec>;

/** `{ kind, config }` of a validated layer. */
export const layerOf = (layer: LayerSpec): LayerOf => chosen(layer);

export const ModelSpec = strictObject({
  /** Layers in order, input first. */
  layers: z.array(LayerSpec).min(1, 'a model needs at least one layer'),
});
export type ModelSpec = z.infer<typeof ModelSpec>;
