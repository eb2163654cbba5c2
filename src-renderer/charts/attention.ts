import type { EChartsOption } from 'echarts';
import { baseOption } from './common.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

/** A character as an axis label: space and the end marker made visible. */
const shown = (c: string): string => (c === ' ' ? '␣' : c === '\n' ? '⏎' : c === '\t' ? '⇥' : c);

/**
 * Attention heatmap of one translation: source characters on x, output characters on y (first at the top),
 * one cell per (output, source) pair coloured by α ∈ [0, 1] (each row sums to 1).
 * `alpha[t][j]`: weight of source character j when writing output character t. Series: [heatmap].
 */
export function attentionOption(source: readonly string[], output: readonly string[], alpha: readonly (readonly number[])[], settings: { theme: ThemeName; title?: string }): EChartsOption {
  const p = palette(settings.theme);
  const cells: [number, number, number][] = [];
  alpha.forEach((row, t) => row.forEach((a, j) => cells.push([j, t, a])));
  const xLabels = source.map((c, j) => `${shown(c)}\u200b${'\u200b'.repeat(j)}`);
  const yLabels = alpha.map((_, t) => `${shown(output[t] ?? '?')}\u200b${'\u200b'.repeat(t)}`);
  return {
    ...baseOption(settings.theme, settings.title),
    grid: { left: 48, right: 80, top: settings.title ? 48 : 24, bottom: 48, containLabel: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (x: unknown) => {
        const [j, t, a] = (x as { value: [number, number, number] }).value;
        return `writing "${shown(output[t] ?? '?')}" (character ${t + 1})<br/>α on "${shown(source[j] ?? '?')}" (source ${j + 1}): ${a.toFixed(3)}`;
      },
    },
    // Zero-width spaces keep repeated characters distinct categories (an "n" twice is two columns).
    xAxis: { type: 'category', data: xLabels, name: 'source', nameLocation: 'middle', nameGap: 28, axisTick: { show: false }, splitArea: { show: false } },
    yAxis: { type: 'category', data: yLabels, name: 'output', nameLocation: 'middle', nameGap: 30, inverse: true, axisTick: { show: false }, splitArea: { show: false } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 1,
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      textStyle: { color: p.text },
      inRange: { color: [withAlpha(p.accent, 0.03), withAlpha(p.accent, 0.5), p.accent] },
    },
    series: [{ type: 'heatmap', name: 'α', data: cells, itemStyle: { borderColor: p.background, borderWidth: 1 } }],
  };
}
