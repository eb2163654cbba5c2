import type { EChartsOption } from 'echarts';
import { baseOption } from './common.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

/** A confusion matrix: `m[true][predicted]` counts. */
export type Matrix = readonly (readonly number[])[];

/** Cell-wise sum of square matrices of the same size (e.g. every repeat's confusion matrix); [] for none. */
export function sumMatrices(matrices: readonly Matrix[]): number[][] {
  const first = matrices[0];
  if (!first) return [];
  const out = first.map((row) => row.map(() => 0));
  for (const m of matrices) {
    if (m.length !== out.length) throw new RangeError(`sumMatrices: expected ${out.length} rows, got ${m.length}`);
    m.forEach((row, i) => row.forEach((v, j) => (out[i]![j]! += v)));
  }
  return out;
}

export interface ConfusionSettings {
  readonly theme: ThemeName;
  readonly title?: string;
  /** Class names (default '0', '1', …). */
  readonly classes?: readonly string[];
}

/** Heatmap cells `[predicted, true, count]` of a matrix, row by row (n² cells), and the largest count. */
export function confusionCells(matrix: Matrix): { cells: [number, number, number][]; max: number } {
  const cells: [number, number, number][] = [];
  let max = 0;
  matrix.forEach((row, t) => row.forEach((count, p) => {
    cells.push([p, t, count]);
    max = Math.max(max, count);
  }));
  return { cells, max };
}

/**
 * Confusion-matrix heatmap: predicted class on x, true class on y (0 at the top, as the matrix is written),
 * one cell per pair (n² data points) labelled with its count; a continuous visualMap from 0 to the largest count.
 * Series: [heatmap].
 */
export function confusionOption(matrix: Matrix, settings: ConfusionSettings): EChartsOption {
  const p = palette(settings.theme);
  const n = matrix.length;
  const classes = settings.classes ?? Array.from({ length: n }, (_, i) => String(i));
  const { cells, max } = confusionCells(matrix);
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const base = baseOption(settings.theme, settings.title);
  return {
    ...base,
    grid: { left: 64, right: 90, top: settings.title ? 48 : 24, bottom: 56, containLabel: false },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (x: unknown) => {
        const [pred, tru, count] = (x as { value: [number, number, number] }).value;
        const total = rowTotals[tru] ?? 0;
        const share = total > 0 ? ` (${((100 * count) / total).toFixed(1)} % of true ${classes[tru]})` : '';
        return `true ${classes[tru]} → predicted ${classes[pred]}<br/>${count}${share}`;
      },
    },
    xAxis: { type: 'category', data: [...classes], name: 'predicted', nameLocation: 'middle', nameGap: 28, splitArea: { show: false }, axisTick: { show: false } },
    yAxis: { type: 'category', data: [...classes], name: 'true', nameLocation: 'middle', nameGap: 36, inverse: true, splitArea: { show: false }, axisTick: { show: false } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, max),
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 180,
      textStyle: { color: p.text },
      inRange: { color: [withAlpha(p.accent, 0.04), withAlpha(p.accent, 0.45), p.accent] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'count',
        // Counts on the strongly coloured (large) cells read better in the background's colour.
        data: cells.map((value) => ({ value, label: { color: value[2] > max * 0.6 ? p.background : p.text } })),
        label: {
          show: true,
          fontSize: 11,
          formatter: (x: unknown) => {
            const v = (x as { value: [number, number, number] }).value[2];
            return v === 0 ? '' : String(v);
          },
        },
        itemStyle: { borderColor: p.background, borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: p.ink, borderWidth: 1.5 } },
      },
    ],
  };
}
