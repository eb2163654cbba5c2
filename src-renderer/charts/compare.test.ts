import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src-main/contract/api.js';
import { compareOption } from './compare.js';
import { summarizeOption } from './summary.js';

const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { count: s.length, mean: 0, std: 0, sem: 0, ciLow: 0, ciHigh: 0, min: s[0]!, q25: s[0]!, q50: s[1]!, q75: s[2]!, max: s[2]! };
};

const group = (label: string, experimentId: number, values: number[]) => ({
  label, title: `#${experimentId} ${label}`, experimentId, experimentName: label, configIndex: 0, params: {},
  values, units: values.map((_, i) => ({ repeat: i + 1, seed: i })), summary: summary(values), baselines: { persistence: 5 },
});

const result: CompareResult = {
  metric: 'rmse',
  higherIsBetter: false,
  reference: 1,
  correction: 'holm',
  alpha: 0.05,
  bootstrap: { method: 'percentile', seed: 1, resamples: 2000, level: 0.95 },
  design: 'paired',
  groups: [group('#1 a', 1, [1, 2, 3]), group('#2 b', 2, [2, 3, 4])],
  differing: [],
  againstReference: [],
  allPairs: [],
  ranks: null,
  notes: [],
};

describe('compareOption', () => {
  it('puts every group on one category axis with the summary boxes and a shared baseline line', () => {
    const option = compareOption(result, 'light');
    expect(summarizeOption(option)).toEqual([
      { type: 'boxplot', name: 'rmse', points: 2, markLines: [5] },
      { type: 'scatter', name: 'repeats', points: 6, markLines: [] },
    ]);
    expect((option.xAxis as { data?: string[] }[])[0]!.data).toEqual(['#1 a', '#2 b']);
    const boxes = (option.series as { data: { value: number[]; itemStyle: { borderWidth: number } }[] }[])[0]!.data;
    expect(boxes[0]!.value).toEqual([1, 1, 2, 3, 3]);
    expect(boxes[1]!.itemStyle.borderWidth).toBeGreaterThan(boxes[0]!.itemStyle.borderWidth);
  });
});
