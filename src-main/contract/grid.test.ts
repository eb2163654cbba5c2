import { describe, expect, it } from 'vitest';
import { configLabel, epochsText, expandGrid, formatGridPath, gridCombos, gridPathProblem, parseGridPath, valueAtGridPath } from './grid.js';
import { parseSpec } from './validate.js';

const spec = parseSpec({
  name: 'g',
  data: { kind: 'csv', path: '/x.csv', column: 'v' },
  preprocessing: [{ supervised: {} }],
  model: { layers: [{ lstm: { units: 4 } }, { dense: { units: 1 } }] },
  training: { epochs: 3000 },
  evaluation: { protocol: 'walk-forward', testSize: 1 },
  grid: { 'model.layers[0].lstm.units': [1, 4, 8], 'training.epochs': [1000, 3000] },
  seed: 1,
}, '');

describe('grid paths', () => {
  it('parse and format as inverses', () => {
    expect(parseGridPath('model.layers[0].lstm.units')).toEqual(['model', 'layers', 0, 'lstm', 'units']);
    expect(formatGridPath(['model', 'layers', 0, 'lstm', 'units'])).toBe('model.layers[0].lstm.units');
    expect(valueAtGridPath(spec, 'model.layers[1].dense.units')).toBe(1);
    expect(valueAtGridPath(spec, 'model.layers[5].dense.units')).toBeUndefined();
  });

  it('name the first missing step, and let the last one be new', () => {
    expect(gridPathProblem(spec, 'training.epochs')).toBeNull();
    expect(gridPathProblem(spec, 'model.layers[0].lstm.dropout')).toBeNull();
    expect(gridPathProblem(spec, 'model.layers[3].lstm.units')).toBe('grid["model.layers[3].lstm.units"]: model.layers[3] does not exist in the spec; check the path');
    expect(gridPathProblem(spec, '')).toMatch(/an empty path names no setting/);
  });
});

describe('expandGrid', () => {
  it('is the cartesian product in key order, last key fastest, labelled by the last keys', () => {
    expect(gridCombos(spec.grid).map((c) => c.map(([, v]) => v))).toEqual([[1, 1000], [1, 3000], [4, 1000], [4, 3000], [8, 1000], [8, 3000]]);
    const configs = expandGrid(spec);
    expect(configs.map((c) => configLabel(spec, c))).toEqual([
      'units=1, epochs=1000', 'units=1, epochs=3000', 'units=4, epochs=1000', 'units=4, epochs=3000', 'units=8, epochs=1000', 'units=8, epochs=3000',
    ]);
    expect(configs.every((c) => Object.keys(c.grid).length === 0)).toBe(true);
  });

  it('names the configuration the schema refuses', () => {
    const bad = { ...spec, grid: { 'model.layers[0].lstm.units': [4, 0] } };
    expect(() => expandGrid(bad)).toThrow(/model\.layers\[0\]\.lstm\.units: .* \(grid configuration 2 of 2: model\.layers\[0\]\.lstm\.units = 0\)/);
    expect(() => expandGrid({ ...spec, grid: { 'model.layers[0].lstm.unit': [4] } })).toThrow(/unknown key.*units/);
  });

  it('says how many epochs truthfully when the grid varies them', () => {
    expect(epochsText(3000, spec.grid)).toBe('1000 or 3000 epochs (by configuration)');
    expect(epochsText(3000, {})).toBe('3000 epochs');
  });
});
