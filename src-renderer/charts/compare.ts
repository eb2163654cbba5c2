import type { EChartsOption } from 'echarts';
import type { CompareResult } from '../../src-main/contract/api.js';
import { boxplotOption, type BoxGroup } from './boxplot.js';
import type { ThemeName } from './palette.js';

/** The compared groups as boxes: describe()'s five numbers, every value, and the group's baselines. */
export function compareGroups(result: CompareResult): BoxGroup[] {
  return result.groups.map((g) => ({
    label: g.label,
    values: g.values,
    points: g.units.map((u) => ({ repeat: u.repeat, seed: u.seed, ...(u.fold !== undefined ? { fold: u.fold } : {}) })),
    ...(g.summary.count > 0 ? { box: [g.summary.min, g.summary.q25, g.summary.q50, g.summary.q75, g.summary.max] as const } : {}),
    baselines: g.baselines,
  }));
}

/** Side-by-side boxplots of every compared group on one axis, the reference group emphasised. */
export function compareOption(result: CompareResult, theme: ThemeName): EChartsOption {
  return boxplotOption(compareGroups(result), { metric: result.metric, theme, highlight: result.reference });
}
