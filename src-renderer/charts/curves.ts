import type { EChartsOption, SeriesOption } from 'echarts';
import type { MethodOutputs } from '../../src-main/contract/api.js';
import { bandSeries } from './band.js';
import { baseOption, num3 } from './common.js';
import { pick, strideIndices } from './downsample.js';
import { withAlpha, type ThemeName } from './palette.js';
import { mean as meanOf, niceExtent, niceInterval, std as stdOf } from './stats.js';

export type EpochCurve = MethodOutputs['getEpochMetrics'][number];

/** Mean and sample std (n − 1) of a metric at each epoch over the curves that reached it. */
export interface CurveBand {
  readonly epochs: number[];
  readonly mean: number[];
  readonly std: number[];
  readonly count: number[];
}

/** Aligns curves on epoch numbers and returns the per-epoch mean, std and number of curves. */
export function curveBand(curves: readonly EpochCurve[]): CurveBand {
  const acc = new Map<number, number[]>();
  for (const c of curves) {
    c.epochs.forEach((e, i) => {
      const v = c.values[i];
      if (v === undefined || !Number.isFinite(v)) return;
      const a = acc.get(e) ?? [];
      a.push(v);
      acc.set(e, a);
    });
  }
  const epochs = [...acc.keys()].sort((a, b) => a - b);
  const mean: number[] = [];
  const std: number[] = [];
  const count: number[] = [];
  for (const e of epochs) {
    const values = acc.get(e)!;
    mean.push(meanOf(values));
    std.push(stdOf(values));
    count.push(values.length);
  }
  return { epochs, mean, std, count };
}

/** One per-epoch metric drawn as a mean line with a ± std band (and optionally each repeat). */
export interface CurveGroup {
  /** Legend name of the mean line. */
  readonly name: string;
  /** Legend name of the band (default `${name} ± std`). */
  readonly bandName?: string;
  /** Legend name of the per-repeat lines (default `${name} repeats`). */
  readonly repeatsName?: string;
  readonly curves: readonly EpochCurve[];
  readonly color: string;
  /** Colour of the per-repeat lines (default `color`). */
  readonly repeatColor?: string;
}

export interface CurvesSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  /** Name of the y axis (e.g. 'loss', 'val_accuracy'). */
  readonly yName: string;
  /** Also draw each repeat's curve faintly (default false). */
  readonly showRepeats?: boolean;
  /** Logarithmic y axis (the band's lower edge is clamped to the smallest positive value). */
  readonly log?: boolean;
  /** Upper bound of the values (e.g. 1 for an accuracy): the band stops there. */
  readonly max?: number;
  readonly title?: string;
  /** Most epochs drawn per group (longer runs are thinned by a stride; default 2000). */
  readonly maxPoints?: number;
}

/**
 * Per-epoch curves of one configuration, one group per metric. For each group in order: every repeat's line
 * (when asked), the mean ± std band (two stacked lines, clamped at 0 — a loss, error or accuracy is never
 * negative — and at `max`), and the mean line. Value x axis; data are [epoch, value] pairs.
 */
export function curvesOption(groups: readonly CurveGroup[], settings: CurvesSettings): EChartsOption {
  const series: SeriesOption[] = [];
  const legend: string[] = [];
  const bands = new Map<string, CurveBand>();
  let first = Infinity;
  let last = -Infinity;
  let low = Infinity;
  let high = -Infinity;
  groups.forEach((g, gi) => {
    const mine = g.curves.filter((c) => c.configIndex === settings.configIndex).sort((a, b) => a.repeat - b.repeat);
    const full = curveBand(mine);
    const keep = strideIndices(full.epochs.length, settings.maxPoints ?? 2000);
    const band: CurveBand = { epochs: pick(full.epochs, keep), mean: pick(full.mean, keep), std: pick(full.std, keep), count: pick(full.count, keep) };
    bands.set(g.name, band);
    if (band.epochs.length) {
      first = Math.min(first, band.epochs[0]!);
      last = Math.max(last, band.epochs.at(-1)!);
    }
    const index = new Map(band.epochs.map((e, i) => [e, i]));
    const positive = band.mean.filter((m) => m > 0);
    const floor = positive.length ? Math.min(...positive) / 10 : 1e-12;
    const lower = band.mean.map((m, i) => Math.max(m - band.std[i]!, settings.log ? floor : 0));
    const upper = band.mean.map((m, i) => Math.min(m + band.std[i]!, settings.max ?? Infinity));
    for (const v of lower) low = Math.min(low, v);
    for (const v of upper) high = Math.max(high, v);
    const repeatsName = g.repeatsName ?? `${g.name} repeats`;
    const bandName = g.bandName ?? `${g.name} ± std`;
    if (settings.showRepeats) {
      for (const c of mine) {
        const values: [number, number | null][] = band.epochs.map((e) => [e, null]);
        c.epochs.forEach((e, i) => {
          const at = index.get(e);
          if (at !== undefined) values[at]![1] = c.values[i] ?? null;
        });
        series.push({
          type: 'line', name: repeatsName, data: values, symbol: 'none', silent: true, sampling: 'lttb', z: 0,
          lineStyle: { width: 1, color: withAlpha(g.repeatColor ?? g.color, 0.35) }, itemStyle: { color: g.repeatColor ?? g.color },
        });
      }
      if (mine.length) legend.push(repeatsName);
    }
    series.push(...bandSeries(bandName, lower, upper, g.color, `band-${gi}`, band.epochs));
    // A single epoch would be an invisible line: show its point.
    const symbol = band.epochs.length === 1 ? 'circle' : 'none';
    series.push({ type: 'line', name: g.name, data: band.mean.map((m, i) => [band.epochs[i]!, m]), symbol, symbolSize: 9, sampling: 'lttb', lineStyle: { width: 2, color: g.color }, itemStyle: { color: g.color }, z: 3 });
    legend.push(bandName, g.name);
  });
  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: [number, number | null] }[];
        const epoch = list[0]?.value[0];
        const rows = [`epoch ${epoch}`];
        for (const g of groups) {
          const b = bands.get(g.name);
          const i = b?.epochs.indexOf(epoch ?? NaN) ?? -1;
          if (!b || i < 0) continue;
          rows.push(`${g.name} ${num3(b.mean[i])} ± ${num3(b.std[i])} (n = ${b.count[i]})`);
        }
        return rows.join('<br/>');
      },
    },
    legend: { bottom: 4, data: legend },
    dataZoom: [{ type: 'inside' }],
    xAxis: {
      type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26,
      // One epoch alone would collapse the axis: give it a unit either side.
      min: !Number.isFinite(first) ? 0 : first === last ? first - 1 : first,
      max: !Number.isFinite(last) ? 1 : first === last ? last + 1 : last,
      minInterval: 1, axisLine: { onZero: false },
    },
    yAxis: { type: settings.log ? 'log' : 'value', name: settings.yName, scale: true, ...boundedExtent(low, high, settings) },
    series,
  };
}

/** A bounded metric's axis (e.g. accuracy ≤ 1): a nice extent around the band that never passes the bound. */
function boundedExtent(low: number, high: number, settings: CurvesSettings): { min?: number; max?: number; interval?: number } {
  if (settings.max === undefined || settings.log || !Number.isFinite(low) || !Number.isFinite(high)) return {};
  const [lo, hi] = niceExtent(low, high);
  const min = Math.max(0, lo);
  const max = Math.min(settings.max, hi);
  return { min, max, interval: niceInterval(min, max) };
}
