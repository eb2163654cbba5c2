import { describe, expect, it } from 'vitest';
import { curveBand } from './curves.js';
import { lossOption, type EpochCurve } from './loss.js';
import { summarizeOption } from './summary.js';

const curves: EpochCurve[] = [
  { trialId: 1, repeat: 1, configIndex: 0, epochs: [1, 2, 3], values: [4, 2, 1] },
  { trialId: 2, repeat: 2, configIndex: 0, epochs: [1, 2, 3], values: [6, 4, 1] },
  { trialId: 3, repeat: 3, configIndex: 0, epochs: [1, 2], values: [5, 3] },
  { trialId: 4, repeat: 1, configIndex: 1, epochs: [1], values: [100] },
];

describe('curveBand (the loss band)', () => {
  it('takes the mean and sample std over the curves that reached each epoch', () => {
    const b = curveBand(curves.slice(0, 3));
    expect(b.epochs).toEqual([1, 2, 3]);
    expect(b.mean).toEqual([5, 3, 1]);
    expect(b.std[0]).toBeCloseTo(1, 12);
    expect(b.std[1]).toBeCloseTo(1, 12);
    expect(b.std[2]).toBe(0);
    expect(b.count).toEqual([3, 3, 2]);
  });
});

describe('lossOption', () => {
  it('clamps the band at zero on a linear axis', () => {
    const option = lossOption([{ trialId: 1, repeat: 1, configIndex: 0, epochs: [1], values: [0.1] }, { trialId: 2, repeat: 2, configIndex: 0, epochs: [1], values: [2] }], {
      configIndex: 0, theme: 'light',
    });
    expect((option.series as { data: [number, number][] }[])[0]!.data[0]![1]).toBe(0);
  });

  it('draws the band and the mean of one configuration', () => {
    const option = lossOption(curves, { configIndex: 0, theme: 'light' });
    expect(summarizeOption(option)).toEqual([
      { type: 'line', name: 'mean ± std', points: 3, markLines: [] },
      { type: 'line', name: 'mean ± std', points: 3, markLines: [] },
      { type: 'line', name: 'mean', points: 3, markLines: [] },
    ]);
    const series = option.series as { data: [number, number][] }[];
    expect(series[0]!.data.map(([e, v]) => [e, Number(v.toFixed(9))])).toEqual([[1, 4], [2, 2], [3, 1]]);
    expect(series[1]!.data.map(([, v]) => Number(v.toFixed(9)))).toEqual([2, 2, 0]);
    expect(series[2]!.data).toEqual([[1, 5], [2, 3], [3, 1]]);
  });

  it('adds every repeat when asked, aligned on the epochs', () => {
    const option = lossOption(curves, { configIndex: 0, theme: 'dark', showRepeats: true });
    const series = option.series as { name: string; data: (number | null)[] }[];
    const repeats = series.filter((s) => s.name === 'repeats');
    expect(repeats).toHaveLength(3);
    expect(repeats[2]!.data).toEqual([[1, 5], [2, 3], [3, null]]);
  });

  it('clamps the band above zero on a log axis', () => {
    const option = lossOption([{ trialId: 1, repeat: 1, configIndex: 0, epochs: [1], values: [1] }, { trialId: 2, repeat: 2, configIndex: 0, epochs: [1], values: [3] }], {
      configIndex: 0, theme: 'light', log: true,
    });
    expect((option.series as { data: [number, number][] }[])[0]!.data[0]![1]).toBeGreaterThan(0);
    expect((option.yAxis as { type: string }).type).toBe('log');
  });
});

describe('lossOption thinning', () => {
  it('thins long runs by a stride, keeping the last epoch', () => {
    const epochs = Array.from({ length: 9000 }, (_, i) => i + 1);
    const option = lossOption([{ trialId: 1, repeat: 1, configIndex: 0, epochs, values: epochs.map((e) => 1 / e) }], {
      configIndex: 0, theme: 'light', maxPoints: 300, showRepeats: true,
    });
    const series = option.series as { data: [number, number][] }[];
    const n = series[0]!.data.length;
    expect(n).toBeLessThanOrEqual(301);
    expect(series[0]!.data.at(-1)![0]).toBe(9000);
    for (const s of series) expect(s.data).toHaveLength(n);
    expect((option.xAxis as { max: number }).max).toBe(9000);
  });
});
