import type { EChartsOption, SeriesOption } from 'echarts';
import type { MethodOutputs } from '../../src-main/contract/api.js';
import { bandSeries } from './band.js';
import { baseOption, num3 } from './common.js';
import { pick, strideIndices } from './downsample.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

export type EpochCurve = MethodOutputs['getEpochMetrics'][number];

export interface LossSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  /** Also draw each repeat's curve faintly (default false). */
  readonly showRepeats?: boolean;
  /** Logarithmic y axis (the band's lower edge is clamped to the smallest positive value). */
  readonly log?: boolean;
  readonly title?: string;
  /** Most epochs drawn (longer runs are thinned by a stride; default 2000). */
  readonly maxPoints?: number;
}

/** Mean and sample std (n − 1) of the loss at each epoch over the curves that reached it. */
export interface LossBand {
  readonly epochs: number[];
  readonly mean: number[];
  readonly std: number[];
  readonly count: number[];
}

/** Aligns curves on epoch numbers and returns the per-epoch mean, std and number of curves. */
export function lossBand(curves: readonly EpochCurve[]): LossBand {
  const acc = new Map<number, { s: number; ss: number; n: number }>();
  for (const c of curves) {
    c.epochs.forEach((e, i) => {
      const v = c.values[i];
      if (v === undefined || !Number.isFinite(v)) return;
      const a = acc.get(e) ?? { s: 0, ss: 0, n: 0 };
      a.s += v;
      a.ss += v * v;
      a.n += 1;
      acc.set(e, a);
    });
  }
  const epochs = [...acc.keys()].sort((a, b) => a - b);
  const mean: number[] = [];
  const std: number[] = [];
  const count: number[] = [];
  for (const e of epochs) {
    const { s, ss, n } = acc.get(e)!;
    const m = s / n;
    mean.push(m);
    std.push(n > 1 ? Math.sqrt(Math.max(0, (ss - n * m * m) / (n - 1))) : 0);
    count.push(n);
  }
  return { epochs, mean, std, count };
}

/**
 * Training loss per epoch of one configuration: the mean ± std band (two stacked lines), the mean line,
 * and optionally every repeat's curve (all named 'repeats'). Value x axis; data are [epoch, loss] pairs.
 */
export function lossOption(curves: readonly EpochCurve[], settings: LossSettings): EChartsOption {
  const p = palette(settings.theme);
  const mine = curves.filter((c) => c.configIndex === settings.configIndex).sort((a, b) => a.repeat - b.repeat);
  const full = lossBand(mine);
  const keep = strideIndices(full.epochs.length, settings.maxPoints ?? 2000);
  const band: LossBand = { epochs: pick(full.epochs, keep), mean: pick(full.mean, keep), std: pick(full.std, keep), count: pick(full.count, keep) };
  const index = new Map(band.epochs.map((e, i) => [e, i]));
  const positive = band.mean.filter((m) => m > 0);
  const floor = positive.length ? Math.min(...positive) / 10 : 1e-12;
  // A loss is never negative: the band stops at 0 (at a small positive floor on a log axis).
  const lower = band.mean.map((m, i) => Math.max(m - band.std[i]!, settings.log ? floor : 0));
  const upper = band.mean.map((m, i) => m + band.std[i]!);
  const series: SeriesOption[] = [];
  if (settings.showRepeats) {
    for (const c of mine) {
      const values: [number, number | null][] = band.epochs.map((e) => [e, null]);
      c.epochs.forEach((e, i) => {
        const at = index.get(e);
        if (at !== undefined) values[at]![1] = c.values[i] ?? null;
      });
      series.push({
        type: 'line', name: 'repeats', data: values, symbol: 'none', silent: true, sampling: 'lttb', z: 0,
        lineStyle: { width: 1, color: withAlpha(p.accent2, 0.35) }, itemStyle: { color: p.accent2 },
      });
    }
  }
  series.push(...bandSeries('mean ± std', lower, upper, p.accent, 'loss-band', band.epochs));
  series.push({ type: 'line', name: 'mean', data: band.mean.map((m, i) => [band.epochs[i]!, m]), symbol: 'none', sampling: 'lttb', lineStyle: { width: 2, color: p.accent }, itemStyle: { color: p.accent }, z: 3 });
  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const i = (Array.isArray(params) ? (params[0] as { dataIndex: number }) : (params as { dataIndex: number })).dataIndex;
        return `epoch ${band.epochs[i]}<br/>mean ${num3(band.mean[i])} ± ${num3(band.std[i])} (n = ${band.count[i]})`;
      },
    },
    legend: { bottom: 4, data: [...(settings.showRepeats && mine.length ? ['repeats'] : []), 'mean ± std', 'mean'] },
    dataZoom: [{ type: 'inside' }],
    xAxis: {
      type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26,
      min: band.epochs[0] ?? 0, max: band.epochs.at(-1) ?? 1, minInterval: 1, axisLine: { onZero: false },
    },
    yAxis: { type: settings.log ? 'log' : 'value', name: 'loss', scale: true },
    series,
  };
}
