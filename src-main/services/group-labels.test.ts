import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { flattenSpec, groupLabels, type GroupOrigin } from './group-labels.js';

const base = {
  name: 'base',
  data: { kind: 'csv', path: '/data/shampoo.csv', column: 'Sales' },
  model: { layers: [{ lstm: { units: 4 } }, { dense: { units: 1 } }] },
  training: { epochs: 100 },
  evaluation: { protocol: 'walk-forward', testSize: 12 },
  seed: 1,
};
const spec = (patch: (s: typeof base) => unknown) => parseSpec(patch(structuredClone(base)), '');
const origin = (experimentId: number, s: ReturnType<typeof spec>, configIndex = 0, configCount = 1): GroupOrigin => ({
  experimentId, experimentName: `exp${experimentId}`, configIndex, configCount, spec: s,
});

describe('groupLabels', () => {
  it('flattens a spec to leaf paths, leaving out names, notes and storage settings', () => {
    const flat = flattenSpec(spec((s) => ({ ...s, description: 'x' })));
    expect(flat.get('model.layers[0].lstm.units')).toBe(4);
    expect(flat.get('training.epochs')).toBe(100);
    expect([...flat.keys()].some((k) => /^(name|description|keep|grid|seedScheme)\b/.test(k))).toBe(false);
  });

  it('labels groups by what differs, with the shortest unambiguous names', () => {
    const a = spec((s) => s);
    const b = spec((s) => ({ ...s, name: 'other', training: { epochs: 300 }, model: { layers: [{ lstm: { units: 8 } }, { dense: { units: 1 } }] } }));
    const r = groupLabels([origin(1, a), origin(2, b)]);
    expect(r.labels).toEqual(['units=4, epochs=100', 'units=8, epochs=300']);
    expect(r.titles[1]).toBe('#2 exp2 (units=8, epochs=300)');
    expect(r.differing).toEqual([
      { path: 'model.layers[0].lstm.units', values: ['4', '8'] },
      { path: 'training.epochs', values: ['100', '300'] },
    ]);
    // Two differing `units`: each named by enough of its path to tell them apart.
    const c = spec((s) => ({ ...s, model: { layers: [{ lstm: { units: 8 } }, { dense: { units: 2 } }] } }));
    expect(groupLabels([origin(1, a), origin(3, c)]).labels).toEqual(['lstm.units=4, dense.units=1', 'lstm.units=8, dense.units=2']);
  });

  it('falls back to ids for identical specs and disambiguates labels that collide', () => {
    const a = spec((s) => s);
    expect(groupLabels([origin(1, a), origin(2, a)]).labels).toEqual(['#1 exp1', '#2 exp2']);
    const b = spec((s) => ({ ...s, training: { epochs: 5 } }));
    expect(groupLabels([origin(1, a), origin(2, a), origin(3, b, 1, 2)]).labels).toEqual(['epochs=100 (#1)', 'epochs=100 (#2)', 'epochs=5']);
  });

  it('shows a setting one group lacks as —', () => {
    const a = spec((s) => s);
    const b = spec((s) => ({ ...s, model: { layers: [{ lstm: { units: 4 } }, { lstm: { units: 4 } }, { dense: { units: 1 } }] } }));
    const r = groupLabels([origin(1, a), origin(2, b)]);
    expect(r.differing.find((d) => d.path === 'model.layers[2].dense.units')?.values).toEqual(['—', '1']);
  });
});
