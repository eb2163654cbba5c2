import { describe, expect, it } from 'vitest';
import type { RepeatArtifacts } from '../state/artifacts.js';
import { exactCounts, heldOutColumns, heldOutRows } from './translation-table.js';

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
});
