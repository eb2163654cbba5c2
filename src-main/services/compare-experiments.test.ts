import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, CompareRow } from '../contract/compare.js';
import { appRoot } from './app-root.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { summarize } from '../stats/describe.js';
import { friedman } from '../stats/friedman.js';
import { mannWhitney } from '../stats/mann-whitney.js';
import { nemenyi } from '../stats/nemenyi.js';
import { adjustP } from '../stats/p-adjust.js';
import { pairedT } from '../stats/paired-t.js';
import { effectSizes } from '../stats/effect-size-cis.js';
import { welchT } from '../stats/welch-t.js';
import { wilcoxon } from '../stats/wilcoxon.js';
import { ExperimentService } from './experiment-service.js';
import { LabHandlers } from './lab-handlers.js';
import { RunManager } from './run-manager.js';
import { COMPARE_BOOTSTRAP } from './compare-experiments.js';

// The compare API on a real database with real (short) shampoo runs: a grid of 2 configurations and a separate
// experiment with the same master seed pair by repeat (per-repeat seeds); a third with another seed does not.
// Every number is checked against the stats functions applied to the metrics as stored.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-compare-'));
const store = new SqliteExperimentStore(join(dir, 'lab.db'));
const pool = new TrialPool({ workers: 2 });
const service = new ExperimentService(store, pool);
const root = appRoot(import.meta.url);
const handlers = new LabHandlers(service, store, new RunManager(service), join(root, 'experiments'));
afterAll(async () => {
  await pool.close();
  store.close();
});

const shampoo = (name: string, extra: Record<string, unknown>) => ({
  name,
  data: { kind: 'csv', path: join(root, 'data/shampoo-sales.csv'), column: 'Sales', timeColumn: 'Month' },
  preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag: 1 } }, { minmax: { min: -1, max: 1 } }],
  model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
  training: { epochs: 12, batchSize: 1, loss: 'mse', optimizer: { adam: { learningRate: 0.02 } } },
  evaluation: { protocol: 'walk-forward', testSize: 12, metrics: ['rmse', 'mae'], baselines: ['persistence'] },
  repeats: 5,
  seed: 3,
  engine: 'fused',
  ...extra,
});

const ids = { grid: 0, eight: 0, other: 0, legacy: 0, classes: 0 };

async function compare(input: Record<string, unknown>): Promise<CompareResult> {
  const reply = await handlers.dispatch('compare', input);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as CompareResult;
}

/** The stored finished values of a configuration, in repeat order. */
function stored(experimentId: number, configIndex: number, metric = 'rmse'): number[] {
  return store
    .listTrials(experimentId)
    .filter((t) => t.configIndex === configIndex && t.status === 'done')
    .sort((a, b) => a.repeatIndex - b.repeatIndex)
    .map((t) => t.metrics[metric]!);
}

beforeAll(async () => {
  for (const [key, spec] of [
    ['grid', shampoo('grid', { grid: { 'model.layers[0].lstm.units': [1, 4] } })],
    ['eight', shampoo('eight', { model: { layers: [{ lstm: { units: 8, stateful: true } }, { dense: { units: 1 } }] } })],
    ['other', shampoo('other-seed', { seed: 99 })],
    // Planned as experiments stored before per-repeat seeds were: a seed per configuration.
    ['legacy', shampoo('legacy', { repeats: 3, seedScheme: 'per-configuration', grid: { 'model.layers[0].lstm.units': [1, 4] } })],
  ] as const) {
    const record = await service.createExperiment(spec);
    ids[key] = record.id;
    expect(await service.run(record.id)).toBe('done');
  }
  const seqs = join(dir, 'seqs.jsonl');
  writeFileSync(seqs, Array.from({ length: 24 }, (_, i) => JSON.stringify({ x: [[i % 2], [(i * 3) % 5]], kind: i % 2 ? 'a' : 'b' })).join('\n'));
  const classes = await service.createExperiment({
    name: 'classes',
    data: { kind: 'sequences', path: seqs, format: 'jsonl', label: 'kind' },
    model: { layers: [{ simpleRNN: { units: 2 } }, { dense: { units: 2, activation: 'softmax' } }] },
    training: { epochs: 1, batchSize: 8, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.25 },
    repeats: 1,
    engine: 'fused',
  });
  ids.classes = classes.id;
}, 240_000);

