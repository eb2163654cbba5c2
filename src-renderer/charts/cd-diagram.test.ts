import { describe, expect, it } from 'vitest';
import { cdDiagramHeight, cdDiagramOption, type CdDiagramData } from './cd-diagram.js';
import { summarizeOption } from './summary.js';

type Point = { value: [number, number]; label?: { show?: boolean; position?: string; formatter?: string } };
type Series = { type: string; name: string; data: (Point | [number, number])[] };
const xy = (p: Point | [number, number]) => (Array.isArray(p) ? p : p.value);

// Four groups in an order that is not their rank order; ranks 1.5, 2.0 | 3.2, 3.3 with CD 1.0: two cliques.
const data: CdDiagramData = {
  labels: ['units=4', 'units=1', 'units=8', 'units=16'],
  averageRanks: [2.0, 1.5, 3.3, 3.2],
  order: [1, 0, 3, 2],
  cd: 1.0,
  alpha: 0.05,
  cliques: [[1, 0], [0, 3], [3, 2]],
};

describe('cdDiagramOption', () => {
  const option = cdDiagramOption(data, 'light');
  const series = option.series as Series[];

  it('draws the CD bar, a bar per clique, an elbow per group (best first) and the points on the rank axis', () => {
    expect(summarizeOption(option).map((s) => [s.type, s.name, s.points])).toEqual([
      ['line', 'rank axis', 2],
      ['scatter', 'ranks', 4],
      ['line', 'critical difference', 3],
      ['line', 'not significantly different', 2],
      ['line', 'not significantly different', 2],
      ['line', 'not significantly different', 2],
      ['line', 'units=1', 3],
      ['line', 'units=4', 3],
      ['line', 'units=16', 3],
      ['line', 'units=8', 3],
      ['scatter', 'labels', 4],
      ['scatter', 'average rank', 4],
    ]);
    // The axis runs from rank 1 to k with a tick at every whole rank; the x range leaves room for the label lines.
    expect(series[0]!.data).toEqual([[1, 0], [4, 0]]);
    expect(series[1]!.data.map((d) => xy(d)[0])).toEqual([1, 2, 3, 4]);
    const axis = option.xAxis as { min: number; max: number };
    expect([axis.min, axis.max]).toEqual([0.7, 4.3]);
  });

  it('makes the CD bar exactly CD ranks long, from rank 1', () => {
    const bar = series[2]!.data.map(xy);
    expect(bar[0]![0]).toBe(1);
    expect(bar[2]![0]).toBe(2);
    expect((series[2]!.data[1] as Point).label?.formatter).toBe('CD = 1.00 (α = 0.05)');
  });

  it('spans each clique bar over its members’ average ranks, each bar lower than the last', () => {
    const spans = series.slice(3, 6).map((s) => s.data.map(xy));
    expect(spans.map(([a, b]) => [a![0] + 0.04, b![0] - 0.04].map((v) => Number(v.toFixed(10))))).toEqual([[1.5, 2], [2, 3.2], [3.2, 3.3]]);
    const ys = spans.map(([a]) => a![1]);
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
    expect(ys.every((y) => y < 0)).toBe(true);
  });

  it('joins each label to its rank on the axis: the better half to the left, the worse to the right, without crossing', () => {
    const elbows = series.slice(6, 10);
    const ends = elbows.map((s) => s.data.map(xy));
    // Each elbow starts on the axis at the group's average rank and drops straight down.
    expect(ends.map((e) => e[0])).toEqual([[1.5, 0], [2, 0], [3.2, 0], [3.3, 0]]);
    ends.forEach((e) => expect(e[1]![0]).toBe(e[0]![0]));
    // Labels: best two run to the left of rank 1, worst two to the right of rank 4.
    expect(ends.map((e) => e[2]![0])).toEqual([0.7, 0.7, 4.3, 4.3]);
    const labelPoints = series[10]!.data as Point[];
    expect(labelPoints.map((l) => l.value)).toEqual(ends.map((e) => e[2]));
    const labels = labelPoints.map((l) => l.label!);
    expect(labels.map((l) => l.position)).toEqual(['left', 'left', 'right', 'right']);
    expect(labels.map((l) => l.formatter)).toEqual(['units=1 (1.50)', 'units=4 (2.00)', 'units=16 (3.20)', 'units=8 (3.30)']);
    // Outer ranks sit nearer the axis: the best above the second best, the worst above the third.
    const depth = ends.map((e) => e[1]![1]);
    expect(depth[0]).toBeGreaterThan(depth[1]!);
    expect(depth[3]).toBeGreaterThan(depth[2]!);
    // Below every clique bar.
    const lowestClique = Math.min(...series.slice(3, 6).map((s) => xy(s.data[0]!)[1]));
    expect(Math.max(...depth)).toBeLessThan(lowestClique);
  });

  it('widens the axis when CD is longer than the ranks, and sizes the chart by groups and cliques', () => {
    const wide = cdDiagramOption({ ...data, labels: data.labels.slice(0, 3), averageRanks: [1.5, 2, 2.5], order: [0, 1, 2], cd: 2.6, cliques: [[0, 1, 2]] }, 'dark');
    expect((wide.xAxis as { max: number }).max).toBeCloseTo(3.9, 12);
    expect((wide.series as Series[])[0]!.data[1]).toEqual([3.6, 0]);
    expect(cdDiagramHeight(4, 3)).toBeGreaterThan(cdDiagramHeight(4, 1));
    expect(cdDiagramHeight(8, 1)).toBeGreaterThan(cdDiagramHeight(4, 1));
  });
});
