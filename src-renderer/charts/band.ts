import type { SeriesOption } from 'echarts';
import { withAlpha } from './palette.js';

type Cell = number | null;

/**
 * A shaded band between `lower` and `upper` as two stacked line series (ECharts draws areas between stacked
 * lines): an invisible `lower` line and an `upper − lower` line with an area fill. Both carry `name` so the
 * legend toggles them together. Null cells leave gaps.
 */
export function bandSeries(
  name: string,
  lower: readonly Cell[],
  upper: readonly Cell[],
  color: string,
  stack: string,
  /** x values for a value x axis (data become [x, y] pairs; ECharts stacks them by index). */
  xs?: readonly number[],
): SeriesOption[] {
  const diffs = lower.map((lo, i) => {
    const hi = upper[i];
    return lo === null || hi === null || hi === undefined ? null : hi - lo;
  });
  const shape = (ys: readonly Cell[]) => (xs ? ys.map((y, i) => [xs[i]!, y]) : [...ys]);
  const low = shape(lower);
  const diff = shape(diffs);
  // itemStyle gives the legend its swatch colour (the lines themselves are invisible).
  const common = { type: 'line' as const, name, stack, stackStrategy: 'all' as const, symbol: 'none', silent: true, connectNulls: false, z: 1, itemStyle: { color: withAlpha(color, 0.5) } };
  return [
    { ...common, data: low, lineStyle: { opacity: 0 }, tooltip: { show: false } },
    { ...common, data: diff, lineStyle: { opacity: 0 }, areaStyle: { color: withAlpha(color, 0.22) }, tooltip: { show: false } },
  ];
}
