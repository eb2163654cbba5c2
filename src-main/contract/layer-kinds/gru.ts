import { z } from 'zod';
import { strictObject } from '../one-of.js';
import { Activation } from './common.js';
import { defineLayerKind } from './record.js';
import { recurrentParts, recurrentShape, recurrentWeights } from './recurrent-common.js';

/** Keras GRU, gate order z, r, h; with reset_after the bias is [2, 3u] (input and recurrent biases). */
export const gruKind = defineLayerKind({
  kind: 'gru',
  title: 'GRU',
  schema: strictObject({
    ...recurrentShape,
    recurrentActivation: Activation.default('sigmoid'),
    /** Keras 2.3+ default: reset gate applied after the recurrent matmul (CuDNN-compatible). */
    resetAfter: z.boolean().default(true),
  }),
  keras: { prefix: 'gru', type: 'GRU' },
  ...recurrentParts,
  weights: (c, input) => recurrentWeights(c, input, 3, c.resetAfter ? { shape: [2, 3 * c.units] } : {}),
});
