import type { EChartsOption, LineSeriesOption, ScatterSeriesOption } from 'echarts';
import { baseOption } from './common.js';
import { palette, type ThemeName } from './palette.js';

/** What a critical-difference diagram draws (the compare result's `ranks`, with the groups' labels). */
export interface CdDiagramData {
  /** Label of each group, in group order. */
  readonly labels: readonly string[];
  /** Average rank of each group (1 = best). */
  readonly averageRanks: readonly number[];
  /** Group indices, best first. */
  readonly order: readonly number[];
  readonly cd: number;
  readonly alpha: number;
  /** Runs of groups within CD of each other (best first), one bar each. */
  readonly cliques: readonly (readonly number[])[];
}

/** Vertical layout in data units: the axis at y = 0, the CD bar above, clique bars and then the label elbows below. */
const CD_Y = 0.8;
const CLIQUE_TOP = -0.3;
const CLIQUE_STEP = 0.25;
const ELBOW_STEP = 0.55;
/** How far past the axis ends (in ranks) the label lines run. */
const OVERHANG = 0.3;

const depthOfCliques = (n: number) => CLIQUE_TOP - CLIQUE_STEP * Math.max(0, n - 1);

/** Height in px that fits the diagram of `k` groups with `cliques` bars. */
export function cdDiagramHeight(k: number, cliques: number): number {
  return Math.round(110 + 34 * Math.ceil(k / 2) + 12 * cliques);
}

/**
 * Demšar's critical-difference diagram as an ECharts option: a rank axis (1 = best, on the left), a bar of length
 * CD above it, a thick bar under each clique of groups whose average ranks differ by less than CD (not significantly
 * different by Nemenyi), and each group's label joined to its average rank by an elbow line — the better half to
 * the left edge, the worse half to the right, nearer the axis for more extreme ranks so lines never cross.
 * Series: [rank axis, its ticks, CD bar, clique bars…, one elbow per group (best first), the labels, the points on the axis].
 */
export function cdDiagramOption(data: CdDiagramData, theme: ThemeName): EChartsOption {
  const p = palette(theme);
  const k = data.labels.length;
  const xMin = 1;
  const xMax = Math.max(k, 1 + data.cd);
  const half = Math.ceil(k / 2);
  const elbowTop = depthOfCliques(data.cliques.length) - 0.45;
  const rank = (g: number) => data.averageRanks[g]!;
  const depth = (step: number) => elbowTop - ELBOW_STEP * step;

  const cdBar: LineSeriesOption = {
    type: 'line',
    name: 'critical difference',
    data: [
      { value: [xMin, CD_Y] },
      { value: [xMin + data.cd / 2, CD_Y], label: { show: true, position: 'top', color: p.text, formatter: `CD = ${data.cd.toFixed(2)} (α = ${data.alpha})` } },
      { value: [xMin + data.cd, CD_Y] },
    ],
    showSymbol: true,
    symbol: 'rect',
    symbolSize: [2, 12],
    lineStyle: { color: p.text, width: 2 },
    itemStyle: { color: p.text },
    silent: true,
    clip: false,
  };

  const cliques: LineSeriesOption[] = data.cliques.map((members, i) => {
    const ranks = members.map(rank);
    const y = CLIQUE_TOP - CLIQUE_STEP * i;
    return {
      type: 'line',
      name: 'not significantly different',
      data: [[Math.min(...ranks) - 0.04, y], [Math.max(...ranks) + 0.04, y]],
      showSymbol: false,
      lineStyle: { color: p.accent2, width: 5, cap: 'round' },
      tooltip: { formatter: `not significantly different (Nemenyi, α = ${data.alpha}):<br/>${members.map((m) => data.labels[m]).join('<br/>')}` },
      clip: false,
    };
  });

  /** Where each group's elbow turns and ends (best first), and which side its label sits on. */
  const ends = data.order.map((g, i) => {
    const left = i < half;
    // Left half: best nearest the axis; right half: worst nearest the axis.
    return { g, left, y: depth(left ? i : k - 1 - i), edge: left ? xMin - OVERHANG : xMax + OVERHANG };
  });

  const elbows: LineSeriesOption[] = ends.map(({ g, y, edge }) => ({
    type: 'line',
    name: data.labels[g]!,
    data: [[rank(g), 0], [rank(g), y], [edge, y]],
    showSymbol: false,
    lineStyle: { color: p.muted, width: 1.2 },
    tooltip: { formatter: `${data.labels[g]}: average rank ${rank(g).toFixed(3)}` },
    clip: false,
  }));

  // Line series show labels only on their symbols; the labels are points of their own at the elbows' ends.
  const labels: ScatterSeriesOption = {
    type: 'scatter',
    name: 'labels',
    data: ends.map(({ g, left, y, edge }) => ({
      value: [edge, y],
      name: data.labels[g],
      label: { show: true, position: left ? 'left' : 'right', distance: 6, color: p.text, formatter: `${data.labels[g]} (${rank(g).toFixed(2)})`, width: 170, overflow: 'truncate' },
    })),
    symbolSize: 1,
    itemStyle: { color: p.muted },
    tooltip: { formatter: (x: unknown) => { const { name, dataIndex } = x as { name: string; dataIndex: number }; return `${name}: average rank ${rank(data.order[dataIndex]!).toFixed(3)}`; } },
  };

  const points: ScatterSeriesOption = {
    type: 'scatter',
    name: 'average rank',
    data: data.order.map((g) => ({ value: [rank(g), 0], name: data.labels[g] })),
    symbolSize: 8,
    itemStyle: { color: p.accent },
    tooltip: { formatter: (x: unknown) => { const { name, value } = x as { name: string; value: [number, number] }; return `${name}: average rank ${value[0].toFixed(3)}`; } },
    z: 4,
  };

  // The rank axis is drawn as series (not an ECharts axis) so the label lines may run past its ends.
  const axisLine: LineSeriesOption = {
    type: 'line',
    name: 'rank axis',
    data: [[xMin, 0], [xMax, 0]],
    showSymbol: false,
    lineStyle: { color: p.text, width: 1.5 },
    silent: true,
  };
  const ticks = Array.from({ length: Math.floor(xMax) - xMin + 1 }, (_, i) => xMin + i);
  const axisTicks: ScatterSeriesOption = {
    type: 'scatter',
    name: 'ranks',
    data: ticks.map((t) => ({ value: [t, 0], label: { show: true, position: 'top', distance: 6, color: p.text, formatter: String(t) } })),
    symbol: 'rect',
    symbolSize: [1.5, 10],
    itemStyle: { color: p.text },
    silent: true,
  };
  const bottom = depth(half - 1) - 0.3;
  return {
    ...baseOption(theme),
    tooltip: { trigger: 'item', confine: true },
    title: { text: 'average rank (1 = best)', left: 'center', top: 2, textStyle: { fontSize: 12, fontWeight: 'normal', color: p.muted } },
    grid: { left: 190, right: 190, top: 24, bottom: 8, containLabel: false },
    xAxis: { type: 'value', min: xMin - OVERHANG, max: xMax + OVERHANG, show: false },
    yAxis: { type: 'value', min: bottom, max: CD_Y + 0.45, show: false },
    series: [axisLine, axisTicks, cdBar, ...cliques, ...elbows, labels, points],
  };
}
