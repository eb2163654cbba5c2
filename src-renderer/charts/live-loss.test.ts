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

describe('liveLossOption thinning', () => {
  it('draws at most about maxPoints per curve, ending at the latest epoch', () => {
    const epochs = Array.from({ length: 10_000 }, (_, i) => i);
    const option = liveLossOption([{ label: 'r', epochs, losses: epochs.map((e) => 1 / (e + 1)), active: true }], { theme: 'light', totalEpochs: 10_000, maxPoints: 500 });
    const data = (option.series as { data: number[][] }[])[0]!.data;
    expect(data.length).toBeLessThanOrEqual(501);
    expect(data.at(-1)).toEqual([9999, 1 / 10_000]);
  });
});
