import type { LayerOf } from '../../contract/layers.js';
import { fusedBuilder, type LayerPlace } from '../layers/index.js';
import type { FusedLayer } from './types.js';

export type { LayerPlace } from '../layers/index.js';


/** The fused layer for a layer spec (the stack was checked by `unsupportedReason`): the registry's builder. */
export function buildLayer(l: LayerOf, at: LayerPlace): FusedLayer {
  return fusedBuilder(l)(at);
}
