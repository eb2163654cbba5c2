import type { EChartsOption, SeriesOption } from 'echarts';
import type { MethodOutputs } from '../../src-main/contract/api.js';
import { baseOption, num3 } from './common.js';
import { bandSeries } from './band.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

export type PredictionsData = MethodOutputs['getPredictions'];

export interface PredictionsSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  /** Draw every repeat's predictions as a faint line (default true). */
  readonly showRepeats?: boolean;
  readonly title?: string;
}

type Cell = number | null;

/** Per step of the series: the x labels, actual values, each repeat's predictions, and their median/min/max. */
export interface PredictionGrid {
  readonly steps: number[];
  readonly labels: string[];
  readonly actual: Cell[];
  readonly repeats: { repeat: number; values: Cell[] }[];
  readonly median: Cell[];
  readonly min: Cell[];
  readonly max: Cell[];
  readonly baselines: { name: string; values: Cell[] }[];
  /** Index into `steps` of the first test step (−1 when there is none). */
  readonly splitIndex: number;
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Aligns every repeat (and baseline) of one configuration on the series' steps. */
export function predictionGrid(data: PredictionsData, configIndex: number): PredictionGrid {
  const trials = data.trials.filter((t) => t.configIndex === configIndex).sort((a, b) => a.repeat - b.repeat);
  const baselines = data.baselines.filter((b) => b.configIndex === configIndex);
  const all = [...trials.flatMap((t) => t.points), ...baselines.flatMap((b) => b.points)];
  if (all.length === 0) {
    return { steps: [], labels: [], actual: [], repeats: [], median: [], min: [], max: [], baselines: [], splitIndex: -1 };
  }
  let first = Infinity;
  let last = -Infinity;
  for (const p of all) {
    first = Math.min(first, p.step);
    last = Math.max(last, p.step);
  }
  const steps = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const actual: Cell[] = steps.map(() => null);
  let firstTest = Infinity;
  for (const p of all) {
    actual[p.step - first] = p.actual;
    if (p.split === 'test') firstTest = Math.min(firstTest, p.step);
  }
  const line = (points: readonly { step: number; predicted: number }[]): Cell[] => {
    const out: Cell[] = steps.map(() => null);
    for (const p of points) out[p.step - first] = p.predicted;
    return out;
  };
  const repeats = trials.map((t) => ({ repeat: t.repeat, values: line(t.points) }));
  const median: Cell[] = [];
  const min: Cell[] = [];
  const max: Cell[] = [];
  steps.forEach((_, i) => {
    const vs = repeats.map((r) => r.values[i]).filter((v): v is number => typeof v === 'number');
    median.push(vs.length ? medianOf(vs) : null);
    min.push(vs.length ? Math.min(...vs) : null);
    max.push(vs.length ? Math.max(...vs) : null);
  });
  return {
    steps,
    labels: steps.map((s) => data.labels[s] ?? String(s)),
    actual,
    repeats,
    median,
    min,
    max,
    baselines: baselines.map((b) => ({ name: b.name, values: line(b.points) })),
    splitIndex: Number.isFinite(firstTest) ? firstTest - first : -1,
  };
}

/**
 * Predictions vs actual for one configuration. Series in order: every repeat (faint, all named 'repeats'),
 * the min–max band (two stacked lines), the median (bold), each baseline (dashed), and the actual series,
 * which carries the train/test split as a markLine at the first test step's index and a markArea over the test part.
 */
export function predictionsOption(data: PredictionsData, settings: PredictionsSettings): EChartsOption {
  const p = palette(settings.theme);
  const g = predictionGrid(data, settings.configIndex);
  const showRepeats = settings.showRepeats ?? true;
  const series: SeriesOption[] = [];
  if (showRepeats) {
    for (const r of g.repeats) {
      series.push({
        type: 'line', name: 'repeats', data: r.values, symbol: 'none', silent: true, z: 0,
        lineStyle: { width: 1, color: withAlpha(p.accent, 0.25) }, itemStyle: { color: withAlpha(p.accent, 0.4) },
      });
    }
  }
  series.push(...bandSeries('min–max', g.min, g.max, p.accent, 'pred-band'));
  series.push({ type: 'line', name: 'median', data: g.median, symbol: 'none', lineStyle: { width: 2.5, color: p.accent }, itemStyle: { color: p.accent }, z: 3 });
  for (const b of g.baselines) {
    series.push({ type: 'line', name: b.name, data: b.values, symbol: 'none', lineStyle: { width: 1.5, type: 'dashed', color: p.baseline }, itemStyle: { color: p.baseline }, z: 2 });
  }
  const last = g.steps.length - 1;
  series.push({
    type: 'line',
    name: 'actual',
    data: g.actual,
    symbol: 'circle',
    symbolSize: 4,
    lineStyle: { width: 2, color: p.ink },
    itemStyle: { color: p.ink },
    z: 4,
    // Only a series with both a train and a test part has a split to mark.
    ...(g.splitIndex > 0
      ? {
          markLine: {
            precision: 6,
            symbol: 'none', silent: true,
            lineStyle: { color: p.split, type: 'solid', width: 1.5 },
            label: { formatter: 'train | test', color: p.muted },
            data: [{ name: 'train/test split', xAxis: g.splitIndex }],
          },
          markArea: {
            silent: true,
            itemStyle: { color: withAlpha(p.split, 0.1) },
            label: { show: true, position: 'insideTop', color: p.muted, formatter: 'test' },
            data: [[{ xAxis: g.splitIndex }, { xAxis: last }]],
          },
        }
      : {}),
  });

  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const i = (Array.isArray(params) ? (params[0] as { dataIndex: number }) : (params as { dataIndex: number })).dataIndex;
        const rows = [
          `step ${g.labels[i] ?? i}${g.splitIndex >= 0 && i >= g.splitIndex ? ' (test)' : ' (train)'}`,
          `actual ${num3(g.actual[i])}`,
          `median ${num3(g.median[i])}`,
          `min–max ${num3(g.min[i])} – ${num3(g.max[i])}`,
          ...g.baselines.map((b) => `${b.name} ${num3(b.values[i])}`),
        ];
        return rows.join('<br/>');
      },
    },
    legend: { bottom: 4, data: [...(showRepeats && g.repeats.length ? ['repeats'] : []), 'min–max', 'median', ...g.baselines.map((b) => b.name), 'actual'] },
    dataZoom: [{ type: 'inside' }],
    xAxis: { type: 'category', data: g.labels, name: 'step', nameLocation: 'middle', nameGap: 26, boundaryGap: false, axisLine: { onZero: false } },
    yAxis: { type: 'value', scale: true },
    series,
  };
}
