import { describe, expect, it } from 'vitest';
import { ModelSpec } from '../contract/layers.js';
import { initialSeq2seqWeights, seq2seqArchitecture } from '../engine/seq2seq/architecture.js';
import { seq2seqSummary } from '../engine/seq2seq/summary.js';
import { kerasWeightNames } from './model-export.js';

describe('Keras weight names of an encoder–decoder (safetensors export)', () => {
  it('name the layers as the summary does', () => {
    const model = ModelSpec.parse({ seq2seq: { encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }], attention: 'bahdanau' } });
    const a = seq2seqArchitecture(model.seq2seq!, 5, 6);
    expect(kerasWeightNames(model, initialSeq2seqWeights(a, 1))).toEqual([
      'lstm_1/lstm_cell/kernel', 'lstm_1/lstm_cell/recurrent_kernel', 'lstm_1/lstm_cell/bias',
      'bahdanau_attention_1/query_kernel', 'bahdanau_attention_1/key_kernel', 'bahdanau_attention_1/score_kernel',
      'lstm_2/lstm_cell/kernel', 'lstm_2/lstm_cell/recurrent_kernel', 'lstm_2/lstm_cell/bias',
      'dense_1/kernel', 'dense_1/bias',
    ]);
    const layers = seq2seqSummary(a).rows.map((r) => r.name.split(' ')[0]);
    expect(layers).toEqual(['input_1', 'input_2', 'lstm_1', 'bahdanau_attention_1', 'lstm_2', 'dense_1']);
  });

  it('name a bidirectional encoder Keras-style', () => {
    const model = ModelSpec.parse({ seq2seq: { encoder: [{ lstm: { units: 2 } }], decoder: [{ lstm: { units: 4 } }], bidirectionalEncoder: true } });
    const names = kerasWeightNames(model, initialSeq2seqWeights(seq2seqArchitecture(model.seq2seq!, 5, 6), 1));
    expect(names.slice(0, 4)).toEqual(['bidirectional_1/forward_lstm_1/lstm_cell/kernel', 'bidirectional_1/forward_lstm_1/lstm_cell/recurrent_kernel', 'bidirectional_1/forward_lstm_1/lstm_cell/bias', 'bidirectional_1/backward_lstm_1/lstm_cell/kernel']);
    expect(names[6]).toBe('lstm_1/lstm_cell/kernel');
  });
});
