/**
 * The shampoo workload of the benchmarks: the seed's full experiment through the real service, worker pool and
 * SQLite store; the same trials through the pool alone (to price the store writes); and the naive tfjs-layers
 * path (model.fit per epoch + resetStates) on a slice, to extrapolate.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../src-main/contract/validate.js';
import { asForecast } from '../src-main/contract/spec.js';
import { readCsvSeries } from '../src-main/data/csv-series.js';
import { prepareForecast } from '../src-main/engine/forecast/prepare.js';
import { runForecastTrial } from '../src-main/engine/forecast/run-trial.js';
import { useBackend } from '../src-main/engine/tfjs/backend.js';
import { createTfjsEngine, tfjsEngine } from '../src-main/engine/tfjs/model.js';
import { planTrials } from '../src-main/runner/plan.js';
import { TrialPool } from '../src-main/runner/trial-pool.js';
import { ExperimentService } from '../src-main/services/experiment-service.js';
import { resolveDataPath } from '../src-main/services/prepare-experiment.js';
import { SqliteExperimentStore } from '../src-main/store/sqlite-store.js';

/** Options of the shampoo workload. */
export interface ShampooOptions {
  readonly repeats: number;
  readonly epochs: number;
  readonly engine: 'auto' | 'tfjs' | 'fused';
  readonly workers: number;
  /** Train the repeats in lockstep where eligible (the pool's default), or every trial alone. */
  readonly lockstep?: boolean;
  /** Storage precision of the fused engine; default: the spec's. */
  readonly precision?: 'float64' | 'float32';
}

export const DEFAULTS: ShampooOptions = { repeats: 30, epochs: 3000, engine: 'auto', workers: availableParallelism(), lockstep: true };
const root = fileURLToPath(new URL('../../', import.meta.url));
const specPath = join(root, 'experiments/shampoo-lstm.json');
export const STEPS_PER_EPOCH = 23;

// REFERENCE.md: the seed's 30-repeat describe() (Keras, 2019).
export const PUBLISHED = { count: 30, mean: 138.492, std: 46.314, min: 87.198, q25: 104.679, q50: 120.456, q75: 168.356, max: 254.507 };

/**
 * The whole experiment through service + pool + store; wall seconds (with the pool's start-up: its threads
 * start with the run), the stored details, per-epoch losses stored, and which path ran (the trials' backends).
 */
export async function fullRun(o: ShampooOptions = DEFAULTS) {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-bench-'));
  const store = new SqliteExperimentStore(join(dir, 'bench.db'));
  const pool = new TrialPool({ workers: o.workers, lockstep: o.lockstep ?? true });
  const service = new ExperimentService(store, pool);
  const spec = { ...JSON.parse(readFileSync(specPath, 'utf8')), ...(o.precision ? { precision: o.precision } : {}) };
  // Time spent in the store's writes (on the calling thread, inside the wall time), by wrapping its methods.
  let storeMs = 0;
  for (const name of ['appendEpochMetrics', 'finishTrial', 'claimTrial', 'setTrialEngine', 'clearTrialEpochs'] as const) {
    const method = store[name].bind(store) as (...a: unknown[]) => unknown;
    (store as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
      const s = performance.now();
      try {
        return method(...a);
      } finally {
        storeMs += performance.now() - s;
      }
    };
  }
  const t0 = performance.now();
  const record = await service.createExperiment(spec, {
    specDir: join(root, 'experiments'),
    overrides: { repeats: o.repeats, epochs: o.epochs, engine: o.engine },
  });
  let epochEvents = 0;
  let firstStart = 0;
  await service.run(record.id, {
    onEvent: (e) => {
      if (e.type === 'epochs') epochEvents += e.epochs.length;
      if (e.type === 'trial-started' && firstStart === 0) firstStart = performance.now();
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const details = service.details(record.id);
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  // Pool start-up: from the run's start to its first trial's start (threads, module loading, data, first models).
  const poolStart = (firstStart - t0) / 1000;
  const storeSeconds = storeMs / 1000;
  const backends = [...new Set(details.trials.map((t) => t.backend))].join(', ');
  return { wall, details, epochEvents, backends, poolStart, storeSeconds };
}

/** The same trials on the pool alone, events counted but nothing stored: the run time without the store. */
export async function poolOnlyRun(o: ShampooOptions = DEFAULTS): Promise<number> {
  const spec = asForecast(parseSpec({ ...JSON.parse(readFileSync(specPath, 'utf8')), repeats: o.repeats, engine: o.engine }))!;
  const config = {
    ...spec,
    training: { ...spec.training, epochs: o.epochs },
    data: { ...spec.data, path: resolveDataPath(spec.data.path, join(root, 'experiments')) },
  };
  const pool = new TrialPool({ workers: o.workers, lockstep: o.lockstep ?? true });
  let epochs = 0;
  const t0 = performance.now();
  await pool.run(planTrials(config, 1).map((t, i) => ({ trialId: i, seed: t.seed, config })), (e) => {
    if (e.type === 'epochs') epochs += e.epochs.length;
  });
  const wall = (performance.now() - t0) / 1000;
  await pool.close();
  if (epochs !== o.repeats * o.epochs) throw new Error(`pool-only run saw ${epochs} epochs`);
  return wall;
}

/** The naive tfjs-layers path on one repeat of `sliceEpochs` epochs on one thread: seconds and backend. */
export async function naiveSlice(sliceEpochs = 200, backendChoice: 'cpu' | 'wasm' = 'cpu') {
  const backend = await useBackend(backendChoice);
  const spec = asForecast(parseSpec(JSON.parse(readFileSync(specPath, 'utf8'))))!;
  if (spec.data.kind !== 'csv') throw new Error('the shampoo spec reads a csv column');
  const data = readCsvSeries(resolveDataPath(spec.data.path, join(root, 'experiments')), { column: spec.data.column });
  const prepared = prepareForecast(data.values, spec.preprocessing, spec.evaluation.testSize, 'shampoo');
  const config = { ...spec, training: { ...spec.training, epochs: sliceEpochs } };
  const t0 = performance.now();
  await runForecastTrial(config, prepared, createTfjsEngine({ naiveFit: true }), 1);
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await runForecastTrial(config, prepared, tfjsEngine, 1);
  const ourSeconds = (performance.now() - t1) / 1000;
  return { backend, sliceEpochs, seconds, ourSeconds };
}

