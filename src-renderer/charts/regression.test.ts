import { describe, expect, it } from 'vitest';
import { regressionOption, type PredictionsData } from './regression.js';
import { summarizeOption } from './summary.js';

const pt = (step: number, actual: number, predicted: number) => ({ split: 'test' as const, step, actual, predicted });

const data: PredictionsData = {
  trials: [
    { trialId: 1, configIndex: 0, repeat: 1, points: [pt(0, 1, 1.5), pt(1, 2, 2.5), pt(2, 3, 2)] },
    { trialId: 2, configIndex: 0, repeat: 2, points: [pt(0, 1, 0.5), pt(1, 2, 1.5), pt(2, 3, 4)] },
    { trialId: 3, configIndex: 1, repeat: 1, points: [pt(0, 1, 9)] },
  ],
  baselines: [],
  labels: [],
};

describe('regressionOption', () => {
  it('draws a plotted instance along its positions: repeats, their mean and the actual values', () => {
    const option = regressionOption(data, { configIndex: 0, theme: 'light', positions: [12.2, 12.3, 12.4] });
    expect(summarizeOption(option).map((s) => [s.name, s.points])).toEqual([
      ['repeats', 3], ['repeats', 3], ['predicted (mean)', 3], ['actual', 3],
    ]);
    const series = option.series as { name: string; data: [number, number][] }[];
    expect(series[2]!.data).toEqual([[12.2, 1], [12.3, 2], [12.4, 3]]);
    expect(series[3]!.data).toEqual([[12.2, 1], [12.3, 2], [12.4, 3]]);
    expect((option.xAxis as { name: string }).name).toBe('t');
  });

  it('draws independent sequences as predicted against actual with the y = x line', () => {
    const option = regressionOption(data, { configIndex: 0, theme: 'dark' });
    expect(summarizeOption(option).map((s) => [s.type, s.name, s.points])).toEqual([
      ['scatter', 'repeat 1', 3], ['scatter', 'repeat 2', 3], ['line', 'y = x', 2],
    ]);
    const series = option.series as { data: [number, number][] }[];
    expect(series[0]!.data[0]).toEqual([1, 1.5]);
    const [a, b] = series[2]!.data;
    expect(a![0]).toBe(a![1]);
    expect(b![0]).toBe(b![1]);
    expect(a![0]).toBeLessThanOrEqual(0.5);
    expect(b![0]).toBeGreaterThanOrEqual(4);
  });

  it('shows only the first repeat when repeats are hidden', () => {
    expect(summarizeOption(regressionOption(data, { configIndex: 0, theme: 'light', showRepeats: false })).map((s) => s.name)).toEqual(['repeat 1', 'y = x']);
    expect(summarizeOption(regressionOption(data, { configIndex: 0, theme: 'light', positions: [1, 2, 3], showRepeats: false })).map((s) => s.name)).toEqual(['predicted (mean)', 'actual']);
  });
});
