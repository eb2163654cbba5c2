import { describe, expect, it } from 'vitest';
import type { RepeatArtifacts } from '../state/artifacts.js';
import { exactCounts, hasAttention, heldOutColumns, heldOutRows, pairAttention } from './translation-table.js';

const repeat = (n: number, samples: unknown[]): RepeatArtifacts => ({ trialId: n, repeat: n, configIndex: 0, metrics: {}, artifacts: { samples } });

describe('held-out translations table', () => {
  it("puts each repeat's translation of a pair side by side, marked right or wrong", () => {
    const repeats = [
      repeat(1, [{ source: 'red heart', reference: 'coração vermelho', translation: 'coração vermelho' }, { source: 'milky way', reference: 'via láctea', translation: 'via lácta' }]),
      repeat(2, [{ source: 'red heart', reference: 'coração vermelho', translation: 'coração' }, { source: 'milky way', reference: 'via láctea', translation: 'via láctea' }, { bad: true }]),
    ];
    const rows = heldOutRows(repeats);
    const columns = heldOutColumns(repeats);
    expect(columns.map((c) => c.label)).toEqual(['English', 'Reference', 'Repeat 1', 'Repeat 2']);
    expect(rows.map((r) => columns.map((c) => c.value(r)))).toEqual([
      ['red heart', 'coração vermelho', '✓ coração vermelho', '✗ coração'],
      ['milky way', 'via láctea', '✗ via lácta', '✓ via láctea'],
    ]);
    expect(exactCounts(rows, 2)).toEqual([1, 1]);
  });

  it('shows a dash where a repeat did not store a pair', () => {
    const repeats = [repeat(1, [{ source: 'a', reference: 'b', translation: 'b' }]), repeat(3, [])];
    const rows = heldOutRows(repeats);
    expect(heldOutColumns(repeats).map((c) => c.value(rows[0]!))).toEqual(['a', 'b', '✓ b', '—']);
  });

  it("gives a pair's α per repeat for the heatmap: the end marker where α has a row for it, none when absent or malformed", () => {
    const repeats = [
      repeat(1, [{ source: 'ab', reference: 'xy', translation: 'xy', attention: [[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]] }]),
      repeat(2, [{ source: 'ab', reference: 'xy', translation: 'x', attention: [[1, 0]] }]),
      repeat(3, [{ source: 'ab', reference: 'xy', translation: 'x', attention: [[Number.NaN, 0]] }]),
    ];
    const rows = heldOutRows(repeats);
    expect(hasAttention(rows)).toBe(true);
    expect(pairAttention(rows[0]!, 0)).toEqual({ source: ['a', 'b'], output: ['x', 'y', '\n'], alpha: [[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]] });
    expect(pairAttention(rows[0]!, 1)).toEqual({ source: ['a', 'b'], output: ['x'], alpha: [[1, 0]] });
    expect(pairAttention(rows[0]!, 2)).toBeNull();
    expect(hasAttention(heldOutRows([repeat(1, [{ source: 'a', reference: 'b', translation: 'b' }])]))).toBe(false);
  });
});
