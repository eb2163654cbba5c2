import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { foldAssignment, foldSplitSeed } from '../common/split.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { SEED_000_LAYERS, writeTokenSequences } from '../../testing/cv/token-sequences.js';
import { ExperimentService } from './experiment-service.js';

// Cross-validation end to end: the seed-000 classifier (Embedding → 3 LSTMs with dropout → Dense(64, sigmoid) →
// Dense(2, softmax), rmsprop) on a labeled token-sequence file, trained for real in worker threads and stored.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-cv-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
afterAll(async () => {
  await pool.close();
  store.close();
});
const path = writeTokenSequences(join(dir, 'tokens.csv'), 60, 8);
const spec = {
  name: 'seed-000-cv',
  data: { kind: 'sequences', path, format: 'csv-wide', id: 'id', features: ['tok'], label: 'label' },
  // The seed drops 90 % of its units; 0.2 lets a few epochs learn something on 48 training sequences.
  model: { layers: SEED_000_LAYERS(0.2) },
  // The seed's loss: categorical cross-entropy (RNN Lab one-hot encodes the class ids for it), rmsprop.
  training: { epochs: 4, batchSize: 8, loss: 'categoricalCrossentropy', optimizer: { rmsprop: { learningRate: 0.01 } } },
  evaluation: { protocol: 'cross-validation', task: 'classification', folds: 5 },
  repeats: 2,
  seed: 21,
};

