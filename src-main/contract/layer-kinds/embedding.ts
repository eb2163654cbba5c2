import { z } from 'zod';
import { strictObject } from '../one-of.js';
import { Initializer } from './common.js';
import { defineLayerKind } from './record.js';

/** Token ids → vectors (Keras Embedding; `randomUniform` is uniform(−0.05, 0.05)). Input: one id per step. */
export const embeddingKind = defineLayerKind({
  kind: 'embedding',
  title: 'Embedding',
  schema: strictObject({
    inputDim: z.number().int().min(1).max(1_000_000),
    outputDim: z.number().int().min(1).max(65536),
    embeddingsInitializer: Initializer.default('randomUniform'),
  }),
  keras: { prefix: 'embedding', type: 'Embedding' },
  recurrent: false,
  readsTokens: true,
  weights: (c) => [{ name: 'embeddings', shape: [c.inputDim, c.outputDim], init: c.embeddingsInitializer }],
  outputWidth: (c) => c.outputDim,
  keepsSequence: (_c, input) => input,
  editor: [
    { key: 'inputDim', label: 'Tokens', type: 'integer' },
    { key: 'outputDim', label: 'Dimensions', type: 'integer' },
  ],
  example: { inputDim: 64, outputDim: 32 },
});
