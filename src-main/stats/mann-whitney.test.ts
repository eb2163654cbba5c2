import { describe, expect, it } from 'vitest';
import { mannWhitney } from './mann-whitney.js';

describe('Mann–Whitney U', () => {
  it('matches a hand computation', () => {
    // a = [1, 2, 3], b = [4, 5, 6, 7]: ranks of a are 1, 2, 3 → R = 6, U = 6 − 3·4/2 = 0.
    // mean U = 6, sd = √(12/12 · 8) = √8 = 2.8284; z = (6 − 0.5)/2.8284 = 1.9445; p = 2(1 − Φ(1.9445)) = 0.05183.
    const r = mannWhitney([1, 2, 3], [4, 5, 6, 7]);
    expect(r.u).toBe(0);
    expect(r.pValue).toBeCloseTo(0.05183, 4);
  });

  it('uses midranks and the tie correction', () => {
    // a = [1, 2, 2], b = [2, 3]: ranks 1, 3, 3 | 3, 5 → R_a = 7, U = 7 − 6 = 1. Ties: one group of 3 → Σ(t³ − t) = 24.
    // sd = √(6/12 · (6 − 24/20)) = √2.4 = 1.5492; z = (3 − 1 − 0.5)/1.5492 = 0.9682; p = 0.3329.
    const r = mannWhitney([1, 2, 2], [2, 3]);
    expect(r.u).toBe(1);
    expect(r.pValue).toBeCloseTo(0.3329, 3);
  });

  it('gives p = 1 for identical constant samples', () => {
    expect(mannWhitney([2, 2], [2, 2]).pValue).toBe(1);
  });
});
