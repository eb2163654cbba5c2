import { z } from 'zod';

/** Activations accepted by every layer (names as in Keras). */
export const Activation = z.enum(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', 'softmax']);
export type Activation = z.infer<typeof Activation>;

/** Weight initialisers, Keras names in camelCase. */
export const Initializer = z.enum(['glorotUniform', 'orthogonal', 'zeros', 'ones', 'heNormal', 'lecunUniform', 'randomUniform']);
export type Initializer = z.infer<typeof Initializer>;

/** Number of units of a layer (the size of h, or of a Dense output). */
export const Units = z.number().int().min(1).max(65536);
