import { describe, expect, it } from 'vitest';
import { ModelSpec } from '../contract/layers.js';
import { initialWeights } from './init.js';

const spec = ModelSpec.parse({ layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] });

describe('seeded Keras initialisers', () => {
  it('gives LSTM/Dense weights in Keras shapes with unit forget bias', () => {
    const w = initialWeights(spec, 1, 7);
    expect(w.map((t) => [t.name, t.shape])).toEqual([
      ['layers[0].lstm.kernel', [1, 16]],
      ['layers[0].lstm.recurrentKernel', [4, 16]],
      ['layers[0].lstm.bias', [16]],
      ['layers[1].dense.kernel', [4, 1]],
      ['layers[1].dense.bias', [1]],
    ]);
    expect([...w[2]!.values]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const limit = Math.sqrt(6 / (1 + 16));
    expect(Math.max(...w[0]!.values.map(Math.abs))).toBeLessThanOrEqual(limit);
  });

  it('makes the recurrent kernel orthogonal: its rows are orthonormal (4 × 16, wide)', () => {
    const r = initialWeights(spec, 1, 7)[1]!.values;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let dot = 0;
        for (let k = 0; k < 16; k++) dot += r[a * 16 + k]! * r[b * 16 + k]!;
        // Householder QR in float64: ≈ 1e-15 (initializers.test.ts holds every shape to 1e-12).
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('is a pure function of the seed', () => {
    expect(initialWeights(spec, 1, 7)).toEqual(initialWeights(spec, 1, 7));
    expect(initialWeights(spec, 1, 8)[0]!.values).not.toEqual(initialWeights(spec, 1, 7)[0]!.values);
  });
});
