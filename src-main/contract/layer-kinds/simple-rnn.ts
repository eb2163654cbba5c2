import { strictObject } from '../one-of.js';
import { defineLayerKind } from './record.js';
import { recurrentParts, recurrentShape, recurrentWeights } from './recurrent-common.js';

/** Keras SimpleRNN: h = act(x·W + h·U + b). Params u·(input + u) + u. */
export const simpleRnnKind = defineLayerKind({
  kind: 'simpleRNN',
  title: 'SimpleRNN',
  schema: strictObject({ ...recurrentShape }),
  keras: { prefix: 'simple_rnn', type: 'SimpleRNN' },
  ...recurrentParts,
  weights: (c, input) => recurrentWeights(c, input, 1),
});
