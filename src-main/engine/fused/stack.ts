import { recurrentOf, type LayerOf } from '../../contract/layers.js';

/**
 * Why the fused engine cannot run this stack of layers, or null when it can: SimpleRNN, LSTM, GRU, Dense,
 * Embedding (first layer only), Dropout and Bidirectional (of a stateless SimpleRNN/LSTM/GRU); recurrent layers
 * only on sequences (so no RNN after a returnSequences=false layer), softmax only in Dense.
 */
export function unsupportedReason(layers: readonly LayerOf[]): string | null {
  let sequence = true;
  for (const [i, l] of layers.entries()) {
    switch (l.kind) {
      case 'dense':
      case 'dropout':
        break;
      case 'embedding':
        if (i !== 0) return `layers[${i}] (embedding) must be the first layer (it reads token ids)`;
        break;
      case 'bidirectional': {
        const inner = recurrentOf(l.config.layer) as LayerOf;
        if (inner.kind !== 'simpleRNN' && inner.kind !== 'lstm' && inner.kind !== 'gru') return `layers[${i}].bidirectional wraps ${inner.kind}`;
        if (inner.config.stateful) return `layers[${i}].bidirectional.layer.${inner.kind}: stateful Bidirectional layers are not implemented; set stateful: false`;
        const problem = recurrentProblem(inner, sequence, `layers[${i}].bidirectional.layer`);
        if (problem !== null) return problem;
        sequence = inner.config.returnSequences;
        break;
      }
      case 'simpleRNN':
      case 'lstm':
      case 'gru': {
        const problem = recurrentProblem(l, sequence, `layers[${i}]`);
        if (problem !== null) return problem;
        sequence = l.config.returnSequences;
        break;
      }
      default:
        return `layers[${i}] has kind ${(l as { kind: string }).kind}, which the fused engine does not implement`;
    }
  }
  return null;
}

function recurrentProblem(l: Extract<LayerOf, { kind: 'simpleRNN' | 'lstm' | 'gru' }>, sequence: boolean, where: string): string | null {
  if (!sequence) return `${where} (${l.kind}) follows a layer that returns one row per sequence; set returnSequences: true on the recurrent layer before it`;
  const acts = l.kind === 'simpleRNN' ? [l.config.activation] : [l.config.activation, l.config.recurrentActivation];
  if (acts.includes('softmax')) return `${where} (${l.kind}) uses softmax inside a recurrent cell, which the fused engine does not implement`;
  return null;
}
