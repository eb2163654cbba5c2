import { describe, expect, it } from 'vitest';
import { lossOption } from './loss.js';
import { summarizeOption } from './summary.js';
import { lossCurvesOption, validationMetricNames, validationOption, validationTestId, type EpochCurve } from './validation.js';

const curve = (repeat: number, values: number[], configIndex = 0): EpochCurve => ({
  trialId: repeat, repeat, configIndex, epochs: values.map((_, i) => i + 1), values,
});

describe('validationMetricNames', () => {
  it('leaves loss and val_loss to the loss chart and puts the headline-like metrics first', () => {
    expect(validationMetricNames(['loss', 'val_mae', 'val_loss', 'val_mse', 'val_zzz', 'val_accuracy'])).toEqual(['val_accuracy', 'val_mse', 'val_mae', 'val_zzz']);
    expect(validationMetricNames(['loss'])).toEqual([]);
  });

  it('names the accuracy chart apart', () => {
    expect(validationTestId('val_accuracy')).toBe('accuracy-chart');
    expect(validationTestId('val_bpc')).toBe('validation-chart');
  });
});

describe('lossCurvesOption', () => {
  const train = [curve(1, [3, 2, 1]), curve(2, [5, 2, 1])];
  const val = [curve(1, [4, 3, 2]), curve(2, [4, 3, 4])];

  it('is the plain loss chart without validation curves', () => {
    expect(summarizeOption(lossCurvesOption(train, null, { configIndex: 0, theme: 'light' }))).toEqual(summarizeOption(lossOption(train, { configIndex: 0, theme: 'light' })));
    expect(summarizeOption(lossCurvesOption(train, [curve(1, [1], 1)], { configIndex: 0, theme: 'light' }))).toHaveLength(3);
  });

  it('draws loss and val_loss, each as band and mean', () => {
    const option = lossCurvesOption(train, val, { configIndex: 0, theme: 'dark', showRepeats: true });
    expect(summarizeOption(option).map((s) => s.name)).toEqual([
      'loss repeats', 'loss repeats', 'loss ± std', 'loss ± std', 'loss',
      'val_loss repeats', 'val_loss repeats', 'val_loss ± std', 'val_loss ± std', 'val_loss',
    ]);
    const series = option.series as { name: string; data: [number, number][] }[];
    expect(series.find((s) => s.name === 'val_loss')!.data).toEqual([[1, 4], [2, 3], [3, 3]]);
  });
});

describe('validationOption', () => {
  it('clamps an accuracy band at 1 and names the axis', () => {
    const option = validationOption('val_accuracy', [curve(1, [0.9, 0.99]), curve(2, [0.7, 0.99])], { configIndex: 0, theme: 'light' });
    const series = option.series as { data: [number, number][] }[];
    const lower = series[0]!.data.map(([, v]) => v);
    const width = series[1]!.data.map(([, v]) => v);
    lower.forEach((lo, i) => expect(lo + width[i]!).toBeLessThanOrEqual(1));
    expect((option.yAxis as { name: string }).name).toBe('val_accuracy');
    expect(series[2]!.data).toEqual([[1, 0.8], [2, 0.99]]);
    expect((option.yAxis as { max: number }).max).toBe(1);
  });

  it('keeps a single accuracy inside [0, 1] on the axis', () => {
    const axis = validationOption('val_accuracy', [curve(1, [0.83])], { configIndex: 0, theme: 'light' }).yAxis as { min: number; max: number };
    expect(axis.max).toBeLessThanOrEqual(1);
    expect(axis.min).toBeGreaterThanOrEqual(0);
    expect(axis.min).toBeLessThan(0.83);
  });

  it('spreads the axis around a single epoch', () => {
    const option = validationOption('val_bpc', [curve(1, [2.5])], { configIndex: 0, theme: 'light' });
    expect(option.xAxis).toMatchObject({ min: 0, max: 2 });
  });
});
