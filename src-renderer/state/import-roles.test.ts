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
    expect(roles).toMatchObject({ reading: 'series', time: 'Month', targets: ['Sales'], inputs: ['Sales'] });
    expect(rolesProblems(roles)).toEqual([]);
    expect(draftSpec(series, roles, 'sales.csv')).toMatchObject({ name: 'sales', data: { kind: 'csv', path: '/data/sales.csv', column: 'Sales', timeColumn: 'Month' }, evaluation: { protocol: 'walk-forward', testSize: 12 } });
    const seq = initialRoles(sequences);
    expect(seq).toMatchObject({ reading: 'sequences', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' });
    const spec = draftSpec(sequences, seq, 'moves.csv') as { data: unknown; model: { layers: unknown[] } };
    expect(spec.data).toEqual({ kind: 'sequences', path: '/data/moves.csv', format: 'csv-long', id: 'seq', step: 't', features: ['x', 'y'], label: 'class' });
    expect(spec.model.layers[1]).toEqual({ dense: { units: 3, activation: 'softmax' } });
  });

  it('a table of series: the suggestion\'s time, inputs and targets; several columns draft a "table" spec', () => {
    const weather: MethodOutputs['inspectData'] = {
      path: '/data/weather.csv',
      rows: 90,
      columns: [col('day', 'text', 90), col('rain', 'number'), col('tmax', 'number'), col('tmin', 'number')],
      preview: [],
      suggestion: { reading: 'series in a table', spec: { data: { kind: 'table', path: '/data/weather.csv', time: 'day', features: ['rain', 'tmax', 'tmin'], targets: ['tmin'] } } as never },
    };
    const roles = initialRoles(weather);
    expect(roles).toMatchObject({ reading: 'series', time: 'day', targets: ['tmin'], inputs: ['rain', 'tmax', 'tmin'] });
    const spec = draftSpec(weather, { ...roles, targets: ['tmax', 'tmin'] }, 'weather.csv') as { data: unknown; preprocessing: unknown[]; model: { layers: unknown[] }; evaluation: unknown };
    expect(spec.data).toEqual({ kind: 'table', path: '/data/weather.csv', time: 'day', features: ['rain', 'tmax', 'tmin'], targets: ['tmax', 'tmin'], delimiter: 'auto', missing: 'error' });
    // 90 rows: 30 held out, windows of min(8, ⌊60 / 4⌋) = 8 steps; one output per target.
    expect(spec.preprocessing[1]).toEqual({ supervised: { lag: 8, horizon: 1 } });
    expect(spec.model.layers[1]).toEqual({ dense: { units: 2 } });
    expect(spec.evaluation).toMatchObject({ protocol: 'walk-forward', testSize: 30 });
    // One column forecast from itself stays the seed's "csv" reading.
    expect(draftSpec(weather, { ...roles, targets: ['tmax'], inputs: ['tmax'] }, 'weather.csv')).toMatchObject({ data: { kind: 'csv', column: 'tmax', timeColumn: 'day' } });
  });

  it('say what is missing before a draft', () => {
    const seq = { ...initialRoles(sequences), features: [], label: '' };
    expect(rolesProblems(seq)).toEqual(['tick at least one feature column', 'choose the label column']);
    expect(rolesProblems({ ...initialRoles(sequences), features: ['x', 'class'] })).toEqual(['the label cannot also be a feature']);
    expect(rolesProblems({ ...initialRoles(series), targets: [] })).toEqual(['choose the column to forecast']);
    expect(rolesProblems({ ...initialRoles(series), inputs: ['Month'] })).toEqual(['the time column cannot also be forecast or an input']);
  });
});
