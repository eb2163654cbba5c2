import { describe, expect, it } from 'vitest';
import { pick, strideIndices } from './downsample.js';

describe('strideIndices', () => {
  it('keeps everything when short', () => {
    expect(strideIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(strideIndices(0, 10)).toEqual([]);
  });

  it('keeps about max points including the last', () => {
    const idx = strideIndices(10_001, 1000);
    expect(idx.length).toBeLessThanOrEqual(1001);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(10_000);
    expect(pick(['a', 'b', 'c', 'd', 'e'], strideIndices(5, 2))).toEqual(['a', 'd', 'e']);
  });
});
