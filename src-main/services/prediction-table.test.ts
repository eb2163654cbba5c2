import { describe, expect, it } from 'vitest';
import { predictionsTable } from './prediction-table.js';

describe("predict's table", () => {
  it('classification over repeats: each answer, the majority (or a tie) and the agreement', () => {
    const c = (label: string) => ({ label, probability: 0.9 });
    const t = predictionsTable({
      experiment: '#1 x',
      task: 'classification',
      ids: ['a', 'b'],
      repeats: [
        { repeat: 1, classes: [c('up'), c('up')] },
        { repeat: 2, classes: [c('up'), c('down')] },
        { repeat: 3, classes: [c('down'), c('left')] },
        { repeat: 4, classes: [c('up'), c('right')] },
      ],
    });
    expect(t.columns).toEqual(['sequence', 'repeat 1', 'repeat 2', 'repeat 3', 'repeat 4', 'majority', 'agree']);
    expect(t.rows).toEqual([
      ['a', 'up', 'up', 'down', 'up', 'up', '3/4'],
      ['b', 'up', 'down', 'left', 'right', 'tie', '1/4'],
    ]);
  });

  it('regression over repeats: each value and their mean and sample std, one row per output', () => {
    const t = predictionsTable({ experiment: '#1 x', task: 'regression', ids: ['a'], repeats: [{ repeat: 1, values: [[1, 10]] }, { repeat: 2, values: [[3, 14]] }] });
    expect(t.columns).toEqual(['sequence', 'output', 'repeat 1', 'repeat 2', 'mean', 'std']);
    expect(t.rows).toEqual([
      ['a', 1, 1, 3, 2, Math.SQRT2],
      ['a', 2, 10, 14, 12, 2 * Math.SQRT2],
    ]);
  });
});
