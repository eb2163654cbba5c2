import { describe, expect, it } from 'vitest';
import { liveLossOption } from './live-loss.js';
import { summarizeOption } from './summary.js';

describe('liveLossOption', () => {
  it('draws one [epoch, loss] line per repeat, active ones in the legend', () => {
    const option = liveLossOption(
      [
        { label: 'repeat 1', epochs: [1, 2, 3], losses: [3, 2, 1], active: false },
        { label: 'repeat 2', epochs: [1, 2], losses: [4, 3], active: true },
      ],
      { theme: 'light', totalEpochs: 30 },
    );
    expect(summarizeOption(option)).toEqual([
      { type: 'line', name: 'repeat 1', points: 3, markLines: [] },
      { type: 'line', name: 'repeat 2', points: 2, markLines: [] },
    ]);
    expect((option.series as { data: number[][] }[])[1]!.data).toEqual([[1, 4], [2, 3]]);
    expect((option.legend as { data: string[] }).data).toEqual(['repeat 2']);
    expect((option.xAxis as { max?: number }).max).toBe(30);
  });

  it('leaves the x axis free when the epoch count is unknown', () => {
    expect((liveLossOption([], { theme: 'dark', totalEpochs: 0 }).xAxis as { max?: number }).max).toBeUndefined();
  });
});

describe('liveLossOption in a grid', () => {
  it("colours repeats by configuration, names them by it, and keeps a cancelled repeat's curve dashed", () => {
    const option = liveLossOption(
      [
        { label: 'repeat 1', epochs: [1, 2], losses: [3, 2], active: false, config: 0 },
        { label: 'repeat 1', epochs: [1], losses: [4], active: false, config: 1, cancelled: true },
        { label: 'repeat 2', epochs: [1], losses: [5], active: true, config: 0 },
        { label: 'repeat 2', epochs: [1], losses: [6], active: true, config: 1 },
      ],
      { theme: 'light', totalEpochs: 3, configs: ['units=1', 'units=4'] },
    );
    const series = option.series as { name: string; lineStyle: { color: string; type: string } }[];
    expect(series.map((x) => x.name)).toEqual(['units=1', 'units=4', 'units=1', 'units=4']);
    expect(series[2]!.lineStyle.color).toBe('#2563eb');
    expect(series[3]!.lineStyle.color).toBe('#d97706');
    expect(series[0]!.lineStyle.color).toBe('rgba(37, 99, 235, 0.35)'); // faint, same hue as its configuration
    expect(series[1]!.lineStyle.type).toBe('dashed');
    expect((option.legend as { data: string[] }).data).toEqual(['units=1', 'units=4']);
  });
});

describe('liveLossOption thinning', () => {
  it('draws at most about maxPoints per curve, ending at the latest epoch', () => {
    const epochs = Array.from({ length: 10_000 }, (_, i) => i);
    const option = liveLossOption([{ label: 'r', epochs, losses: epochs.map((e) => 1 / (e + 1)), active: true }], { theme: 'light', totalEpochs: 10_000, maxPoints: 500 });
    const data = (option.series as { data: number[][] }[])[0]!.data;
    expect(data.length).toBeLessThanOrEqual(501);
    expect(data.at(-1)).toEqual([9999, 1 / 10_000]);
  });
});
