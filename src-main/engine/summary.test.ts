import { describe, expect, it } from 'vitest';
import { ModelSpec } from '../contract/layers.js';
import { formatSummary, modelSummary } from './summary.js';

const spec = (layers: Record<string, unknown>[]) => ModelSpec.parse({ layers });

// REFERENCE.md, "Parameter counts printed in the seeds".
describe('modelSummary reproduces the seeds’ Keras parameter counts', () => {
  it('Dense(32) on (100, 10) → 352; SimpleRNN(32) after it → 2,080', () => {
    const s = modelSummary(spec([{ dense: { units: 32 } }, { simpleRNN: { units: 32 } }]), { steps: 100, features: 10 });
    expect(s.rows).toEqual([
      { name: 'dense_1 (Dense)', outputShape: '(None, 100, 32)', params: 352 },
      { name: 'simple_rnn_1 (SimpleRNN)', outputShape: '(None, 32)', params: 2080 },
    ]);
    expect(s.total).toBe(2432);
  });

  it('Dense(32) + 4×SimpleRNN(32) (three returning sequences) → 8,672', () => {
    const rnn = (returnSequences: boolean) => ({ simpleRNN: { units: 32, returnSequences } });
    const s = modelSummary(spec([{ dense: { units: 32 } }, rnn(true), rnn(true), rnn(true), rnn(false)]), { steps: 100, features: 10 });
    expect(s.rows.map((r) => r.name)).toEqual(['dense_1 (Dense)', 'simple_rnn_1 (SimpleRNN)', 'simple_rnn_2 (SimpleRNN)', 'simple_rnn_3 (SimpleRNN)', 'simple_rnn_4 (SimpleRNN)']);
    expect(s.rows.map((r) => r.outputShape)).toEqual(['(None, 100, 32)', '(None, 100, 32)', '(None, 100, 32)', '(None, 100, 32)', '(None, 32)']);
    expect([s.total, s.trainable, s.nonTrainable]).toEqual([8672, 8672, 0]);
  });

  it('seq2seq LSTM(512) on 86 tokens → 1,226,752 and on 111 → 1,277,952', () => {
    expect(modelSummary(spec([{ lstm: { units: 512 } }]), { steps: 16, features: 86 }).total).toBe(1_226_752);
    expect(modelSummary(spec([{ lstm: { units: 512 } }]), { steps: 16, features: 111 }).total).toBe(1_277_952);
  });

  it('Bidirectional(LSTM(128)) on 28 features → 2·4·(128·(28+128)+128) = 160,768, output (None, 256)', () => {
    const s = modelSummary(spec([{ bidirectional: { layer: { lstm: { units: 128 } } } }, { dense: { units: 10, activation: 'softmax' } }]), { steps: 28, features: 28 });
    expect(s.rows[0]).toEqual({ name: 'bidirectional_1 (Bidirectional)', outputShape: '(None, 256)', params: 160_768 });
    expect(s.rows[1]).toEqual({ name: 'dense_1 (Dense)', outputShape: '(None, 10)', params: 2570 });
  });

  it('Embedding, Dropout and GRU rows', () => {
    const s = modelSummary(spec([{ embedding: { inputDim: 50, outputDim: 8 } }, { gru: { units: 4, returnSequences: true } }, { dropout: { rate: 0.2 } }, { dense: { units: 50 } }]), { steps: 20, features: 1 });
    expect(s.rows).toEqual([
      { name: 'embedding_1 (Embedding)', outputShape: '(None, 20, 8)', params: 400 },
      // Keras GRU reset_after: 3·(4·(8+4) + 2·4)
      { name: 'gru_1 (GRU)', outputShape: '(None, 20, 4)', params: 168 },
      { name: 'dropout_1 (Dropout)', outputShape: '(None, 20, 4)', params: 0 },
      { name: 'dense_1 (Dense)', outputShape: '(None, 20, 50)', params: 250 },
    ]);
  });
});

describe('formatSummary', () => {
  it('prints the Keras 2 table', () => {
    const text = formatSummary(modelSummary(spec([{ dense: { units: 32 } }, { simpleRNN: { units: 32 } }]), { steps: 100, features: 10 }));
    const rule = (c: string) => c.repeat(65);
    expect(text.split('\n')).toEqual([
      rule('_'),
      'Layer (type)                 Output Shape              Param #   ',
      rule('='),
      'dense_1 (Dense)              (None, 100, 32)           352       ',
      rule('_'),
      'simple_rnn_1 (SimpleRNN)     (None, 32)                2080      ',
      rule('='),
      'Total params: 2,432',
      'Trainable params: 2,432',
      'Non-trainable params: 0',
      rule('_'),
    ]);
  });

  it('takes bare rows too, and widens a column for a long name', () => {
    const text = formatSummary(modelSummary(spec([{ bidirectional: { layer: { lstm: { units: 128 } } } }]), { steps: 28, features: 28 }).rows);
    expect(text).toContain('bidirectional_1 (Bidirectional) (None, 256)');
    expect(text).toContain('Total params: 160,768');
  });
});
