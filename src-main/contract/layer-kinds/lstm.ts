import { z } from 'zod';
import { strictObject } from '../one-of.js';
import { Activation } from './common.js';
import { defineLayerKind } from './record.js';
import { recurrentParts, recurrentShape, recurrentWeights } from './recurrent-common.js';

/** Keras LSTM, gate order i, f, c, o. Params 4·(u·(input + u) + u). */
export const lstmKind = defineLayerKind({
  kind: 'lstm',
  title: 'LSTM',
  schema: strictObject({
    ...recurrentShape,
    /** Gate activation (Keras sigmoid; tfjs would default to hardSigmoid). */
    recurrentActivation: Activation.default('sigmoid'),
    /** Forget-gate bias starts at 1 (Keras default). */
    unitForgetBias: z.boolean().default(true),
  }),
  keras: { prefix: 'lstm', type: 'LSTM' },
  ...recurrentParts,
  weights: (c, input) => recurrentWeights(c, input, 4, { forgetUnits: c.unitForgetBias ? c.units : 0 }),
});
