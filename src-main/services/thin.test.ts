import { describe, expect, it } from 'vitest';
import { thin } from './lab-handlers.js';

const curve = (n: number) => ({ epochs: Array.from({ length: n }, (_, i) => i + 1), values: Array.from({ length: n }, (_, i) => (i + 1) / 10) });

describe('thin (curves sent to the app)', () => {
  it('keeps short curves as they are', () => {
    const c = curve(50);
    expect(thin(c, 2000)).toBe(c);
  });

  it('keeps at most max points, the first and the last, evenly spaced, values with their epochs', () => {
    for (const [n, max] of [[10_001, 2000], [30_000, 2000], [3000, 7], [2001, 2000]] as const) {
      const t = thin(curve(n), max);
      expect(t.epochs.length, `${n}/${max}`).toBeLessThanOrEqual(max);
      expect(t.epochs[0]).toBe(1);
      expect(t.epochs.at(-1)).toBe(n);
      t.epochs.forEach((e, i) => expect(t.values[i]).toBeCloseTo(e / 10, 12));
      const gaps = new Set(t.epochs.slice(1, -1).map((e, i) => e - t.epochs[i]!));
      expect(gaps.size, `${n}/${max}: one stride`).toBe(1);
    }
  });

  it('gives curves of equal length the same epochs (so mean ± std per epoch still lines up)', () => {
    expect(thin(curve(12_345), 500).epochs).toEqual(thin({ ...curve(12_345), values: curve(12_345).values.map((v) => -v) }, 500).epochs);
  });
});
