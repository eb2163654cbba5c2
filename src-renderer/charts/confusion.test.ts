import { describe, expect, it } from 'vitest';
import { confusionCells, confusionOption, sumMatrices } from './confusion.js';
import { summarizeOption } from './summary.js';

const identity = (n: number, k: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? k : 0)));

describe('sumMatrices', () => {
  it('adds matrices cell by cell', () => {
    expect(sumMatrices([[[1, 2], [3, 4]], [[10, 0], [0, 10]]])).toEqual([[11, 2], [3, 14]]);
    expect(sumMatrices([])).toEqual([]);
  });

  it('refuses matrices of different sizes', () => {
    expect(() => sumMatrices([identity(2, 1), identity(3, 1)])).toThrow(/expected 2 rows, got 3/);
  });
});

describe('confusionOption', () => {
  it('draws one heatmap cell per (true, predicted) pair with the visualMap up to the largest count', () => {
    const m = identity(10, 90);
    m[3]![5] = 7; // seven 3s taken for 5s
    const option = confusionOption(m, { theme: 'light' });
    expect(summarizeOption(option)).toEqual([{ type: 'heatmap', name: 'count', points: 100, markLines: [] }]);
    expect((option.visualMap as { max: number }).max).toBe(90);
    const data = (option.series as { data: { value: [number, number, number] }[] }[])[0]!.data;
    // x = predicted, y = true
    expect(data.find((d) => d.value[0] === 5 && d.value[1] === 3)!.value[2]).toBe(7);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
  });

  it('keeps a positive visualMap range for an empty matrix', () => {
    expect((confusionOption(identity(10, 0), { theme: 'dark' }).visualMap as { max: number }).max).toBe(1);
  });

  it('lists cells row by row', () => {
    expect(confusionCells([[1, 2], [3, 4]])).toEqual({ cells: [[0, 0, 1], [1, 0, 2], [0, 1, 3], [1, 1, 4]], max: 4 });
  });
});
