import { describe, expect, it } from 'vitest';
import { foldAssignment, foldSplit, foldSplitSeed, randomSplit, stratifiedSplit } from './split.js';

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

describe('K-fold assignment', () => {
  // 3 classes of 23, 11 and 7 rows (41 in all), in a scrambled order.
  const classes = Array.from({ length: 41 }, (_, i) => (i * 17) % 41).map((v) => (v < 23 ? 0 : v < 34 ? 1 : 2));

  it('is disjoint and covering: every row is held out by exactly one of the K folds', () => {
    const assignment = foldAssignment(41, 5, 9, classes);
    const held = Array.from({ length: 5 }, (_, k) => [...foldSplit(assignment, k).test]);
    expect(held.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    for (let k = 0; k < 5; k++) {
      const s = foldSplit(assignment, k);
      expect(s.train.length + s.test.length).toBe(41);
      expect([...s.train].some((r) => held[k]!.includes(r))).toBe(false);
    }
    // Fold sizes 41 / 5 = 8.2: four of 8 and one of 9, never further apart than 1.
    expect(held.map((h) => h.length).sort()).toEqual([8, 8, 8, 8, 9]);
  });

  it('stratified: every fold holds every class within ±1 of its share', () => {
    for (const seed of [1, 2, 3, 99]) {
      const assignment = foldAssignment(41, 5, seed, classes);
      for (const [cls, count] of [[0, 23], [1, 11], [2, 7]] as const) {
        const perFold = Array.from({ length: 5 }, (_, k) => [...foldSplit(assignment, k).test].filter((r) => classes[r] === cls).length);
        expect(perFold.reduce((a, b) => a + b, 0)).toBe(count);
        expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
        expect(Math.min(...perFold)).toBe(Math.floor(count / 5));
      }
    }
  });

  it('is deterministic per seed and changes with it; unstratified folds still cover every row', () => {
    expect(foldAssignment(41, 5, 7, classes)).toEqual(foldAssignment(41, 5, 7, classes));
    expect(foldAssignment(41, 5, 8, classes)).not.toEqual(foldAssignment(41, 5, 7, classes));
    const plain = foldAssignment(41, 4, 7);
    expect(plain).toEqual(foldAssignment(41, 4, 7));
    expect([0, 1, 2, 3].map((k) => [...plain].filter((f) => f === k).length)).toEqual([11, 10, 10, 10]);
  });

  it('seeds each repeat\'s split by master seed and repeat alone', () => {
    expect(foldSplitSeed(5, 0)).toBe(foldSplitSeed(5, 0));
    expect(new Set([0, 1, 2, 3].map((r) => foldSplitSeed(5, r))).size).toBe(4);
    expect(foldSplitSeed(6, 0)).not.toBe(foldSplitSeed(5, 0));
  });
});
