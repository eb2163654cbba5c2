import { describe, expect, it } from 'vitest';
import { predictionGrid, predictionsOption, type PredictionsData } from './predictions.js';
import { summarizeOption } from './summary.js';

const pt = (step: number, predicted: number, split: 'train' | 'test' = step >= 3 ? 'test' : 'train') => ({ split, step, actual: step * 10, predicted });

const data: PredictionsData = {
  trials: [
    { trialId: 1, configIndex: 0, repeat: 1, points: [pt(1, 11), pt(2, 21), pt(3, 31), pt(4, 41)] },
    { trialId: 2, configIndex: 0, repeat: 2, points: [pt(1, 9), pt(2, 19), pt(3, 29), pt(4, 39)] },
    { trialId: 3, configIndex: 0, repeat: 3, points: [pt(1, 10), pt(2, 20), pt(3, 35), pt(4, 40)] },
    { trialId: 4, configIndex: 1, repeat: 1, points: [pt(1, 0)] },
  ],
  baselines: [{ configIndex: 0, name: 'persistence', points: [pt(3, 20), pt(4, 30)] }],
  labels: [],
};

describe('predictionGrid', () => {
  it('aligns repeats on steps and computes median, min and max per step', () => {
    const g = predictionGrid(data, 0);
    expect(g.steps).toEqual([1, 2, 3, 4]);
    expect(g.labels).toEqual(['1', '2', '3', '4']);
    expect(g.actual).toEqual([10, 20, 30, 40]);
    expect(g.median).toEqual([10, 20, 31, 40]);
    expect(g.min).toEqual([9, 19, 29, 39]);
    expect(g.max).toEqual([11, 21, 35, 41]);
    expect(g.splitIndex).toBe(2);
    expect(g.baselines[0]!.values).toEqual([null, null, 20, 30]);
  });

  it('uses the given time labels', () => {
    expect(predictionGrid({ ...data, labels: ['a', 'b', 'c', 'd', 'e'] }, 0).labels).toEqual(['b', 'c', 'd', 'e']);
  });

  it('marks no split when every point is a test point', () => {
    const allTest: PredictionsData = { trials: [{ trialId: 1, configIndex: 0, repeat: 1, points: [pt(0, 1, 'test'), pt(1, 2, 'test')] }], baselines: [], labels: [] };
    expect(predictionGrid(allTest, 0).splitIndex).toBe(0);
    const option = predictionsOption(allTest, { configIndex: 0, theme: 'light' });
    expect(summarizeOption(option).at(-1)!.markLines).toEqual([]);
  });

  it('is empty without predictions', () => {
    expect(predictionGrid({ trials: [], baselines: [], labels: [] }, 0).splitIndex).toBe(-1);
  });
});

describe('predictionsOption', () => {
  it('draws faint repeats, the band, the median, the baseline and the actual line with the split marked', () => {
    const option = predictionsOption(data, { configIndex: 0, theme: 'light' });
    const s = summarizeOption(option);
    expect(s.map((x) => `${x.type}:${x.name}`)).toEqual([
      'line:repeats', 'line:repeats', 'line:repeats', 'line:min–max', 'line:min–max', 'line:median', 'line:persistence', 'line:actual',
    ]);
    expect(s.every((x) => x.points === 4)).toBe(true);
    expect(s.at(-1)!.markLines).toEqual([2]);
    const actual = (option.series as { markArea?: { data: unknown[] } }[]).at(-1)!;
    expect(actual.markArea!.data).toEqual([[{ xAxis: 2 }, { xAxis: 3 }]]);
  });

  it('stacks the band as lower + (upper − lower)', () => {
    const option = predictionsOption(data, { configIndex: 0, theme: 'dark', showRepeats: false });
    const series = option.series as { name: string; stack?: string; data: unknown[]; areaStyle?: unknown }[];
    const band = series.filter((x) => x.name === 'min–max');
    expect(band.map((b) => b.stack)).toEqual(['pred-band', 'pred-band']);
    expect(band[0]!.data).toEqual([9, 19, 29, 39]);
    expect(band[1]!.data).toEqual([2, 2, 6, 2]);
    expect(band[1]!.areaStyle).toBeDefined();
    expect(series.some((x) => x.name === 'repeats')).toBe(false);
  });
});
