import type { EChartsOption } from 'echarts';
import type { Summary } from '../../src-main/contract/results.js';
import { baseOption } from './common.js';
import { fmt } from './format.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

/** One configuration of a grid: its value of each grid path (in the grid's key order) and its metric's summary. */
export interface GridCell {
  readonly values: readonly unknown[];
  /** describe() + CI of the metric over the configuration's finished trials (count 0 before any). */
  readonly summary: Summary | undefined;
}

export interface GridHeatmapSettings {
  readonly theme: ThemeName;
  readonly metric: string;
  /** Short names of the grid paths (`units`, `epochs`), in the grid's order. */
  readonly keys: readonly string[];
  /** Indices into `keys` of the x and y parameters. */
  readonly x: number;
  readonly y: number;
  /** Values the other parameters are held at (index → value); cells elsewhere are left out. */
  readonly fixed?: Readonly<Record<number, unknown>>;
  /** Larger is better (accuracies): the best cell is the darkest either way. */
  readonly higherIsBetter: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The distinct values of parameter `k` in grid order. */
export function axisValues(cells: readonly GridCell[], k: number): unknown[] {
  const out: unknown[] = [];
  for (const c of cells) if (!out.some((v) => same(v, c.values[k]))) out.push(c.values[k]);
  return out;
}
const label = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A heatmap of the metric's mean over two grid parameters: x categories are parameter `x`'s values, y categories
 * parameter `y`'s, one cell `[xi, yi, mean]` per configuration with the other parameters at `fixed` and at least
 * one finished trial, labelled with the mean; the tooltip gives mean, n and the 95 % CI. Colour runs from light
 * (worst) to the accent (best). Series: [heatmap].
 */
export function gridHeatmapOption(cells: readonly GridCell[], s: GridHeatmapSettings): EChartsOption {
  const p = palette(s.theme);
  const xs = axisValues(cells, s.x);
  const ys = axisValues(cells, s.y);
  const inSlice = (c: GridCell) => Object.entries(s.fixed ?? {}).every(([k, v]) => same(c.values[Number(k)], v));
  const data = cells
    .filter((c) => inSlice(c) && c.summary && c.summary.count > 0)
    .map((c) => {
      const sm = c.summary!;
      return { value: [xs.findIndex((v) => same(v, c.values[s.x])), ys.findIndex((v) => same(v, c.values[s.y])), sm.mean] as [number, number, number], n: sm.count, ci: [sm.ciLow, sm.ciHigh] as const };
    });
  const means = data.map((d) => d.value[2]);
  const lo = means.length ? Math.min(...means) : 0;
  const hi = means.length ? Math.max(...means) : 1;
  const ramp = [withAlpha(p.accent, 0.08), withAlpha(p.accent, 0.5), p.accent];
  return {
    ...baseOption(s.theme),
    grid: { left: 72, right: 120, top: 24, bottom: 56, containLabel: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (x: unknown) => {
        const d = x as { value: [number, number, number]; data: { n: number; ci: readonly [number, number] } };
        const [xi, yi, mean] = d.value;
        const ci = Number.isFinite(d.data.ci[0]) ? `95 % CI [${fmt(d.data.ci[0])}, ${fmt(d.data.ci[1])}]` : '95 % CI — (n < 2)';
        return `${s.keys[s.x]}=${label(xs[xi])}, ${s.keys[s.y]}=${label(ys[yi])}<br/>mean ${s.metric} <b>${fmt(mean)}</b><br/>n = ${d.data.n} · ${ci}`;
      },
    },
    xAxis: { type: 'category', data: xs.map(label), name: s.keys[s.x], nameLocation: 'middle', nameGap: 30, splitArea: { show: false }, axisTick: { show: false } },
    yAxis: { type: 'category', data: ys.map(label), name: s.keys[s.y], nameLocation: 'middle', nameGap: 48, splitArea: { show: false }, axisTick: { show: false } },
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi > lo ? hi : lo + 1,
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      precision: 3,
      textStyle: { color: p.text },
      // The best end is the strongest colour: high means for accuracies, low ones for errors.
      inRange: { color: s.higherIsBetter ? ramp : [...ramp].reverse() },
    },
    series: [
      {
        type: 'heatmap',
        name: `mean ${s.metric}`,
        data: data.map((d) => ({ ...d, label: { color: (s.higherIsBetter ? d.value[2] - lo : hi - d.value[2]) > (hi - lo) * 0.6 ? p.background : p.text } })),
        label: { show: true, fontSize: 12, formatter: (x: unknown) => fmt((x as { value: [number, number, number] }).value[2]) },
        itemStyle: { borderColor: p.background, borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: p.ink, borderWidth: 1.5 } },
      },
    ],
  };
}

export interface GridParallelSettings {
  readonly theme: ThemeName;
  readonly metric: string;
  readonly keys: readonly string[];
  readonly higherIsBetter: boolean;
}

/**
 * Parallel coordinates of a larger grid: one axis per grid parameter (categories in grid order) and a last value
 * axis of the metric's mean; one line per configuration with a finished trial, coloured by its mean (best
 * strongest). Series: [parallel].
 */
export function gridParallelOption(cells: readonly GridCell[], s: GridParallelSettings): EChartsOption {
  const p = palette(s.theme);
  const axes = s.keys.map((_, k) => axisValues(cells, k).map(label));
  const scored = cells.filter((c) => c.summary && c.summary.count > 0);
  const means = scored.map((c) => c.summary!.mean);
  const lo = means.length ? Math.min(...means) : 0;
  const hi = means.length ? Math.max(...means) : 1;
  const ramp = [withAlpha(p.muted, 0.35), withAlpha(p.accent, 0.6), p.accent];
  return {
    ...baseOption(s.theme),
    parallel: { left: 56, right: 120, top: 48, bottom: 36 },
    parallelAxis: [
      ...s.keys.map((key, k) => ({ dim: k, name: key, type: 'category' as const, data: axes[k]!, nameTextStyle: { color: p.text } })),
      { dim: s.keys.length, name: `mean ${s.metric}`, type: 'value' as const, scale: true, nameTextStyle: { color: p.text } },
    ],
    visualMap: {
      type: 'continuous',
      dimension: s.keys.length,
      min: lo,
      max: hi > lo ? hi : lo + 1,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 140,
      precision: 3,
      textStyle: { color: p.text },
      inRange: { color: s.higherIsBetter ? ramp : [...ramp].reverse() },
    },
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        type: 'parallel',
        name: `mean ${s.metric}`,
        lineStyle: { width: 2, opacity: 0.9 },
        data: scored.map((c) => [...c.values.map(label), c.summary!.mean]),
      },
    ],
  };
}