/** Checks a row's numbers against the stats functions on the stored values. */
function expectRow(row: CompareRow, a: number[], b: number[]) {
  if (row.design === 'paired') {
    expect(row.primary.test).toBe('wilcoxon');
    expect(row.primary.pValue).toBe(wilcoxon(a, b).pValue);
    expect(row.primary.statistic).toBe(wilcoxon(a, b).statistic);
    expect(row.secondary.pValue).toBe(pairedT(a, b).pValue);
  } else {
    expect(row.primary.test).toBe('mannWhitney');
    expect(row.primary.pValue).toBe(mannWhitney(a, b).pValue);
    expect(row.secondary.pValue).toBe(welchT(a, b).pValue);
  }
  const e = effectSizes(a, b, row.design, COMPARE_BOOTSTRAP);
  expect(row.meanDiff).toEqual({ estimate: e.meanDiff.meanDiff, low: e.meanDiff.ciLow, high: e.meanDiff.ciHigh });
  expect(row.hedgesG).toEqual({ estimate: e.hedgesG.estimate, low: e.hedgesG.ci.low, high: e.hedgesG.ci.high });
  expect(row.cliffsDelta.estimate).toBe(e.cliffsDelta.estimate);
  // RMSE: lower is better, so A beats B when A is smaller.
  expect(row.pABeatsB.estimate).toBeCloseTo(1 - e.pSuperiority.estimate, 15);
  expect(row.primary.adjustedP).toBeGreaterThanOrEqual(row.primary.pValue);
  expect(row.secondary.adjustedP).toBeGreaterThanOrEqual(row.secondary.pValue);
}

