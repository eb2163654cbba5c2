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
  /** The configuration of a grid it belongs to (its colour when `configs` are given). */
  readonly config?: number;
  /** Cancelled before it finished: its curve so far is kept, dashed. */
  readonly cancelled?: boolean;
}

export interface LiveLossSettings {
  readonly theme: ThemeName;
  /** Total epochs of a repeat, to fix the x axis while training (0 → automatic). */
  readonly totalEpochs: number;
  readonly log?: boolean;
  /** Most points drawn per curve (longer curves are thinned by a stride; default 1500). */
  readonly maxPoints?: number;
  /**
   * A grid's configuration labels: repeats are then coloured by configuration (every repeat of one configuration
   * shares its colour; the legend names the configurations), not one colour per repeat.
   */
  readonly configs?: readonly string[];
}

/**
 * The live loss chart: one line per repeat of [epoch, loss] pairs on a value x axis; active repeats bold in
 * palette colours, finished ones faint, cancelled ones dashed; in a grid (`configs`) each repeat takes its
 * configuration's colour and name. Series order follows `curves`.
 */
export function liveLossOption(curves: readonly LiveCurve[], settings: LiveLossSettings): EChartsOption {
  const p = palette(settings.theme);
  let colour = 0;
  const anyActive = curves.some((c) => c.active);
  const byConfig = (settings.configs?.length ?? 0) > 1;
  const configColour = (c: LiveCurve) => p.series[(c.config ?? 0) % p.series.length]!;
  const series: SeriesOption[] = curves.map((c) => {
    const data = strideIndices(c.epochs.length, settings.maxPoints ?? 1500).map((i) => [c.epochs[i]!, c.losses[i]!] as [number, number]);
    // In a grid the series are named by configuration, so the legend toggles a configuration's repeats together.
    const name = byConfig ? settings.configs![c.config ?? 0] ?? c.label : c.label;
    const type = c.cancelled ? ('dashed' as const) : ('solid' as const);
    if (c.active) {
      const col = byConfig ? configColour(c) : p.series[colour++ % p.series.length]!;
      return { type: 'line', name, data, symbol: 'none', animation: false, lineStyle: { width: 2, color: col, type }, itemStyle: { color: col }, z: 3 };
    }
    // Finished repeats stay in the background: palette colours when nothing runs, grey behind running ones (their
    // configuration's colour, faint, in a grid).
    const col = byConfig ? withAlpha(configColour(c), anyActive ? 0.35 : 0.6) : anyActive ? withAlpha(p.muted, 0.45) : withAlpha(p.series[colour++ % p.series.length]!, 0.7);
    return {
      type: 'line', name, data, symbol: 'none', animation: false, silent: true, z: 1,
      lineStyle: { width: 1, color: col, type }, itemStyle: { color: col },
    };
  });
  const legend = byConfig
    ? [...new Set(curves.map((c) => settings.configs![c.config ?? 0] ?? c.label))]
    : (anyActive ? curves.filter((c) => c.active) : curves).map((c) => c.label);
  return {
    ...baseOption(settings.theme),
    animation: false,
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => num3(v),
    },
    legend: { bottom: 4, type: 'scroll', data: legend },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 0, ...(settings.totalEpochs > 0 ? { max: settings.totalEpochs } : {}) },
    yAxis: { type: settings.log ? 'log' : 'value', name: 'loss', scale: true },
    series,
  };
}
