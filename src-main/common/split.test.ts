import { describe, expect, it } from 'vitest';
import { randomSplit, stratifiedSplit } from './split.js';

const labels = Array.from({ length: 1000 }, (_, i) => (i * 7) % 10);

describe('stratified split', () => {
  it('is deterministic per seed, disjoint, covering, and keeps class proportions', () => {
    const a = stratifiedSplit(labels, 0.2, 42);
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual(a);
    expect(stratifiedSplit(labels, 0.2, 43).test).not.toEqual(a.test);
    const all = new Set([...a.train, ...a.test]);
    expect(all.size).toBe(1000);
    expect(a.train.length + a.test.length).toBe(1000);
    for (let c = 0; c < 10; c++) expect([...a.test].filter((i) => labels[i] === c)).toHaveLength(20);
  });

  it('random split is deterministic and disjoint too', () => {
    const s = randomSplit(100, 0.25, 1);
    expect(s).toEqual(randomSplit(100, 0.25, 1));
    expect(s.test).toHaveLength(25);
    expect(new Set([...s.train, ...s.test]).size).toBe(100);
  });
});
