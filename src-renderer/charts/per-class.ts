import type { EChartsOption, SeriesOption } from 'echarts';
import { baseOption, num3 } from './common.js';
import { mean } from './stats.js';
import { jitter } from './stats.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

export interface PerClassSettings {
  readonly theme: ThemeName;
  readonly title?: string;
  readonly classes?: readonly string[];
}

/** Mean accuracy of each class over repeats (each `repeats[r][class]` a fraction in [0, 1]). */
export function perClassMeans(repeats: readonly (readonly number[])[]): number[] {
  const n = Math.max(0, ...repeats.map((r) => r.length));
  return Array.from({ length: n }, (_, c) => mean(repeats.map((r) => r[c]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))));
}

/**
 * Accuracy per class: a bar per class at the mean over the given repeats and, with more than one repeat,
 * every repeat's value as a jittered point. Series: [bar (one per class), scatter (classes × repeats) when > 1 repeat].
 */
export function perClassOption(repeats: readonly (readonly number[])[], settings: PerClassSettings): EChartsOption {
  const p = palette(settings.theme);
  const means = perClassMeans(repeats);
  const classes = settings.classes ?? means.map((_, i) => String(i));
  const series: SeriesOption[] = [
    {
      type: 'bar', name: 'mean accuracy', data: means.map((m) => (Number.isFinite(m) ? m : null)), barMaxWidth: 36,
      itemStyle: { color: withAlpha(p.accent, 0.75) },
      // With several repeats their points sit where the labels would: the tooltip gives the value then.
      label: { show: repeats.length === 1, position: 'top', color: p.muted, fontSize: 10, formatter: (x: unknown) => num3((x as { value: number }).value) },
    },
  ];
  if (repeats.length > 1) {
    series.push({
      type: 'scatter', name: 'repeats', xAxisIndex: 1, symbolSize: 6, z: 3,
      data: repeats.flatMap((r, ri) => r.map((v, c) => [c + jitter(c, ri, 0.4), v] as [number, number])),
      itemStyle: { color: withAlpha(p.ink, 0.6) },
    });
  }
  const low = Math.min(...repeats.flat().filter(Number.isFinite), 1);
  return {
    ...baseOption(settings.theme, settings.title),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (x: unknown) => {
        const { seriesType, dataIndex, value } = x as { seriesType: string; dataIndex: number; value: number | [number, number] };
        if (seriesType === 'bar') return `class ${classes[dataIndex]}<br/>mean accuracy ${num3(value)} (${repeats.length} repeat${repeats.length === 1 ? '' : 's'})`;
        return `accuracy ${num3((value as [number, number])[1])}`;
      },
    },
    legend: { bottom: 4, data: ['mean accuracy', ...(repeats.length > 1 ? ['repeats'] : [])] },
    xAxis: [
      { type: 'category', data: [...classes], name: 'class', nameLocation: 'middle', nameGap: 26 },
      { type: 'value', min: -0.5, max: classes.length - 0.5, show: false },
    ],
    // Accuracies near 1 would all look alike from 0: start the axis a little under the lowest value.
    yAxis: { type: 'value', name: 'accuracy', max: 1, min: low > 0.5 ? Math.floor((low - 0.05) * 10) / 10 : 0 },
    series,
  };
}
