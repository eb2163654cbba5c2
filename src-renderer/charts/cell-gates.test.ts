import { describe, expect, it } from 'vitest';
import type { CellTrace } from '../../src-main/contract/cell-lab.js';
import { cellGatesOption } from './cell-gates.js';

const step = (t: number, v: number) => ({
  t,
  input: [v],
  preActivations: { i: [v, 0], f: [v, 0], 'c̃': [v, 0], o: [v, 0] },
  gates: { i: [0.1 * t, 9], f: [0.2, 9], 'c̃': [0.3, 9], o: [0.4, 9] },
  state: { h: [0.5 + t, 9], c: [0.6, 9] },
  output: [0.5 + t, 9],
});
const trace: CellTrace = {
  kind: 'lstm',
  units: 2,
  features: 1,
  gates: ['i', 'f', 'c̃', 'o'],
  formulas: [],
  steps: [step(0, 1), step(1, 2), step(2, 3)],
  source: { experiment: '#1 x', config: 1, repeat: 1, seed: 1, layer: 0, example: 1, examples: 3 },
  cells: [{ index: 0, kind: 'lstm', units: 2 }],
  engineCheck: { engine: 'fused float64', maxAbsDiff: 0, tolerance: 1e-9, ok: true },
};

describe('cell gates chart', () => {
  it('one line per gate and state of the chosen unit, the step marked', () => {
    const o = cellGatesOption(trace, 0, 1, 'light');
    const series = o.series as { name: string; data: number[]; markLine?: { data: { xAxis: string }[] } }[];
    expect(series.map((s) => s.name)).toEqual(['i', 'f', 'c̃', 'o', 'h', 'c']);
    expect(series[0]!.data).toEqual([0, 0.1, 0.2]);
    expect(series[4]!.data).toEqual([0.5, 1.5, 2.5]);
    expect(series[0]!.markLine!.data[0]!.xAxis).toBe('1');
    // The second unit's values are never mixed in.
    expect(series.flatMap((s) => s.data)).not.toContain(9);
  });
});
