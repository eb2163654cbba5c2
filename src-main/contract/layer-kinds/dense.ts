import { z } from 'zod';
import { strictObject } from '../one-of.js';
import { Activation, Initializer, Units } from './common.js';
import { defineLayerKind } from './record.js';

/** Keras Dense, applied per step on sequences. Params input·u + u. */
export const denseKind = defineLayerKind({
  kind: 'dense',
  title: 'Dense',
  schema: strictObject({
    units: Units,
    activation: Activation.default('linear'),
    kernelInitializer: Initializer.default('glorotUniform'),
    biasInitializer: Initializer.default('zeros'),
    useBias: z.boolean().default(true),
  }),
  keras: { prefix: 'dense', type: 'Dense' },
  recurrent: false,
  weights: (c, input) => [
    { name: 'kernel', shape: [input, c.units], init: c.kernelInitializer },
    ...(c.useBias ? [{ name: 'bias', shape: [c.units], init: c.biasInitializer }] : []),
  ],
  outputWidth: (c) => c.units,
  keepsSequence: (_c, input) => input,
  outputActivation: (c) => c.activation,
  editor: [{ key: 'units', label: 'Units', type: 'integer' }],
  example: { units: 1 },
});
