import { describe, expect, it } from 'vitest';
import type { MethodOutputs } from '../../src-main/contract/api.js';
import { draftSpec, initialRoles, rolesProblems } from './import-roles.js';

const col = (name: string, type: 'number' | 'text', distinct = 5) => ({ name, type, missing: 0, distinct });
const series: MethodOutputs['inspectData'] = {
  path: '/data/sales.csv',
  rows: 36,
  columns: [col('Month', 'text', 36), col('Sales', 'number', 36)],
  preview: [],
  suggestion: { reading: 'a series', spec: { data: { kind: 'csv', path: '/data/sales.csv', column: 'Sales', timeColumn: 'Month' } } as never },
};
const sequences: MethodOutputs['inspectData'] = {
  path: '/data/moves.csv',
  rows: 40,
  columns: [col('seq', 'text', 10), col('t', 'number', 4), col('x', 'number'), col('y', 'number'), col('class', 'text', 3)],
  preview: [],
  suggestion: { reading: 'sequences', spec: { data: { kind: 'sequences', path: '/data/moves.csv', format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' } } as never },
};

describe('import roles', () => {
  it('start from the suggestion, and draft a spec that reads the file that way', () => {
    const roles = initialRoles(series);
    expect(roles).toMatchObject({ reading: 'series', time: 'Month', target: 'Sales' });
    expect(rolesProblems(roles)).toEqual([]);
    expect(draftSpec(series, roles, 'sales.csv')).toMatchObject({ name: 'sales', data: { kind: 'csv', path: '/data/sales.csv', column: 'Sales', timeColumn: 'Month' }, evaluation: { protocol: 'walk-forward', testSize: 12 } });
    const seq = initialRoles(sequences);
    expect(seq).toMatchObject({ reading: 'sequences', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' });
    const spec = draftSpec(sequences, seq, 'moves.csv') as { data: unknown; model: { layers: unknown[] } };
    expect(spec.data).toEqual({ kind: 'sequences', path: '/data/moves.csv', format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' });
    expect(spec.model.layers[1]).toEqual({ dense: { units: 3, activation: 'softmax' } });
  });

  it('say what is missing before a draft', () => {
    const seq = { ...initialRoles(sequences), features: [], label: '' };
    expect(rolesProblems(seq)).toEqual(['tick at least one feature column', 'choose the label column']);
    expect(rolesProblems({ ...initialRoles(sequences), features: ['x', 'class'] })).toEqual(['the label cannot also be a feature']);
    expect(rolesProblems({ ...initialRoles(series), target: '' })).toEqual(['choose the column to forecast']);
  });
});