describe('cross-validation of labeled sequences', () => {
  it('runs R × K trials of the seed-000 model, each trained on K − 1 folds and scored on its own held-out fold', async () => {
    const record = await service.createExperiment(spec);
    // Every default that affects a result is stored: stratified, the metrics, per-epoch validation.
    expect(record.spec.evaluation).toEqual({ protocol: 'cross-validation', task: 'classification', folds: 5, stratified: true, validateEachEpoch: true, metrics: ['accuracy', 'loss'], headline: 'accuracy', keepMisclassified: 24 });
    expect(await service.run(record.id)).toBe('done');
    // The list names the task the evaluation says (the protocol alone does not: cross-validation is either).
    expect(service.list().find((e) => e.id === record.id)?.task).toBe('classification');
    const details = service.details(record.id);
    const trials = details.trials;
    expect(trials.map((t) => [t.repeatIndex, t.fold])).toEqual([0, 1].flatMap((r) => [0, 1, 2, 3, 4].map((k) => [r, k])));
    // Each repeat's folds share one split seed (a function of the master seed and the repeat); init seeds differ.
    expect(trials.map((t) => t.splitSeed)).toEqual([0, 1].flatMap((r) => Array<number>(5).fill(foldSplitSeed(21, r))));
    expect(new Set(trials.map((t) => t.seed)).size).toBe(10);
    const labels = Int32Array.from({ length: 60 }, (_, i) => i % 2); // "high" (odd rows) sorts before "low": ids 0/1 either way
    for (const repeat of [0, 1]) {
      const assignment = foldAssignment(60, 5, foldSplitSeed(21, repeat), labels);
      const folds = trials.filter((t) => t.repeatIndex === repeat);
      let held = 0;
      for (const t of folds) {
        const split = store.artifacts(t.id).split as Record<string, unknown>;
        expect(split).toMatchObject({ kind: 'stratified k-fold', seed: t.splitSeed, repeat, fold: t.fold, folds: 5, train: 48, test: 12, classes: ['high', 'low'] });
        expect([...assignment].filter((f) => f === t.fold)).toHaveLength(12);
        // 6 of each class per held-out fold (30 of each / 5 folds), as the confusion matrix of that fold shows.
        expect((store.artifacts(t.id).confusion as number[][]).map((row) => row.reduce((a, b) => a + b, 0))).toEqual([6, 6]);
        held += split.test as number;
        expect(t.metrics.accuracy).toBeGreaterThanOrEqual(0);
        expect(t.metrics.accuracy).toBeLessThanOrEqual(1);
        expect(Number.isFinite(t.metrics.loss)).toBe(true);
      }
      expect(held).toBe(60); // the folds of a repeat cover every sequence once
    }
    // Training is real: the mean training loss falls from the first epoch to the last.
    const losses = store.epochMetrics(record.id, 'loss');
    const mean = (epoch: number) => losses.filter((m) => m.epoch === epoch).reduce((s, m) => s + m.value, 0) / 10;
    expect(mean(4)).toBeLessThan(mean(1));
    // describe() pools all 10 trials; per repeat, the spread over its 5 folds.
    expect(details.summaries.find((s) => s.metric === 'accuracy')!.summary.count).toBe(10);
    const perRepeat = details.repeatSummaries.filter((s) => s.metric === 'accuracy');
    expect(perRepeat.map((s) => [s.repeatIndex, s.summary.count])).toEqual([[0, 5], [1, 5]]);
    const r0 = trials.filter((t) => t.repeatIndex === 0).map((t) => t.metrics.accuracy!);
    expect(perRepeat[0]!.summary.mean).toBeCloseTo(r0.reduce((a, b) => a + b, 0) / 5, 12);
  });

  it('refuses, storing nothing, fewer sequences than folds and a class too small for stratified folds', async () => {
    const before = store.listExperiments().length;
    const small = writeTokenSequences(join(dir, 'small.csv'), 4, 8);
    await expect(service.createExperiment({ ...spec, data: { ...spec.data, path: small } })).rejects.toThrow(
      /^evaluation\.folds: .*small\.csv holds 4 sequences, fewer than the 5 folds \(each fold holds out at least one\); use "folds": 4 or fewer, or add sequences$/,
    );
    const seven = writeTokenSequences(join(dir, 'seven.csv'), 7, 8); // 4 "low", 3 "high"
    await expect(service.createExperiment({ ...spec, data: { ...spec.data, path: seven } })).rejects.toThrow(
      /^evaluation\.stratified: class "high" has 3 sequences in .*seven\.csv, fewer than the 5 folds, so 2 folds would hold no "high"; use "folds": 3 or fewer, add sequences of "high", or set "stratified": false$/,
    );
    // Unstratified folds of the same file are fine.
    await expect(service.validate({ ...spec, data: { ...spec.data, path: seven }, evaluation: { ...spec.evaluation, stratified: false } })).resolves.toMatchObject({ ok: true });
    expect(store.listExperiments()).toHaveLength(before);
  });

  it('regression: random folds of numeric targets (stratified refused), pre-split sources refused', async () => {
    const regression = {
      name: 'varlen-cv',
      data: { kind: 'varlen-sum', count: 50 },
      model: { layers: [{ lstm: { units: 3 } }, { dense: { units: 1 } }] },
      training: { epochs: 2, batchSize: 10 },
      evaluation: { protocol: 'cross-validation', task: 'regression', folds: 4 },
      repeats: 1,
      seed: 4,
    };
    const record = await service.createExperiment(regression);
    expect(record.spec.evaluation).toMatchObject({ stratified: false, headline: 'mse', metrics: ['mse', 'mae'] });
    expect(await service.run(record.id)).toBe('done');
    const trials = service.details(record.id).trials;
    expect(trials.map((t) => t.fold)).toEqual([0, 1, 2, 3]);
    const tests = trials.map((t) => (store.artifacts(t.id).split as { kind: string; test: number }));
    expect(tests.map((s) => s.kind)).toEqual(['k-fold', 'k-fold', 'k-fold', 'k-fold']);
    expect(tests.map((s) => s.test).sort()).toEqual([12, 12, 13, 13]);
    expect(trials.every((t) => Number.isFinite(t.metrics.mse))).toBe(true);

    const issues = async (edit: Record<string, unknown>) => ((await service.validate({ ...regression, ...edit })) as { issues?: { path: string; message: string }[] }).issues;
    expect(await issues({ evaluation: { ...regression.evaluation, stratified: true } })).toEqual([
      { path: 'evaluation.stratified', message: 'regression targets are numbers, not classes, so its folds cannot be stratified; remove "stratified" or set it to false' },
    ]);
    expect(await issues({ data: { kind: 'sine' }, model: { layers: [{ simpleRNN: { units: 3, returnSequences: true } }, { dense: { units: 1 } }] } })).toEqual([
      { path: 'evaluation.protocol', message: 'cross-validation cuts one set of sequences into folds, but data.kind "sine" draws its own training and test sequences; use "holdout-regression"' },
    ]);
    expect(await issues({ evaluation: { protocol: 'cross-validation', folds: 4 } })).toEqual([{ path: 'evaluation.task', message: 'required; use one of "classification", "regression"' }]);
    expect(await issues({ evaluation: { ...regression.evaluation, folds: 1 } })).toEqual([{ path: 'evaluation.folds', message: 'cross-validation needs at least 2 folds; use "folds": 5 (or 10, as Weka)' }]);
  });
});
