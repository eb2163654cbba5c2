/**
 * `npm run bench:shampoo`: the seed's full experiment (30 repeats × 3000 epochs) through the real service,
 * worker pool and SQLite store, then the naive tfjs-layers path (model.fit per epoch + resetStates) timed on a
 * slice of the same workload and extrapolated; prints both and their ratio, measured in this one run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSpec } from '../src-main/contract/validate.js';
import { readCsvSeries } from '../src-main/data/csv-series.js';
import { prepareForecast } from '../src-main/engine/forecast/prepare.js';
import { runForecastTrial } from '../src-main/engine/forecast/run-trial.js';
import { useBackend } from '../src-main/engine/tfjs/backend.js';
import { tfjsEngine } from '../src-main/engine/tfjs/model.js';
import { describeTable } from '../src-main/export/result-tables.js';
import { toMarkdown } from '../src-main/export/tables.js';
import { TrialPool } from '../src-main/runner/trial-pool.js';
import { ExperimentService } from '../src-main/services/experiment-service.js';
import { resolveDataPath } from '../src-main/services/prepare-experiment.js';
import { SqliteExperimentStore } from '../src-main/store/sqlite-store.js';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '30' },
    epochs: { type: 'string', default: '3000' },
    engine: { type: 'string', default: 'auto' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'naive-epochs': { type: 'string', default: '60' },
    'naive-backend': { type: 'string', default: 'cpu' },
  },
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const specPath = join(root, 'experiments/shampoo-lstm.json');
const repeats = Number(args.repeats);
const epochs = Number(args.epochs);
const STEPS_PER_EPOCH = 23;

// REFERENCE.md: the seed's 30-repeat describe() (Keras, 2019).
const PUBLISHED = { count: 30, mean: 138.492, std: 46.314, min: 87.198, q25: 104.679, q50: 120.456, q75: 168.356, max: 254.507 };

async function fullRun() {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-bench-'));
  const store = new SqliteExperimentStore(join(dir, 'bench.db'));
  const pool = new TrialPool({ workers: Number(args.workers) });
  const service = new ExperimentService(store, pool);
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const t0 = performance.now();
  const record = service.createExperiment(spec, {
    specDir: join(root, 'experiments'),
    overrides: { repeats, epochs, engine: args.engine as 'auto' },
  });
  let epochEvents = 0;
  await service.run(record.id, { onEvent: (e) => e.type === 'epochs' && (epochEvents += e.epochs.length) });
  const wall = (performance.now() - t0) / 1000;
  const details = service.details(record.id);
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { wall, details, epochEvents };
}

async function naiveSlice() {
  const backend = await useBackend(args['naive-backend'] as 'cpu');
  const spec = parseSpec(JSON.parse(readFileSync(specPath, 'utf8')));
  const data = readCsvSeries(resolveDataPath(spec.data.path, join(root, 'experiments')), { column: spec.data.column });
  const prepared = prepareForecast(data.values, spec.preprocessing, spec.evaluation.testSize, 'shampoo');
  const sliceEpochs = Number(args['naive-epochs']);
  const config = { ...spec, training: { ...spec.training, epochs: sliceEpochs } };
  const t0 = performance.now();
  await runForecastTrial(config, prepared, tfjsEngine, 1);
  const seconds = (performance.now() - t0) / 1000;
  return { backend, sliceEpochs, seconds };
}

const fmt = (x: number, d = 2) => x.toFixed(d);

console.log(`RNN Lab bench: shampoo LSTM(4) stateful → Dense(1), ${repeats} repeats × ${epochs} epochs × ${STEPS_PER_EPOCH} steps, ${args.workers} workers`);
const full = await fullRun();
const steps = repeats * epochs * STEPS_PER_EPOCH;
const trial = full.details.trials[0]!;
const rmse = full.details.summaries.find((s) => s.metric === 'rmse')!.summary;
console.log(`\nfull run (service + worker pool + SQLite store, ${full.epochEvents} per-epoch losses stored)`);
console.log(`  engine ${trial.engine}, backend ${trial.backend}`);
console.log(`  wall time       ${fmt(full.wall, 3)} s`);
console.log(`  steps/s         ${fmt(steps / full.wall, 0)} (${steps} optimizer steps)`);
console.log(`  RMSE mean       ${fmt(rmse.mean, 3)}   median ${fmt(rmse.q50, 3)}   (persistence ${fmt(full.details.baselines[0]!.metrics.rmse!, 3)})`);
console.log(`\ndescribe() of test RMSE, this run beside REFERENCE.md's published Keras run:\n`);
const table = describeTable(full.details);
console.log(
  toMarkdown({
    columns: ['statistic', 'RNN Lab', 'published (Keras)'],
    rows: table.rows.map((r) => [r[0]!, r[1]!, PUBLISHED[(['count', 'mean', 'std', 'min', 'q25', 'q50', 'q75', 'max'] as const)[table.rows.indexOf(r)]!]]),
  }),
);

const naive = await naiveSlice();
const perStep = naive.seconds / (naive.sliceEpochs * STEPS_PER_EPOCH);
const extrapolated = perStep * steps;
console.log(`naive tfjs-layers path (model.fit one epoch at a time + resetStates, ${naive.backend} backend, 1 thread)`);
console.log(`  slice           1 repeat × ${naive.sliceEpochs} epochs in ${fmt(naive.seconds, 3)} s (${fmt(perStep * 1000, 3)} ms/step)`);
console.log(`  extrapolated    ${fmt(extrapolated, 0)} s for the full ${repeats} × ${epochs} workload`);
console.log(`\nratio             ${fmt(extrapolated / full.wall, 1)}× faster than the naive path (measured in this run)`);
