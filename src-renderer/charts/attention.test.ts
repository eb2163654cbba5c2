import { describe, expect, it } from 'vitest';
import { attentionOption } from './attention.js';
import { summarizeOption } from './summary.js';

describe('attentionOption', () => {
  it('draws one cell per (output, source) character with α as the value, repeated characters as their own columns', () => {
    const alpha = [[0.7, 0.2, 0.1], [0, 0.5, 0.5]];
    const option = attentionOption(['a', 'n', 'n'], ['x', '\n'], alpha, { theme: 'light' });
    expect(summarizeOption(option)).toEqual([{ type: 'heatmap', name: 'α', points: 6, markLines: [] }]);
    const data = (option.series as { data: [number, number, number][] }[])[0]!.data;
    expect(data.find(([j, t]) => j === 1 && t === 1)![2]).toBe(0.5);
    const x = (option.xAxis as { data: string[] }).data;
    expect(new Set(x).size).toBe(3);
    expect(x.map((l) => l.replace(/\u200b/g, ''))).toEqual(['a', 'n', 'n']);
    expect((option.yAxis as { data: string[] }).data.map((l) => l.replace(/\u200b/g, ''))).toEqual(['x', '⏎']);
    expect((option.visualMap as { max: number }).max).toBe(1);
  });
});
