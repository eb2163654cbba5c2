import type { LayerOf } from '../../contract/layers.js';
import { stackUnsupported } from '../layers/index.js';

/**
 * Why the fused engine cannot run this stack of layers (one line: spec path, problem, fix), or null when it
 * can (a sound stack whose every layer has a fused builder that takes its settings).
 */
export const unsupportedReason = (layers: readonly LayerOf[]): string | null => stackUnsupported('fused', layers);
