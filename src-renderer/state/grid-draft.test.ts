import { describe, expect, it } from 'vitest';
import shampooJson from '../../experiments/shampoo-lstm.json';
import { configurationCount, formatGridValues, gridIssues, gridPathOptions, parseGridValues } from './grid-draft.js';

const shampoo = shampooJson as Record<string, unknown>;
const withGrid = (grid: Record<string, unknown[]>) => ({ ...structuredClone(shampoo), grid });

describe('grid paths from the schema', () => {
  it('offers the settings of the spec with defaults filled in, not names, seeds or data files', () => {
    const paths = gridPathOptions(shampoo).map((o) => o.path);
    expect(paths).toContain('model.layers[0].lstm.units');
    expect(paths).toContain('training.epochs');
    expect(paths).toContain('training.optimizer.adam.beta1'); // a default the schema fills in
    expect(paths).not.toContain('name');
    expect(paths).not.toContain('seed');
    expect(paths).not.toContain('data.path');
    expect(paths).not.toContain('evaluation.headline');
    expect(gridPathOptions(shampoo).find((o) => o.path === 'training.epochs')?.value).toBe(3000);
  });

  it('offers nothing while the draft does not validate', () => {
    expect(gridPathOptions({ name: 'x' })).toEqual([]);
  });
});

describe('grid values', () => {
  it('parse numbers, booleans and words, and format back', () => {
    expect(parseGridValues('1, 4 ,8,')).toEqual([1, 4, 8]);
    expect(parseGridValues('0.01, 1e-3, true, adam')).toEqual([0.01, 0.001, true, 'adam']);
    expect(formatGridValues([1, 0.001, true, 'adam'])).toBe('1, 0.001, true, adam');
  });
});

describe('gridIssues', () => {
  it('accepts a valid grid and counts its configurations', () => {
    const draft = withGrid({ 'model.layers[0].lstm.units': [1, 4, 8], 'training.epochs': [10, 20] });
    expect(gridIssues(draft)).toEqual([]);
    expect(configurationCount(draft)).toBe(6);
    expect(configurationCount(shampoo)).toBe(1);
  });

  it('names a path that does not exist, as the Node side does', () => {
    expect(gridIssues(withGrid({ 'model.layers[7].lstm.units': [1] }))).toEqual([
      { path: 'model.layers[7].lstm.units', message: 'grid["model.layers[7].lstm.units"]: model.layers[7] does not exist in the spec; check the path' },
    ]);
    expect(gridIssues(withGrid({ 'training.epochs': [] }))[0]?.message).toBe('grid["training.epochs"]: give at least one value');
  });

  it('names a typo in the last key and a value the schema refuses, with the configuration', () => {
    const typo = gridIssues(withGrid({ 'model.layers[0].lstm.unit': [1, 2] }));
    expect(typo[0]?.message).toMatch(/^model\.layers\[0\]\.lstm\.unit: unknown key.*units.*\(grid configuration 1 of 2/);
    expect(typo[0]?.path).toBe('model.layers[0].lstm.unit');
    const zero = gridIssues(withGrid({ 'model.layers[0].lstm.units': [4, 0] }));
    expect(zero).toHaveLength(1);
    expect(zero[0]).toMatchObject({ path: 'model.layers[0].lstm.units' });
    expect(zero[0]?.message).toMatch(/\(grid configuration 2 of 2: model\.layers\[0\]\.lstm\.units = 0\)$/);
  });
});
