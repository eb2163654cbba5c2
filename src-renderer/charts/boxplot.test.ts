import { describe, expect, it } from 'vitest';
import { baselineLines, boxplotOption } from './boxplot.js';
import { summarizeOption } from './summary.js';
import { jitter } from './stats.js';

const groups = [
  { label: 'default', values: [1, 2, 3, 4, 5], baselines: { persistence: 6 } },
  { label: 'units=8', values: [2, 2.5, 3], baselines: { persistence: 6 } },
];

describe('boxplotOption', () => {
  it('draws one box per group, one point per repeat and one deduplicated baseline line', () => {
    const option = boxplotOption(groups, { metric: 'rmse', theme: 'light' });
    expect(summarizeOption(option)).toEqual([
      { type: 'boxplot', name: 'rmse', points: 2, markLines: [6] },
      { type: 'scatter', name: 'repeats', points: 8, markLines: [] },
    ]);
  });

  it('computes the five numbers with linear quartiles when no box is given', () => {
    const option = boxplotOption(groups, { metric: 'rmse', theme: 'dark' });
    const series = option.series as { data: { value: number[] }[] }[];
    expect(series[0]!.data[0]!.value).toEqual([1, 2, 3, 4, 5]);
    expect(series[0]!.data[1]!.value).toEqual([2, 2.25, 2.5, 2.75, 3]);
  });

  it('uses a given box as is', () => {
    const option = boxplotOption([{ label: 'x', values: [1, 9], box: [0, 1, 2, 3, 4] }], { metric: 'mae', theme: 'light' });
    expect((option.series as { data: { value: number[] }[] }[])[0]!.data[0]!.value).toEqual([0, 1, 2, 3, 4]);
  });

  it('jitters points deterministically within ±0.15 of the group centre', () => {
    const a = boxplotOption(groups, { metric: 'rmse', theme: 'light' });
    const b = boxplotOption(groups, { metric: 'rmse', theme: 'light' });
    const pa = (a.series as { data: { value: [number, number] }[] }[])[1]!.data.map((d) => d.value);
    const pb = (b.series as { data: { value: [number, number] }[] }[])[1]!.data.map((d) => d.value);
    expect(pa).toEqual(pb);
    expect(pa[0]![0]).toBe(jitter(0, 0));
    pa.slice(0, 5).forEach(([x, y], i) => {
      expect(Math.abs(x)).toBeLessThanOrEqual(0.15);
      expect(y).toBe(groups[0]!.values[i]);
    });
    pa.slice(5).forEach(([x]) => expect(Math.abs(x - 1)).toBeLessThanOrEqual(0.15));
    expect(new Set(pa.map(([x]) => x)).size).toBe(pa.length);
  });

  it("names each point's repeat, fold and seed for its tooltip", () => {
    const option = boxplotOption(
      [{ label: 'units=4', values: [1.5, 2.5], points: [{ repeat: 1, seed: 11 }, { repeat: 2, seed: 22, fold: 0 }] }, { label: 'plain', values: [3] }],
      { metric: 'rmse', theme: 'light' },
    );
    const scatter = (option.series as { data: { name: string; value: [number, number] }[]; tooltip: { formatter: (x: unknown) => string } }[])[1]!;
    expect(scatter.data.map((d) => d.name)).toEqual(['units=4: repeat 1 · seed 11', 'units=4: repeat 2, fold 1 · seed 22', 'plain']);
    expect(scatter.tooltip.formatter(scatter.data[1])).toBe('units=4: repeat 2, fold 1 · seed 22<br/>rmse 2.500');
  });

  it('aligns the hidden value axis with the category centres and covers the baseline', () => {
    const option = boxplotOption(groups, { metric: 'rmse', theme: 'light' });
    const xAxes = option.xAxis as { type: string; min?: number; max?: number }[];
    expect(xAxes[1]).toMatchObject({ type: 'value', min: -0.5, max: 1.5 });
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeLessThanOrEqual(1);
    expect(y.max).toBeGreaterThan(6);
  });

  it('keeps distinct baselines apart', () => {
    expect(baselineLines([{ label: 'a', values: [], baselines: { persistence: 1 } }, { label: 'b', values: [], baselines: { persistence: 2 } }])).toEqual([
      { name: 'persistence', value: 1 },
      { name: 'persistence', value: 2 },
    ]);
  });
});

describe('boxplot labels of a grid', () => {
  it("stack one setting per line so neighbouring labels do not collide, with room below", () => {
    const o = boxplotOption([{ label: 'units=1, epochs=20', values: [1, 2] }, { label: 'units=4, epochs=40', values: [2, 3] }], { metric: 'rmse', theme: 'light' });
    const axis = (o.xAxis as { axisLabel: { formatter: (v: string) => string } }[])[0]!;
    expect(axis.axisLabel.formatter('units=1, epochs=20')).toBe('units=1\nepochs=20');
    expect((o.grid as { bottom: number }).bottom).toBe(84);
  });

  it('with more than four boxes of the same settings: the values under each box, the settings named once on the axis', () => {
    const labels = [1, 4].flatMap((u) => [0.001, 0.01].flatMap((lr) => [10, 20].map((e) => `units=${u}, epochs=${e}, learningRate=${lr}`)));
    const o = boxplotOption(labels.map((label) => ({ label, values: [1, 2] })), { metric: 'rmse', theme: 'light' });
    const axis = (o.xAxis as { name?: string; axisLabel: { formatter: (v: string) => string } }[])[0]!;
    expect(axis.axisLabel.formatter(labels[0]!)).toBe('1\n10\n0.001');
    expect(axis.name).toBe('units\nepochs\nlearningRate');
    // Labels that differ in their settings keep them.
    const mixed = boxplotOption(['a=1', 'a=2', 'b=1', 'a=3', 'a=4'].map((label) => ({ label, values: [1] })), { metric: 'rmse', theme: 'light' });
    expect((mixed.xAxis as { axisLabel: { formatter: (v: string) => string } }[])[0]!.axisLabel.formatter('a=1')).toBe('a=1');
  });
});
