import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { openCell } from './cell-lab.js';
import { ExperimentService } from './experiment-service.js';
import { TrainedModels } from './trained-models.js';

// The cell lab on trained models in a real database: its step-by-step formulas must reproduce the engine's own
// output of the layer (fused float64: ≤ 1e-9; tfjs float32: ≤ 1e-5), below other layers too (their outputs are the
// layer's inputs), on variable-length sequences, and on untrained seeded weights.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-cell-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const models = new TrainedModels(store);
afterAll(async () => {
  await pool.close();
  store.close();
});

const lines = Array.from({ length: 40 }, (_, i) => {
  const length = 3 + (i % 4);
  const up = i % 2 === 0;
  const x = Array.from({ length }, (_, t) => [(up ? t : length - t) / 6, ((i * 7 + t) % 5) / 10]);
  return JSON.stringify({ x, kind: up ? 'up' : 'down' });
});
const path = join(dir, 'moves.jsonl');
writeFileSync(path, `${lines.join('\n')}\n`);

async function trained(name: string, layers: unknown[], engine: 'fused' | 'tfjs' = 'fused', precision: 'float64' | 'float32' = 'float64') {
  const record = await service.createExperiment({
    name,
    repeats: 1,
    seed: 5,
    engine,
    // float64 so the fused engine's own output is the oracle at 1e-9 (the default float32 is checked at 1e-5 below).
    precision,
    data: { kind: 'sequences', path, format: 'jsonl', label: 'kind' },
    model: { layers: [...layers, { dense: { units: 2, activation: 'softmax' } }] },
    training: { epochs: 2, batchSize: 8, loss: 'sparseCategoricalCrossentropy', optimizer: { adam: { learningRate: 0.05 } } },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.25 },
  });
  expect(await service.run(record.id)).toBe('done');
  return record.id;
}

describe('cell lab', () => {
  it.each([
    ['lstm', [{ lstm: { units: 3 } }]],
    ['gru', [{ gru: { units: 3 } }]],
    ['gru-reset-before', [{ gru: { units: 3, resetAfter: false } }]],
    ['rnn', [{ simpleRNN: { units: 3 } }]],
  ])('%s: every step equals the fused engine’s output (float64, ≤ 1e-9)', async (name, layers) => {
    const id = await trained(name, layers);
    const trace = await openCell(models, id, { repeat: 1, example: 3 });
    expect(trace.engineCheck.ok).toBe(true);
    expect(trace.engineCheck.maxAbsDiff).toBeLessThanOrEqual(1e-9);
    expect(trace.source).toMatchObject({ repeat: 1, layer: 0, example: 3, examples: 10 });
    expect(['up', 'down']).toContain(trace.source.label);
    // Variable lengths: only the example's own steps (3–6), not the padding.
    expect(trace.steps.length).toBeGreaterThanOrEqual(3);
    expect(trace.steps.length).toBeLessThanOrEqual(6);
    expect(trace.steps[0]!.input).toHaveLength(2);
  });

  it('a layer above another reads that layer’s outputs; untrained weights work too; tfjs within 1e-5', async () => {
    const id = await trained('stack', [{ lstm: { units: 4, returnSequences: true } }, { gru: { units: 2 } }]);
    const upper = await openCell(models, id, { repeat: 1, layer: 1, example: 2 });
    expect(upper.kind).toBe('gru');
    expect(upper.steps[0]!.input).toHaveLength(4);
    expect(upper.engineCheck.maxAbsDiff).toBeLessThanOrEqual(1e-9);
    const fresh = await openCell(models, id, { untrained: true, example: 2 });
    expect(fresh.source.repeat).toBeNull();
    expect(fresh.engineCheck.ok).toBe(true);
    expect(fresh.steps.at(-1)!.output).not.toEqual(upper.steps.at(-1)!.output);
    // The default float32 fused engine: its stored values are float32, so the float64 steps agree within 1e-5.
    const f32 = await openCell(models, await trained('f32', [{ lstm: { units: 3 } }], 'fused', 'float32'), { repeat: 1 });
    expect(f32.engineCheck).toMatchObject({ engine: 'fused float32', ok: true });
    expect(f32.engineCheck.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(f32.engineCheck.maxAbsDiff).toBeGreaterThan(0);
    const tf = await trained('tf', [{ lstm: { units: 3 } }], 'tfjs');
    const viaTfjs = await openCell(models, tf, { repeat: 1 });
    expect(viaTfjs.engineCheck.engine).toMatch(/tfjs/);
    expect(viaTfjs.engineCheck.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(viaTfjs.engineCheck.maxAbsDiff).toBeGreaterThan(0); // float32 against float64 steps: never exactly equal
  });

  it.each([
    ['concat', 3],
    ['sum', 2],
  ])('Bidirectional (%s) over variable lengths: both directions merged give the engine’s output; backward steps read the sequence reversed', async (mergeMode, example) => {
    const id = await trained(`bi-${mergeMode}`, [{ bidirectional: { layer: { lstm: { units: 3 } }, mergeMode } }]);
    const fw = await openCell(models, id, { repeat: 1, example });
    const bw = await openCell(models, id, { repeat: 1, example, direction: 'backward' });
    for (const t of [fw, bw]) expect(t.engineCheck.maxAbsDiff).toBeLessThanOrEqual(1e-9);
    expect(fw.source.direction).toBe('forward');
    expect(bw.source.direction).toBe('backward');
    expect(fw.cells).toEqual([{ index: 0, kind: 'lstm', units: 3, bidirectional: true }]);
    const L = fw.steps.length;
    expect(bw.steps).toHaveLength(L);
    expect(bw.steps[0]!.input).toEqual(fw.steps[L - 1]!.input);
    expect(bw.steps.at(-1)!.input).toEqual(fw.steps[0]!.input);
    expect(bw.steps[0]!.output).not.toEqual(fw.steps[L - 1]!.output); // its own weights
  });

  it('refusals name the layer, the example range and the repeat', async () => {
    const id = await trained('refuse', [{ lstm: { units: 2 } }]);
    await expect(openCell(models, id, { layer: 1, repeat: 1 })).rejects.toThrow('layer 1: the cell lab opens LSTM, GRU and SimpleRNN layers (also inside Bidirectional); this model\'s are 0 (lstm)');
    await expect(openCell(models, id, { example: 11, repeat: 1 })).rejects.toThrow('example 11: pick 1 to 10 (the held-out examples)');
    await expect(openCell(models, id, { repeat: 4 })).rejects.toThrow('--repeat 4');
    await expect(openCell(models, id, { repeat: 1, direction: 'backward' })).rejects.toThrow('direction "backward": layers[0] is not Bidirectional; it runs forward only');
  });
});
