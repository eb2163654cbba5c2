import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { ExperimentService } from './experiment-service.js';

// The same sequences as a Weka relational ARFF file and as JSONL: same dataset, so the same seeds must give the
// same trained accuracy per repeat — the ARFF path changes nothing but the reading.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-arff-run-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
afterAll(async () => {
  await pool.close();
  store.close();
});

const sequences = Array.from({ length: 60 }, (_, i) => {
  const length = 3 + (i % 4);
  const up = i % 2 === 0;
  return { x: Array.from({ length }, (_, t) => [(up ? t : length - t) / 6, ((i * 7 + t) % 5) / 10]), kind: up ? 'up' : 'down' };
});
const jsonl = join(dir, 'moves.jsonl');
writeFileSync(jsonl, sequences.map((s) => JSON.stringify(s)).join('\n'));
const arff = join(dir, 'moves.arff');
writeFileSync(
  arff,
  ['@relation moves', '@attribute bag relational', '  @attribute pos numeric', '  @attribute noise numeric', '@end bag', '@attribute kind {up,down}', '@data',
    ...sequences.map((s) => `"${s.x.map((r) => r.join(',')).join('\\n')}",${s.kind}`)].join('\n'),
);

const run = async (data: Record<string, unknown>) => {
  const record = await service.createExperiment({
    name: `moves-${data.format}`,
    data: { kind: 'sequences', ...data, label: 'kind' },
    model: { layers: [{ lstm: { units: 5 } }, { dense: { units: 2, activation: 'softmax' } }] },
    training: { epochs: 3, batchSize: 8, loss: 'sparseCategoricalCrossentropy', optimizer: { rmsprop: { learningRate: 0.01 } } },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.25 },
    repeats: 2,
    seed: 9,
  });
  expect(await service.run(record.id)).toBe('done');
  return store.listTrials(record.id).map((t) => t.metrics.accuracy);
};

describe('ARFF sequences, end to end', () => {
  it('train and score exactly as the same sequences in JSONL', async () => {
    const fromArff = await run({ path: arff, format: 'arff' });
    expect(fromArff.every((a) => typeof a === 'number' && a >= 0 && a <= 1)).toBe(true);
    expect(fromArff).toEqual(await run({ path: jsonl, format: 'jsonl' }));
  });
});
