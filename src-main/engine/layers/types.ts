import type * as TF from '@tensorflow/tfjs';
import type { DropoutSource } from '../fused/dropout.js';
import type { FusedLayer, Precision, Vec } from '../fused/types.js';
import type { InputShape } from '../sequence-model.js';

/** Where one layer of a fused stack sits: the flat arrays, its weights' offset, its input and the batch shape. */
export interface LayerPlace {
  readonly params: Vec;
  readonly grads: Vec;
  /** Offset of the layer's first weight in `params` (its weights follow in Keras order). */
  readonly offset: number;
  readonly inputSize: number;
  readonly inputIsSequence: boolean;
  readonly maxBatch: number;
  readonly steps: number;
  readonly precision: Precision;
  /** The model's dropout generator. */
  readonly dropout: DropoutSource;
}

/** How the fused engine runs a layer kind. */
export interface FusedBuilder<C> {
  /** Why the fused engine cannot run these settings (one line with the fix), or undefined when it can. */
  unsupported?(config: C): string | undefined;
  build(config: C, at: LayerPlace): FusedLayer;
}

/** How the tfjs engine runs a layer kind. `tf` is passed in, so this module never loads tfjs itself. */
export interface TfjsBuilder<C> {
  unsupported?(config: C): string | undefined;
  /**
   * The tf.layers layer (zero initialisers: weights are set afterwards). `input` is given for the first layer
   * only (its batchInputShape).
   */
  build(tf: typeof TF, config: C, input: InputShape | undefined): TF.layers.Layer;
}

/** The engines' side of one layer kind: each engine's builder, or a reason it has none. */
export interface EngineLayerRecord<C> {
  readonly fused: FusedBuilder<C> | { readonly missing: string };
  readonly tfjs: TfjsBuilder<C> | { readonly missing: string };
}

/** `batchInputShape` of a first layer reading `[batch, steps, features]` (or token ids `[batch, steps]`). */
export const firstShape = (input: InputShape | undefined, tokens = false): { batchInputShape?: number[] } =>
  input ? { batchInputShape: tokens ? [input.batchSize, input.steps] : [input.batchSize, input.steps, input.features] } : {};

/** tfjs' initialisers are irrelevant (weights are set afterwards); zeros avoids tfjs' own random draws. */
export const ZERO_INIT = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;
