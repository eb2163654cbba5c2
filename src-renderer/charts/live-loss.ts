import type { EChartsOption, SeriesOption } from 'echarts';
import { baseOption, num3 } from './common.js';
import { strideIndices } from './downsample.js';
import { palette, withAlpha, type ThemeName } from './palette.js';

/** One repeat's loss so far. */
export interface LiveCurve {
  readonly label: string;
  readonly epochs: readonly number[];
  readonly losses: readonly number[];
  /** Still training (drawn bold); finished curves are drawn faint behind. */
  readonly active: boolean;
}

export interface LiveLossSettings {
  readonly theme: ThemeName;
  /** Total epochs of a repeat, to fix the x axis while training (0 → automatic). */
  readonly totalEpochs: number;
  readonly log?: boolean;
  /** Most points drawn per curve (longer curves are thinned by a stride; default 1500). */
  readonly maxPoints?: number;
}

/**
 * The live loss chart: one line per repeat of [epoch, loss] pairs on a value x axis; active repeats bold in
 * palette colours, finished ones faint. Series order follows `curves`.
 */
export function liveLossOption(curves: readonly LiveCurve[], settings: LiveLossSettings): EChartsOption {
  const p = palette(settings.theme);
  let colour = 0;
  const anyActive = curves.some((c) => c.active);
  const series: SeriesOption[] = curves.map((c) => {
    const data = strideIndices(c.epochs.length, settings.maxPoints ?? 1500).map((i) => [c.epochs[i]!, c.losses[i]!] as [number, number]);
    if (c.active) {
      const col = p.series[colour++ % p.series.length]!;
      return { type: 'line', name: c.label, data, symbol: 'none', animation: false, lineStyle: { width: 2, color: col }, itemStyle: { color: col }, z: 3 };
    }
    // Finished repeats stay in the background: palette colours when nothing runs, grey behind running ones.
    const col = anyActive ? withAlpha(p.muted, 0.45) : withAlpha(p.series[colour++ % p.series.length]!, 0.7);
    return {
      type: 'line', name: c.label, data, symbol: 'none', animation: false, silent: true, z: 1,
      lineStyle: { width: 1, color: col }, itemStyle: { color: col },
    };
  });
  return {
    ...baseOption(settings.theme),
    animation: false,
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => num3(v),
    },
    legend: { bottom: 4, type: 'scroll', data: (anyActive ? curves.filter((c) => c.active) : curves).map((c) => c.label) },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 0, ...(settings.totalEpochs > 0 ? { max: settings.totalEpochs } : {}) },
    yAxis: { type: settings.log ? 'log' : 'value', name: 'loss', scale: true },
    series,
  };
}
