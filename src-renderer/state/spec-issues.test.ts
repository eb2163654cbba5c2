import { describe, expect, it } from 'vitest';
import shampooJson from '../../experiments/shampoo-lstm.json';
import { specIssues } from './spec-issues.js';

const shampoo = shampooJson as Record<string, unknown>;

describe('specIssues', () => {
  it('accepts a built-in spec', () => {
    expect(specIssues(shampoo)).toEqual([]);
  });

  it('reports each problem at its path', () => {
    const bad = structuredClone(shampoo) as { training: Record<string, unknown>; model: { layers: Record<string, Record<string, unknown>>[] }; name: string };
    bad.training.epochs = 0;
    bad.model.layers[0]!.lstm!.unit = 3;
    bad.name = 'bad/name';
    const issues = specIssues(bad);
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('training.epochs');
    expect(paths).toContain('model.layers[0].lstm.unit');
    expect(paths).toContain('name');
    expect(issues.find((i) => i.path === 'model.layers[0].lstm.unit')!.message).toMatch(/did you mean units/);
  });

  it('keeps a message that holds "; " (what is wrong; the fix) as one issue, and still splits several unknown keys', () => {
    const bad = structuredClone(shampoo) as { data: Record<string, unknown>; training: Record<string, unknown> };
    bad.training.epochs = 2.5;
    bad.data.colum = 'x';
    bad.data.pth = 'y';
    const issues = specIssues(bad);
    expect(issues.map((i) => i.path)).toEqual(['data.colum', 'data.pth', 'training.epochs']);
    expect(issues[2]!.message).toBe('expected a whole number, got 2.5; use a whole number, e.g. 3');
  });
});
