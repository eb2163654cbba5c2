import type { LayerOf } from '../../contract/layers.js';

/**
 * Why the fused engine cannot run this stack of layers, or null when it can: SimpleRNN, LSTM, GRU and Dense,
 * recurrent layers only on sequences (so no RNN after a returnSequences=false layer), softmax only in Dense.
 */
export function unsupportedReason(layers: readonly LayerOf[]): string | null {
  let sequence = true;
  for (const [i, l] of layers.entries()) {
    switch (l.kind) {
      case 'dense':
        break;
      case 'simpleRNN':
      case 'lstm':
      case 'gru': {
        if (!sequence) return `layers[${i}] (${l.kind}) follows a layer that returns one row per sequence; set returnSequences: true on the recurrent layer before it`;
        const acts = l.kind === 'simpleRNN' ? [l.config.activation] : [l.config.activation, l.config.recurrentActivation];
        if (acts.includes('softmax')) return `layers[${i}] (${l.kind}) uses softmax inside a recurrent cell, which the fused engine does not implement`;
        sequence = l.config.returnSequences;
        break;
      }
      default:
        return `layers[${i}] has kind ${(l as { kind: string }).kind}, which the fused engine does not implement`;
    }
  }
  return null;
}
