import type { EChartsOption, SeriesOption } from 'echarts';
import type { MethodOutputs } from '../../src-main/contract/api.js';
import { baseOption, num3 } from './common.js';
import { palette, withAlpha, type ThemeName } from './palette.js';
import { mean, niceExtent } from './stats.js';

export type PredictionsData = MethodOutputs['getPredictions'];

export interface RegressionSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  /**
   * Position (e.g. t) of each step of a plotted instance: draws predicted and actual along it. Without it the
   * points are independent test sequences, drawn as predicted against actual with the y = x line.
   */
  readonly positions?: readonly number[] | null;
  /** Draw every repeat (default true). */
  readonly showRepeats?: boolean;
  readonly title?: string;
}

const FMT = (v: number) => String(Number(v.toPrecision(4)));

/**
 * Predicted vs actual of one configuration's repeats.
 * - Instance (positions given) — series: each repeat's predictions (faint lines named 'repeats', when shown),
 *   'predicted (mean)' over repeats, 'actual'; data are [position, value].
 * - Sequences — series: one scatter per repeat named 'repeat N' of [actual, predicted], and the 'y = x' line.
 */
export function regressionOption(data: PredictionsData, settings: RegressionSettings): EChartsOption {
  const p = palette(settings.theme);
  const trials = data.trials.filter((t) => t.configIndex === settings.configIndex && t.points.length > 0).sort((a, b) => a.repeat - b.repeat);
  const showRepeats = settings.showRepeats ?? true;
  return settings.positions && settings.positions.length > 0
    ? instanceOption(trials, settings.positions, showRepeats, settings, p)
    : scatterOption(trials, showRepeats, settings, p);
}

type Trials = PredictionsData['trials'];
type Pal = ReturnType<typeof palette>;

function instanceOption(trials: Trials, positions: readonly number[], showRepeats: boolean, settings: RegressionSettings, p: Pal): EChartsOption {
  const at = (step: number) => positions[step] ?? step;
  const actual = new Map<number, number>();
  const byStep = new Map<number, number[]>();
  for (const t of trials) {
    for (const pt of t.points) {
      actual.set(pt.step, pt.actual);
      byStep.set(pt.step, [...(byStep.get(pt.step) ?? []), pt.predicted]);
    }
  }
  const steps = [...actual.keys()].sort((a, b) => a - b);
  const series: SeriesOption[] = [];
  if (showRepeats && trials.length > 1) {
    for (const t of trials) {
      series.push({
        type: 'line', name: 'repeats', silent: true, symbol: 'none', z: 1,
        data: [...t.points].sort((a, b) => a.step - b.step).map((pt) => [at(pt.step), pt.predicted]),
        lineStyle: { width: 1, color: withAlpha(p.accent, 0.3) }, itemStyle: { color: withAlpha(p.accent, 0.4) },
      });
    }
  }
  series.push({
    type: 'line', name: 'predicted (mean)', z: 3, symbol: 'circle', symbolSize: 6,
    data: steps.map((s) => [at(s), mean(byStep.get(s) ?? [])]),
    lineStyle: { width: 2, color: p.accent }, itemStyle: { color: p.accent },
  });
  series.push({
    type: 'line', name: 'actual', z: 4, symbol: 'emptyCircle', symbolSize: 8,
    data: steps.map((s) => [at(s), actual.get(s)!]),
    lineStyle: { width: 2, color: p.ink, type: 'dashed' }, itemStyle: { color: p.ink },
  });
  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: unknown) => num3(v) },
    legend: { bottom: 4, data: [...(showRepeats && trials.length > 1 ? ['repeats'] : []), 'predicted (mean)', 'actual'] },
    xAxis: { type: 'value', name: 't', nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax', axisLabel: { formatter: FMT } },
    yAxis: { type: 'value', scale: true },
    series,
  };
}

function scatterOption(trials: Trials, showRepeats: boolean, settings: RegressionSettings, p: Pal): EChartsOption {
  const shown = showRepeats ? trials : trials.slice(0, 1);
  const all = shown.flatMap((t) => t.points.flatMap((pt) => [pt.actual, pt.predicted])).filter(Number.isFinite);
  const [lo, hi] = all.length ? niceExtent(Math.min(...all), Math.max(...all)) : [0, 1];
  const series: SeriesOption[] = shown.map((t, i) => ({
    type: 'scatter', name: `repeat ${t.repeat}`, symbolSize: 7, z: 3,
    data: t.points.map((pt) => [pt.actual, pt.predicted]),
    itemStyle: { color: withAlpha(p.series[i % p.series.length]!, 0.75) },
  }));
  series.push({
    type: 'line', name: 'y = x', silent: true, symbol: 'none', z: 1,
    data: [[lo, lo], [hi, hi]],
    lineStyle: { color: p.muted, type: 'dashed', width: 1.5 }, itemStyle: { color: p.muted },
  });
  const axis = (name: string) => ({ type: 'value' as const, name, nameLocation: 'middle' as const, nameGap: 30, min: lo, max: hi, axisLabel: { formatter: FMT } });
  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (x: unknown) => {
        const { seriesName, value } = x as { seriesName: string; value: [number, number] };
        return `${seriesName}<br/>actual ${num3(value[0])}<br/>predicted ${num3(value[1])}`;
      },
    },
    legend: { bottom: 4, data: [...shown.map((t) => `repeat ${t.repeat}`), 'y = x'] },
    xAxis: axis('actual'),
    yAxis: { ...axis('predicted'), nameGap: 44 },
    series,
  };
}
