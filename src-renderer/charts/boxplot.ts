import type { EChartsOption, SeriesOption } from 'echarts';
import { baseOption, num3 } from './common.js';
import { palette, withAlpha, type ThemeName } from './palette.js';
import { fiveNumbers, jitter, niceExtent, niceInterval } from './stats.js';

/** One box: a configuration or a compared experiment. */
export interface BoxGroup {
  readonly label: string;
  /** Every repeat's value of the metric (drawn as jittered points). */
  readonly values: readonly number[];
  /** Which repeat (and seed, and fold) each value is, aligned with `values`: the points' tooltips say it. */
  readonly points?: readonly { readonly repeat: number; readonly seed: number; readonly fold?: number | null }[];
  /** [min, q1, median, q3, max]; computed from `values` when omitted. */
  readonly box?: readonly [number, number, number, number, number];
  /** Baseline values of the metric by baseline name (drawn as horizontal lines). */
  readonly baselines?: Readonly<Record<string, number>>;
}

export interface BoxplotSettings {
  readonly metric: string;
  readonly theme: ThemeName;
  readonly title?: string;
  /** Index of a group to emphasise (e.g. the comparison's reference). */
  readonly highlight?: number;
}

/** Distinct baseline lines over all groups: same name and value drawn once. */
export function baselineLines(groups: readonly BoxGroup[]): { name: string; value: number }[] {
  const seen = new Map<string, { name: string; value: number }>();
  for (const g of groups) {
    for (const [name, value] of Object.entries(g.baselines ?? {})) {
      if (!Number.isFinite(value)) continue;
      const key = `${name}:${value}`;
      if (!seen.has(key)) seen.set(key, { name, value });
    }
  }
  return [...seen.values()];
}

/**
 * Boxplot of a metric per group with every repeat as a jittered scatter point (second, hidden value x axis
 * aligned with the category centres) and each baseline as a dashed horizontal markLine on the boxplot series.
 * Series: [boxplot (one item per group), scatter (one point per repeat)].
 */
export function boxplotOption(groups: readonly BoxGroup[], settings: BoxplotSettings): EChartsOption {
  const p = palette(settings.theme);
  const lines = baselineLines(groups);
  const boxes = groups.map((g) => (g.box ? [...g.box] : g.values.length > 0 ? fiveNumbers(g.values) : []));
  const points = groups.flatMap((g, gi) =>
    g.values.map((v, i) => {
      const at = g.points?.[i];
      const who = at ? `: repeat ${at.repeat}${typeof at.fold === 'number' ? `, fold ${at.fold + 1}` : ''} · seed ${at.seed}` : '';
      return { value: [gi + jitter(gi, i), v] as [number, number], name: `${g.label}${who}` };
    }),
  );
  const all = [...groups.flatMap((g) => g.values), ...boxes.flat(), ...lines.map((l) => l.value)].filter(Number.isFinite);
  const [min, max] = all.length > 0 ? niceExtent(Math.min(...all), Math.max(...all)) : [0, 1];

  const series: SeriesOption[] = [
    {
      type: 'boxplot',
      name: settings.metric,
      data: boxes.map((value, i) => ({
        value,
        name: groups[i]!.label,
        itemStyle:
          settings.highlight === i
            ? { borderColor: p.accent2, borderWidth: 2.5, color: withAlpha(p.accent2, 0.12) }
            : { borderColor: p.accent, borderWidth: 1.5, color: withAlpha(p.accent, 0.12) },
      })),
      boxWidth: [24, 90],
      tooltip: {
        formatter: (param: unknown) => {
          const { name, value } = param as { name: string; value: number[] };
          const [, lo, q1, med, q3, hi] = value;
          return `${name}<br/>max ${num3(hi)}<br/>Q3 ${num3(q3)}<br/>median ${num3(med)}<br/>Q1 ${num3(q1)}<br/>min ${num3(lo)}`;
        },
      },
      markLine: {
        precision: 6,
        silent: false,
        symbol: 'none',
        lineStyle: { color: p.baseline, type: 'dashed', width: 1.5 },
        label: { position: 'insideEndTop', color: p.baseline, formatter: (x: unknown) => {
          const { name, value } = x as { name: string; value: number };
          return `${name} ${num3(value)}`;
        } },
        data: lines.map((l) => ({ name: l.name, yAxis: l.value })),
      },
    },
    {
      type: 'scatter',
      name: 'repeats',
      xAxisIndex: 1,
      data: points,
      symbolSize: 7,
      itemStyle: { color: withAlpha(p.ink, 0.55), borderColor: p.background, borderWidth: 0.5 },
      tooltip: {
        formatter: (x: unknown) => {
          const { name, value } = x as { name: string; value: [number, number] };
          return `${name}<br/>${settings.metric} ${num3(value[1])}`;
        },
      },
      z: 3,
    },
  ];

  // A grid's labels (`units=1, epochs=20`) stack one setting per line, so neighbouring boxes' labels never collide.
  // With many boxes even one setting (`learningRate=0.001`) is wider than a box's slot: when every label names the
  // same settings in the same order, the boxes show only the values and the axis names the settings once.
  const labelLines = Math.max(1, ...groups.map((g) => g.label.split(', ').length));
  const keys = sharedKeys(groups.map((g) => g.label));
  const valuesOnly = keys !== null && groups.length > 4;
  const base = baseOption(settings.theme, settings.title);
  return {
    ...base,
    grid: { ...(base.grid as object), bottom: 70 + 14 * (labelLines - 1) },
    tooltip: { trigger: 'item', confine: true },
    legend: { bottom: 4, data: [settings.metric, 'repeats'] },
    xAxis: [
      {
        type: 'category',
        data: groups.map((g) => g.label),
        axisLabel: {
          interval: 0,
          overflow: 'truncate',
          width: valuesOnly ? 90 : 160,
          verticalAlign: 'top',
          lineHeight: 14,
          formatter: (v: string) => v.split(', ').map((part) => (valuesOnly ? part.slice(part.indexOf('=') + 1) : part)).join('\n'),
        },
        ...(valuesOnly ? { name: keys.join('\n'), nameLocation: 'start' as const, nameGap: 8, nameTextStyle: { align: 'right' as const, verticalAlign: 'top' as const, lineHeight: 14, padding: [8, 0, 0, 0] } } : {}),
      },
      { type: 'value', min: -0.5, max: groups.length - 0.5, show: false },
    ],
    yAxis: { type: 'value', name: settings.metric, min, max, interval: niceInterval(min, max), axisLine: { show: true, onZero: false }, axisLabel: { formatter: (v: number) => String(Number(v.toPrecision(6))) } },
    series,
  };
}

/** The setting names every `a=1, b=2` label has, in the same order; null when labels are not all of that form. */
function sharedKeys(labels: readonly string[]): string[] | null {
  const keysOf = (label: string) => label.split(', ').map((part) => (part.includes('=') ? part.slice(0, part.indexOf('=')) : null));
  const first = labels.length ? keysOf(labels[0]!) : null;
  if (!first || first.some((k) => k === null)) return null;
  return labels.every((l) => keysOf(l).join('\u0000') === first.join('\u0000')) ? (first as string[]) : null;
}
