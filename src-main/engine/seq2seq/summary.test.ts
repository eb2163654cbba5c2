import { describe, expect, it } from 'vitest';
import { Seq2seqSpec } from '../../contract/seq2seq.js';
import { initialSeq2seqWeights, seq2seqArchitecture, seq2seqParamCount } from './architecture.js';
import { formatFunctionalSummary, seq2seqSummary } from './summary.js';

const arch = (spec: unknown, source: number, target: number) => seq2seqArchitecture(Seq2seqSpec.parse(spec), source, target);

describe('seq2seq summary', () => {
  it("reproduces the seed's parameter counts (86 source, 111 target tokens, latent 512)", () => {
    const s = seq2seqSummary(arch({ encoder: [{ lstm: { units: 512 } }], decoder: [{ lstm: { units: 512 } }] }, 86, 111));
    expect(s.rows.map((r) => [r.name, r.params, r.connectedTo])).toEqual([
      ['input_1 (InputLayer)', 0, []],
      ['input_2 (InputLayer)', 0, []],
      ['lstm_1 (LSTM)', 1_226_752, ['input_1[0][0]']],
      ['lstm_2 (LSTM)', 1_277_952, ['input_2[0][0]', 'lstm_1[0][1]', 'lstm_1[0][2]']],
      // 512·111 + 111
      ['dense_1 (Dense)', 56_943, ['lstm_2[0][0]']],
    ]);
    expect(s.total).toBe(1_226_752 + 1_277_952 + 56_943);
    const text = formatFunctionalSummary(s);
    expect(text).toContain('Connected to');
    expect(text).toMatch(/lstm_2 \(LSTM\) +\[\(None, None, 512\), \(None, 512\), \(None, 512\)\] +1277952 +\['input_2\[0\]\[0\]', 'lstm_1\[0\]\[1\]', 'lstm_1\[0\]\[2\]'\]/);
    expect(text).toContain('Total params: 2,561,647');
  });

  it('counts attention and a bidirectional encoder from the weight layout', () => {
    // Encoder 2 × 4·(8·(5+8)+8) = 896; attention W₁ 16×16 + W₂ 16×16 + v 16 = 528;
    // decoder on 7 + 16 inputs: 4·(16·(23+16)+16) = 2,560; output 16·7 + 7 = 119.
    const a = arch({ encoder: [{ lstm: { units: 8 } }], decoder: [{ lstm: { units: 16 } }], attention: 'bahdanau', bidirectionalEncoder: true }, 5, 7);
    const s = seq2seqSummary(a);
    expect(s.rows.map((r) => r.params)).toEqual([0, 0, 896, 0, 0, 528, 2560, 119]);
    expect(s.rows[5]!.name).toBe('bahdanau_attention_1 (BahdanauAttention)');
    expect(s.total).toBe(seq2seqParamCount(a));
  });
});

describe('seq2seq spec', () => {
  it('writes every default into the parsed spec and parses its own output', () => {
    const spec = Seq2seqSpec.parse({ encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }], attention: 'bahdanau' });
    expect(spec).toEqual({ encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }], attention: 'bahdanau', attentionUnits: 4, bidirectionalEncoder: false });
    expect(Seq2seqSpec.parse(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    const plain = Seq2seqSpec.parse({ encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }] });
    expect(Seq2seqSpec.parse(plain)).toEqual(plain);
  });

  it('refuses widths that cannot hand the state over, naming the field and the fix', () => {
    const r = Seq2seqSpec.safeParse({ encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 8 } }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['decoder', 0, 'lstm', 'units'], message: expect.stringContaining('set it to 4') });
    const bi = Seq2seqSpec.safeParse({ encoder: [{ lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }], bidirectionalEncoder: true });
    expect(bi.error!.issues[0]!.message).toContain('set it to 8');
    const stacks = Seq2seqSpec.safeParse({ encoder: [{ lstm: { units: 4 } }, { lstm: { units: 4 } }], decoder: [{ lstm: { units: 4 } }] });
    expect(stacks.error!.issues[0]!.message).toContain('same number of layers');
  });
});

describe('seq2seq initial weights', () => {
  it('are seeded, in layout order, with the forget block of each bias at 1', () => {
    const a = arch({ encoder: [{ lstm: { units: 3 } }], decoder: [{ lstm: { units: 3 } }] }, 4, 5);
    const w = initialSeq2seqWeights(a, 7);
    expect(w.map((t) => t.name)).toEqual(['encoder[0].kernel', 'encoder[0].recurrentKernel', 'encoder[0].bias', 'decoder[0].kernel', 'decoder[0].recurrentKernel', 'decoder[0].bias', 'output.kernel', 'output.bias']);
    expect(Array.from(w[2]!.values)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(w[7]!.values)).toEqual([0, 0, 0, 0, 0]);
    // Glorot uniform limit √(6 / (4 + 12)); orthogonal recurrent kernel: rows orthonormal (3 × 12, wide).
    const limit = Math.sqrt(6 / 16);
    expect(Math.max(...Array.from(w[0]!.values, Math.abs))).toBeLessThanOrEqual(limit);
    const r = w[1]!.values;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let dot = 0;
      for (let k = 0; k < 12; k++) dot += r[i * 12 + k]! * r[j * 12 + k]!;
      expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
    }
    expect(initialSeq2seqWeights(a, 7)).toEqual(w);
    expect(initialSeq2seqWeights(a, 8)[0]!.values).not.toEqual(w[0]!.values);
  });
});
