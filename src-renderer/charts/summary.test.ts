import { describe, expect, it } from 'vitest';
import { summarizeOption } from './summary.js';

describe('summarizeOption', () => {
  it('lists type, name, data length and markLine values of each series', () => {
    expect(
      summarizeOption({
        series: [
          { type: 'line', name: 'a', data: [1, 2, 3], markLine: { data: [{ xAxis: 4 }, { yAxis: 2.5 }, [{ coord: [0, 1] }, { coord: [1, 1] }]] } },
          { type: 'scatter', data: [] },
        ],
      }),
    ).toEqual([
      { type: 'line', name: 'a', points: 3, markLines: [4, 2.5, null] },
      { type: 'scatter', name: '', points: 0, markLines: [] },
    ]);
  });

  it('accepts a single series object and no series', () => {
    expect(summarizeOption({ series: { type: 'boxplot', name: 'b', data: [[1, 2, 3, 4, 5]] } })).toHaveLength(1);
    expect(summarizeOption({})).toEqual([]);
  });
});
