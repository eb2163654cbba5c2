import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../contract/validate.js';
import type { LabeledSequences, TargetSequences } from '../../data/dataset.js';
import { fusedEngine } from '../../engine/fused/index.js';
import { prepareTask, TASKS } from './index.js';

// Tasks take datasets by shape, not by source: these feed tasks with datasets built here (no registered
// source yields them), as a CSV table or ARFF reader will.
const base = { name: 't', repeats: 1, seed: 7, training: { epochs: 2, batchSize: 8 } };

describe('tasks are decoupled from data sources', () => {
  it('regression runs on any sequences with numeric targets', async () => {
    const spec = parseSpec({ ...base, data: { kind: 'varlen-sum' }, model: { layers: [{ lstm: { units: 3 } }, { dense: { units: 2 } }] }, evaluation: { protocol: 'holdout-regression' } }, '');
    const n = 40;
    const x = Float64Array.from({ length: n * 5 * 2 }, (_, i) => Math.sin(i));
    // Two targets per sequence: the sum and the last value of its first feature.
    const y = Float64Array.from({ length: n * 2 }, (_, k) => (k % 2 === 0 ? x[Math.floor(k / 2) * 10]! : x[Math.floor(k / 2) * 10 + 8]!));
    const data: TargetSequences = { shape: 'target-sequences', perStep: false, outputs: 2, parts: { all: { x: { data: x, n, steps: 5, features: 2 }, y } }, testFraction: 0.25, source: 'test' };
    const prepared = TASKS.regression.prepare(spec, data as never);
    expect(prepared.input).toEqual({ steps: 5, features: 2 });
    const outcome = await prepared.run(fusedEngine, 1, {});
    expect(Number.isFinite(outcome.metrics.mse)).toBe(true);
    expect(outcome.artifacts?.split).toMatchObject({ kind: 'random', train: 30, test: 10 });
  });

  it('classification runs on any labeled sequences, with their class count', async () => {
    const spec = parseSpec(
      { ...base, data: { kind: 'mnist' }, model: { layers: [{ gru: { units: 4 } }, { dense: { units: 3, activation: 'softmax' } }] }, training: { ...base.training, loss: 'sparseCategoricalCrossentropy' }, evaluation: { protocol: 'holdout-classification', testFraction: 0.25 } },
      '',
    );
    const n = 60;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const x = Float64Array.from({ length: n * 4 }, (_, i) => labels[Math.floor(i / 4)]! + 0.1 * Math.cos(i));
    const data: LabeledSequences = { shape: 'labeled-sequences', x: { data: x, n, steps: 4, features: 1 }, labels, classNames: ['a', 'b', 'c'], source: 'test' };
    const outcome = await TASKS.classification.prepare(spec, data as never).run(fusedEngine, 1, {});
    expect(outcome.metrics.accuracy).toBeGreaterThanOrEqual(0);
    expect((outcome.artifacts?.confusion as number[][]).length).toBe(3);
    // Its model check reads the class count from the data: a 10-way output does not fit 3 classes.
    const ten = parseSpec({ ...spec, model: { layers: [{ gru: { units: 4 } }, { dense: { units: 10, activation: 'softmax' } }] } }, '');
    expect(() => TASKS.classification.prepare(ten, data as never)).toThrow(/^model\.layers\[1\]\.dense\.units: .* needs 3 outputs \(one per class\); set "units": 3$/);
  });

  it('a protocol that does not take the source\'s shape is refused naming the protocol and both', () => {
    const spec = parseSpec({ ...base, data: { kind: 'sine' }, model: { layers: [{ lstm: { units: 3 } }, { dense: { units: 10, activation: 'softmax' } }] }, training: { ...base.training, loss: 'sparseCategoricalCrossentropy' }, evaluation: { protocol: 'holdout-classification' } }, '');
    expect(() => prepareTask(spec)).toThrow('evaluation.protocol: "holdout-classification" needs labeled sequences (e.g. "mnist"), but data.kind "sine" gives sequences with numeric targets; pick a protocol that fits the data');
  });

  it('sentence pairs under another protocol are refused naming the protocol that takes them', () => {
    const spec = parseSpec({ ...base, data: { kind: 'pairs', source: 'cldr' }, model: { layers: [{ lstm: { units: 3 } }, { dense: { units: 1 } }] }, evaluation: { protocol: 'holdout-regression' } }, '');
    expect(() => prepareTask(spec)).toThrow(expect.objectContaining({ code: 'SPEC_INVALID', message: 'evaluation.protocol: "holdout-regression" needs sequences with numeric targets (e.g. "sine" or "varlen-sum"), but data.kind "pairs" gives sentence pairs; pick a protocol that fits the data' }));
  });
});
