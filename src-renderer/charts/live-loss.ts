import type { EChartsOption, SeriesOption } from 'echarts';
import { baseOption, num3 } from './common.js';
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
}

/**
 * The live loss chart: one line per repeat of [epoch, loss] pairs on a value x axis; active repeats bold in
 * palette colours, finished ones faint. Series order follows `curves`.
 */
export function liveLossOption(curves: readonly LiveCurve[], settings: LiveLossSettings): EChartsOption {
  const p = palette(settings.theme);
  let colour = 0;
  const series: SeriesOption[] = curves.map((c) => {
    const data = c.epochs.map((e, i) => [e, c.losses[i]!] as [number, number]);
    if (c.active) {
      const col = p.series[colour++ % p.series.length]!;
      return { type: 'line', name: c.label, data, symbol: 'none', animation: false, lineStyle: { width: 2, color: col }, itemStyle: { color: col }, z: 3 };
    }
    return {
      type: 'line', name: c.label, data, symbol: 'none', animation: false, silent: true, z: 1,
      lineStyle: { width: 1, color: withAlpha(p.muted, 0.45) }, itemStyle: { color: p.muted },
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
    legend: { bottom: 4, type: 'scroll', data: curves.filter((c) => c.active).map((c) => c.label) },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 28, min: 0, ...(settings.totalEpochs > 0 ? { max: settings.totalEpochs } : {}) },
    yAxis: { type: settings.log ? 'log' : 'value', name: 'loss', scale: true },
    series,
  };
}
