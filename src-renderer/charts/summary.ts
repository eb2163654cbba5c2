import type { EChartsOption } from 'echarts';

/** What the e2e suite reads from a chart's `data-option-summary` attribute, one entry per series. */
export interface SeriesSummary {
  readonly type: string;
  readonly name: string;
  /** Length of the series' data array. */
  readonly points: number;
  /** Value of each markLine item (`yAxis`, else `xAxis`, else `value`). */
  readonly markLines: (number | string | null)[];
}

type Loose = Record<string, unknown>;

function markLineValue(item: unknown): number | string | null {
  const first = (Array.isArray(item) ? item[0] : item) as Loose | undefined;
  if (!first || typeof first !== 'object') return null;
  for (const key of ['yAxis', 'xAxis', 'value'] as const) {
    const v = first[key];
    if (typeof v === 'number' || typeof v === 'string') return v;
  }
  return null;
}

/** Summarises an option's series: type, name, data length and markLine values (for test hooks). */
export function summarizeOption(option: EChartsOption): SeriesSummary[] {
  const raw = option.series;
  const series = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Loose[];
  return series.map((s) => {
    const markLine = s.markLine as { data?: unknown[] } | undefined;
    return {
      type: String(s.type ?? ''),
      name: String(s.name ?? ''),
      points: Array.isArray(s.data) ? s.data.length : 0,
      markLines: (markLine?.data ?? []).map(markLineValue),
    };
  });
}
