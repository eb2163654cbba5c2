import { describe, expect, it } from 'vitest';
import { randomPairs, randomWeights, seq2seqRequest, smallArchitecture } from '../../../../testing/fused/seq2seq-fixtures.js';
import type { Seq2seqArchitecture } from '../../seq2seq/types.js';
import { FusedSeq2seqModel } from './model.js';

// Every weight's gradient against central finite differences of the model's own loss, float64, js kernels
// (the native tier is compared with js in tiers.test.ts). The five-point stencil
// (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h with h = 1e-3: truncation ≈ h⁴·|f⁽⁵⁾| ≈ 1e-12 and round-off
// ≈ ε·|f|/h ≈ 1e-12 per element, so gradients as small as W₁'s (≈1e-5) are still checked to 1e-6.
// Bound per weight tensor: ‖g − g_fd‖₂ ≤ 1e-6·‖g_fd‖₂.
const H = 1e-3;
const RELATIVE = 1e-6;

const cases: [string, Partial<Seq2seqArchitecture>][] = [
  ['plain encoder–decoder', {}],
  ['Bahdanau attention', { attention: 'bahdanau', attentionUnits: 4 }],
  ['bidirectional encoder with attention', { encoderUnits: [2], decoderUnits: [4], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 3 }],
  ['bidirectional encoder without attention', { encoderUnits: [2], decoderUnits: [4], bidirectionalEncoder: true }],
  ['2-layer stacks with attention', { encoderUnits: [3, 4], decoderUnits: [3, 4], attention: 'bahdanau', attentionUnits: 3 }],
  ['2-layer bidirectional stacks with attention', { encoderUnits: [2, 2], decoderUnits: [4, 4], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 3, sourceVocab: 5, targetVocab: 6 }],
];

describe('fused seq2seq gradients vs central finite differences (float64)', () => {
  for (const [name, overrides] of cases) {
    it(name, () => {
      const a = smallArchitecture(overrides);
      // 4 pairs, source 5 steps (lengths 5 and shorter: padding), targets 5 steps (padded too).
      const pairs = randomPairs(4, 5, 5, a.sourceVocab, a.targetVocab, 7, 1);
      expect(Array.from(pairs.sourceLengths).some((l) => l < 5)).toBe(true);
      expect(Array.from(pairs.targetLengths).some((l) => l < 5)).toBe(true);
      const model = new FusedSeq2seqModel(seq2seqRequest(a, randomWeights(a, 3, 1), 4), { kernels: 'js' });
      model.lossAndGradients(pairs);
      const analytic = model.getGradients();
      const p = model.params;
      let offset = 0;
      for (const g of analytic) {
        let diff = 0;
        let norm = 0;
        for (let i = 0; i < g.values.length; i++) {
          const k = offset + i;
          const w = p[k]!;
          const f = (x: number) => {
            p[k] = x;
            return model.lossAndGradients(pairs);
          };
          const fd = (-f(w + 2 * H) + 8 * f(w + H) - 8 * f(w - H) + f(w - 2 * H)) / (12 * H);
          p[k] = w;
          diff += (g.values[i]! - fd) ** 2;
          norm += fd * fd;
        }
        offset += g.values.length;
        expect(norm, `${g.name} has a zero gradient: the check would be empty`).toBeGreaterThan(1e-12);
        expect(Math.sqrt(diff / norm), g.name).toBeLessThanOrEqual(RELATIVE);
      }
    });
  }
});
