import { describe, expect, it } from 'vitest';
import { getAt, kindOf, setAt } from './spec-paths.js';

describe('spec paths', () => {
  it('reads and writes nested values, creating containers', () => {
    const spec: Record<string, unknown> = { model: { layers: [{ lstm: { units: 4 } }] } };
    expect(getAt(spec, ['model', 'layers', 0, 'lstm', 'units'])).toBe(4);
    expect(getAt(spec, ['training', 'epochs'])).toBeUndefined();
    setAt(spec, ['training', 'epochs'], 30);
    setAt(spec, ['model', 'layers', 0, 'lstm', 'units'], 8);
    setAt(spec, ['grid', 'list', 0], 'x');
    expect(spec).toEqual({ model: { layers: [{ lstm: { units: 8 } }] }, training: { epochs: 30 }, grid: { list: ['x'] } });
  });

  it('deletes on undefined', () => {
    const spec: Record<string, unknown> = { seed: 3, name: 'a' };
    setAt(spec, ['seed'], undefined);
    expect(spec).toEqual({ name: 'a' });
  });

  it('finds the kind of a single-key choice', () => {
    expect(kindOf({ adam: { learningRate: 0.1 } })).toBe('adam');
    expect(kindOf(null)).toBeUndefined();
  });
});
