import type { EChartsOption } from 'echarts';
import type { CellTrace } from '../../src-main/contract/cell-lab.js';
import { baseOption, num3 } from './common.js';
import { palette, type ThemeName } from './palette.js';

/**
 * One unit of a cell over time: each gate's value (i, f, c̃, o / z, r, h̃), the carried state c (LSTM) and the
 * output h, one line each, steps on x; the chosen step marked by a vertical line.
 */
export function cellGatesOption(trace: CellTrace, unit: number, step: number, theme: ThemeName): EChartsOption {
  const p = palette(theme);
  const t = trace.steps.map((s) => s.t);
  const gateLines = trace.kind === 'simpleRNN' ? [] : trace.gates.map((g) => ({ name: g, values: trace.steps.map((s) => s.gates[g]![unit]!), dashed: false }));
  const stateLines = Object.keys(trace.steps[0]?.state ?? {}).map((k) => ({ name: k, values: trace.steps.map((s) => s.state[k]![unit]!), dashed: k === 'c' }));
  const lines = [...gateLines, ...stateLines];
  return {
    ...baseOption(theme),
    grid: { left: 56, right: 24, top: 36, bottom: 48 },
    legend: { top: 4, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', valueFormatter: num3 },
    xAxis: { type: 'category', data: t.map(String), name: 'step t', nameLocation: 'middle', nameGap: 28, axisLabel: { color: p.muted } },
    yAxis: { type: 'value', name: `unit ${unit + 1}`, axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.split, opacity: 0.25 } } },
    series: lines.map((l, i) => ({
      type: 'line',
      name: l.name,
      data: l.values,
      showSymbol: t.length <= 40,
      lineStyle: { width: l.name === 'h' ? 3 : 1.5, ...(l.dashed ? { type: 'dashed' as const } : {}) },
      color: p.series[i % p.series.length]!,
      ...(i === 0 ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: p.muted, type: 'dotted' as const }, label: { show: false }, data: [{ xAxis: String(step) }] } } : {}),
    })),
  };
}
