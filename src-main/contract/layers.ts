import { z } from 'zod';
import { oneOf, strictObject, chosen, type Chosen } from './one-of.js';

/** Activations accepted by every layer (names as in Keras). */
export const Activation = z.enum(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', 'softmax']);
export type Activation = z.infer<typeof Activation>;

/** Weight initialisers, Keras names in camelCase. */
export const Initializer = z.enum(['glorotUniform', 'orthogonal', 'zeros', 'ones', 'heNormal', 'lecunUniform', 'randomUniform']);
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

/** Token ids → vectors (Keras Embedding; `randomUniform` is uniform(−0.05, 0.05)). Input: one id per step. */
export const EmbeddingLayer = strictObject({
  inputDim: z.number().int().min(1).max(1_000_000),
  outputDim: z.number().int().min(1).max(65536),
  embeddingsInitializer: Initializer.default('randomUniform'),
});
/** Inverted dropout during training (seeded per trial), identity at inference. */
export const DropoutLayer = strictObject({ rate: z.number().min(0).lt(1) });
/** The recurrent layer a Bidirectional wraps. */
export const RecurrentLayerSpec = oneOf({ simpleRNN: SimpleRnnLayer, lstm: LstmLayer, gru: GruLayer }, 'recurrent layer');
export type RecurrentLayerSpec = z.infer<typeof RecurrentLayerSpec>;
/** Runs the wrapped layer forwards and backwards in time and merges both (Keras default: concat). */
export const BidirectionalLayer = strictObject({
  layer: RecurrentLayerSpec,
  mergeMode: z.enum(['concat', 'sum', 'ave', 'mul']).default('concat'),
});

/** One layer of a sequential model: `{ "lstm": {...} }`, `{ "dense": {...} }`, … */
export const LayerSpec = oneOf(
  {
    simpleRNN: SimpleRnnLayer,
    lstm: LstmLayer,
    gru: GruLayer,
    dense: DenseLayer,
    embedding: EmbeddingLayer,
    dropout: DropoutLayer,
    bidirectional: BidirectionalLayer,
  },
  'layer',
);
export type LayerSpec = z.infer<typeof LayerSpec>;
export type SimpleRnnConfig = z.infer<typeof SimpleRnnLayer>;
export type LstmConfig = z.infer<typeof LstmLayer>;
export type GruConfig = z.infer<typeof GruLayer>;
export type DenseConfig = z.infer<typeof DenseLayer>;
export type EmbeddingConfig = z.infer<typeof EmbeddingLayer>;
export type DropoutConfig = z.infer<typeof DropoutLayer>;
export type BidirectionalConfig = z.infer<typeof BidirectionalLayer>;
export type LayerKind = keyof LayerSpec;
export type LayerOf = Chosen<LayerSpec>;

/** `{ kind, config }` of a validated layer. */
export const layerOf = (layer: LayerSpec): LayerOf => chosen(layer);

/** `{ kind, config }` of a validated recurrent layer (inside Bidirectional). */
export const recurrentOf = (layer: RecurrentLayerSpec) => chosen(layer);

/** True for SimpleRNN, LSTM and GRU (the layers with state). */
export const isRecurrent = (l: LayerOf): l is Extract<LayerOf, { kind: 'simpleRNN' | 'lstm' | 'gru' }> =>
  l.kind === 'simpleRNN' || l.kind === 'lstm' || l.kind === 'gru';

/** Width of a layer's output given its input width (features per step). */
export function outputWidth(l: LayerOf, input: number): number {
  switch (l.kind) {
    case 'embedding':
      return l.config.outputDim;
    case 'dropout':
      return input;
    case 'bidirectional': {
      const units = recurrentOf(l.config.layer).config.units;
      return l.config.mergeMode === 'concat' ? 2 * units : units;
    }
    default:
      return l.config.units;
  }
}

/** Whether a layer keeps the time axis given whether its input has one (false after a last-step RNN). */
export function keepsSequence(l: LayerOf, input: boolean): boolean {
  if (isRecurrent(l)) return l.config.returnSequences;
  if (l.kind === 'bidirectional') return recurrentOf(l.config.layer).config.returnSequences;
  return input;
}

export const ModelSpec = strictObject({
  /** Layers in order, input first. */
  layers: z.array(LayerSpec).min(1, 'a model needs at least one layer'),
});
export type ModelSpec = z.infer<typeof ModelSpec>;