describe('compare API', () => {
  it('pairs a grid’s configurations and a same-seed experiment by repeat, labels them by what differs, and ranks them', async () => {
    const r = await compare({ experimentIds: [ids.grid, ids.eight], reference: 1 });
    expect(r.metric).toBe('rmse');
    expect(r.higherIsBetter).toBe(false);
    expect(r.groups.map((g) => g.label)).toEqual(['units=1', 'units=4', 'units=8']);
    expect(r.differing).toEqual([{ path: 'model.layers[0].lstm.units', values: ['1', '4', '8'] }]);
    // The same seed per repeat everywhere (seed of repeat k depends on the master seed and k only).
    expect(r.groups[0]!.units.map((u) => u.seed)).toEqual(r.groups[2]!.units.map((u) => u.seed));
    expect(r.design).toBe('paired');
    const values = [stored(ids.grid, 0), stored(ids.grid, 1), stored(ids.eight, 0)];
    values.forEach((v, i) => {
      expect(r.groups[i]!.values).toEqual(v);
      expect(r.groups[i]!.summary).toEqual(summarize(v));
    });
    expect(r.groups[0]!.baselines.persistence).toBeCloseTo(136.7613, 4);
    // Against the reference (units=4): never itself, one Holm family of 2.
    expect(r.againstReference.map((x) => [x.a, x.b])).toEqual([[0, 1], [2, 1]]);
    for (const row of r.againstReference) expectRow(row, values[row.a]!, values[row.b]!);
    const holm = adjustP(r.againstReference.map((x) => x.primary.pValue), 'holm');
    expect(r.againstReference.map((x) => x.primary.adjustedP)).toEqual(holm.adjusted);
    // All pairs: another family of 3.
    expect(r.allPairs.map((x) => [x.a, x.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    for (const row of r.allPairs) expectRow(row, values[row.a]!, values[row.b]!);
    expect(r.allPairs.map((x) => x.primary.adjustedP)).toEqual(adjustP(r.allPairs.map((x) => x.primary.pValue), 'holm').adjusted);
    expect(r.allPairs[0]!.reading).toMatch(/^units=(1|4) (beats units=(1|4) in \d+ % of paired repeats|and units=(1|4) each win half of paired repeats); Holm-adjusted p (=|<) /);
    // Friedman + Nemenyi over the 5 paired repeats × 3 groups.
    const table = values[0]!.map((_, i) => values.map((v) => v[i]!));
    const f = friedman(table, false);
    expect(r.ranks?.pValue).toBe(f.pValue);
    expect(r.ranks?.averageRanks).toEqual(f.averageRanks);
    expect(r.ranks?.cd).toBe(nemenyi(f.averageRanks, 5, 0.05).cd);
  });

  it('tests an experiment with another master seed unpaired, and says why', async () => {
    const r = await compare({ experimentIds: [ids.grid, ids.other], reference: 2, correction: 'bonferroni', alpha: 0.1 });
    expect(r.groups.map((g) => g.label)).toEqual(['units=1, seed=3', 'units=4, seed=3', 'units=4, seed=99']);
    expect(r.design).toBe('mixed');
    expect(r.againstReference.map((x) => x.design)).toEqual(['unpaired', 'unpaired']);
    expect(r.againstReference[0]!.pairing).toMatch(/^unpaired: repeat 1 ran with seed \d+ in units=1, seed=3 and \d+ in units=4, seed=99$/);
    expect(r.allPairs[0]!.design).toBe('paired');
    const values = [stored(ids.grid, 0), stored(ids.grid, 1), stored(ids.other, 0)];
    for (const row of [...r.againstReference, ...r.allPairs]) expectRow(row, values[row.a]!, values[row.b]!);
    expect(r.againstReference.map((x) => x.primary.adjustedP)).toEqual(adjustP(r.againstReference.map((x) => x.primary.pValue), 'bonferroni').adjusted);
    expect(r.againstReference.every((x) => x.a !== 2 && x.b === 2)).toBe(true);
    expect(r.ranks).toBeNull();
    expect(r.notes.join(' ')).toMatch(/Friedman \+ Nemenyi need every group to share the same repeats and seeds/);
    expect(r.againstReference[0]!.reading).toMatch(/of pairs of repeats \(unpaired\); Bonferroni-adjusted p .*at α = 0\.1$/);
  });

  it('compares the configurations of an experiment with a seed per configuration (the old scheme) unpaired', async () => {
    const r = await compare({ experimentIds: [ids.legacy] });
    expect(r.groups.map((g) => g.label)).toEqual(['units=1', 'units=4']);
    expect(r.design).toBe('unpaired');
    expect(r.againstReference[0]!.pairing).toMatch(/^unpaired: repeat 1 ran with seed \d+ in units=4 and \d+ in units=1$/);
    expect(r.againstReference[0]!.primary.test).toBe('mannWhitney');
    expectRow(r.againstReference[0]!, stored(ids.legacy, 1), stored(ids.legacy, 0));
  });

  it('refuses different tasks and metrics an experiment does not record, in one line', async () => {
    const tasks = await handlers.dispatch('compare', { experimentIds: [ids.grid, ids.classes] });
    expect(tasks.ok).toBe(false);
    if (!tasks.ok) expect(tasks.error.message).toBe(`compare: #${ids.grid} grid is a forecast experiment but #${ids.classes} classes is a classification experiment; compare experiments of one task`);
    const metric = await handlers.dispatch('compare', { experimentIds: [ids.grid, ids.eight], metric: 'mape' });
    expect(metric.ok).toBe(false);
    if (!metric.ok) expect(metric.error.message).toBe(`compare: #${ids.grid} grid does not record mape (it records rmse, mae); pick a metric every compared experiment has`);
    const ref = await handlers.dispatch('compare', { experimentIds: [ids.grid], reference: 2 });
    if (!ref.ok) expect(ref.error.message).toBe('compare: reference 2 is out of range; pick 0–1');
    expect(ref.ok).toBe(false);
  });

  it('exports the tables on the page', async () => {
    const reply = await handlers.dispatch('exportTable', { table: 'compare-reference', format: 'csv', experimentIds: [ids.grid, ids.eight], reference: 1 });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const { text } = reply.value as { text: string };
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^group \(A\),reference \(B\),design,test,statistic,p,p \(Holm\),/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^units=1,units=4,paired,Wilcoxon signed-rank,/);
  });
});
