import { z } from 'zod';
import { strictObject } from '../one-of.js';
import { defineLayerKind } from './record.js';

/** Inverted dropout during training (seeded per trial), identity at inference. No weights. */
export const dropoutKind = defineLayerKind({
  kind: 'dropout',
  title: 'Dropout',
  schema: strictObject({ rate: z.number().min(0).lt(1) }),
  keras: { prefix: 'dropout', type: 'Dropout' },
  recurrent: false,
  weights: () => [],
  outputWidth: (_c, input) => input,
  keepsSequence: (_c, input) => input,
  editor: [{ key: 'rate', label: 'Rate', type: 'number', step: 0.05 }],
  example: { rate: 0.2 },
});
