import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src-main/contract/results.js';
import { axisValues, gridHeatmapOption, gridParallelOption, type GridCell } from './grid-views.js';

const sum = (mean: number, count = 3): Summary => ({ count, mean, std: 1, min: mean - 1, q25: mean, q50: mean, q75: mean, max: mean + 1, sem: 0.5, ciLow: mean - 2, ciHigh: mean + 2 });
// units × epochs, last key fastest (as gridCombos orders them); units=8, epochs=3000 has nothing finished.
const cells: GridCell[] = [
  { values: [1, 1000], summary: sum(150) },
  { values: [1, 3000], summary: sum(140) },
  { values: [4, 1000], summary: sum(120) },
  { values: [4, 3000], summary: sum(100) },
  { values: [8, 1000], summary: sum(130) },
  { values: [8, 3000], summary: { ...sum(0), count: 0 } },
];
type Heat = { data: { value: [number, number, number]; n: number; ci: readonly [number, number] }[]; label: { formatter: (x: unknown) => string } };

describe('gridHeatmapOption', () => {
  it('puts each configuration with a finished trial at its (x, y) cell with its mean', () => {
    const o = gridHeatmapOption(cells, { theme: 'light', metric: 'rmse', keys: ['units', 'epochs'], x: 0, y: 1, higherIsBetter: false });
    expect((o.xAxis as { data: string[] }).data).toEqual(['1', '4', '8']);
    expect((o.yAxis as { data: string[] }).data).toEqual(['1000', '3000']);
    const series = (o.series as Heat[])[0]!;
    expect(series.data.map((d) => d.value)).toEqual([[0, 0, 150], [0, 1, 140], [1, 0, 120], [1, 1, 100], [2, 0, 130]]);
    expect(series.data[3]).toMatchObject({ n: 3, ci: [98, 102] });
    expect(o.visualMap).toMatchObject({ min: 100, max: 150 });
    // Lower is better: the ramp ends at its weakest colour, so the lowest mean is the strongest.
    const colours = (o.visualMap as { inRange: { color: string[] } }).inRange.color;
    expect(colours[0]).toBe('#2563eb');
  });

  it('says mean, n and CI in the tooltip', () => {
    const o = gridHeatmapOption(cells, { theme: 'light', metric: 'rmse', keys: ['units', 'epochs'], x: 0, y: 1, higherIsBetter: false });
    const tip = (o.tooltip as { formatter: (x: unknown) => string }).formatter({ value: [1, 1, 100], data: { n: 3, ci: [98, 102] } });
    expect(tip).toBe('units=4, epochs=3000<br/>mean rmse <b>100.000</b><br/>n = 3 · 95 % CI [98.000, 102.000]');
  });

  it('keeps only the slice where other parameters are fixed', () => {
    const three: GridCell[] = [
      { values: [1, 'adam', 10], summary: sum(1) }, { values: [1, 'sgd', 10], summary: sum(2) },
      { values: [2, 'adam', 10], summary: sum(3) }, { values: [2, 'adam', 20], summary: sum(4) },
    ];
    const o = gridHeatmapOption(three, { theme: 'dark', metric: 'accuracy', keys: ['units', 'opt', 'epochs'], x: 0, y: 1, fixed: { 2: 10 }, higherIsBetter: true });
    expect((o.series as Heat[])[0]!.data.map((d) => d.value)).toEqual([[0, 0, 1], [0, 1, 2], [1, 0, 3]]);
    expect(axisValues(three, 1)).toEqual(['adam', 'sgd']);
  });
});

describe('gridParallelOption', () => {
  it('has an axis per parameter and the mean, and a line per scored configuration', () => {
    const o = gridParallelOption(cells, { theme: 'light', metric: 'rmse', keys: ['units', 'epochs'], higherIsBetter: false });
    expect((o.parallelAxis as { name: string }[]).map((a) => a.name)).toEqual(['units', 'epochs', 'mean rmse']);
    expect((o.series as { data: unknown[][] }[])[0]!.data).toEqual([['1', '1000', 150], ['1', '3000', 140], ['4', '1000', 120], ['4', '3000', 100], ['8', '1000', 130]]);
  });
});
