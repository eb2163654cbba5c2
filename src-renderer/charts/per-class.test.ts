import { describe, expect, it } from 'vitest';
import { perClassMeans, perClassOption } from './per-class.js';
import { summarizeOption } from './summary.js';

describe('perClassOption', () => {
  it('averages each class over repeats', () => {
    expect(perClassMeans([[1, 0.5], [0.5, 0.5]])).toEqual([0.75, 0.5]);
  });

  it('draws a bar per class and, with several repeats, each repeat as a point', () => {
    const option = perClassOption([[0.9, 0.95, 1], [0.8, 0.85, 1]], { theme: 'light' });
    expect(summarizeOption(option)).toEqual([
      { type: 'bar', name: 'mean accuracy', points: 3, markLines: [] },
      { type: 'scatter', name: 'repeats', points: 6, markLines: [] },
    ]);
    expect((option.yAxis as { min: number; max: number }).max).toBe(1);
    expect((option.yAxis as { min: number }).min).toBe(0.7);
  });

  it('has no repeat points for one repeat and starts at 0 for poor classes', () => {
    const option = perClassOption([[0.2, 0.9]], { theme: 'dark' });
    expect(summarizeOption(option).map((s) => s.type)).toEqual(['bar']);
    expect((option.yAxis as { min: number }).min).toBe(0);
  });
});
