/**
 * `npm run bench:shampoo`: the seed's full experiment (30 repeats × 3000 epochs) through the real service,
 * worker pool and SQLite store, then the naive tfjs-layers path (model.fit per epoch + resetStates) timed on a
 * slice of the same workload and extrapolated; prints both and their ratio, measured in this one run.
 */
import { parseArgs } from 'node:util';
import { describeTable } from '../src-main/export/result-tables.js';
import { toMarkdown } from '../src-main/export/tables.js';
import { DEFAULTS, fullRun, naiveSlice, PUBLISHED, STEPS_PER_EPOCH } from './shampoo-workload.js';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: String(DEFAULTS.repeats) },
    epochs: { type: 'string', default: String(DEFAULTS.epochs) },
    engine: { type: 'string', default: DEFAULTS.engine },
    workers: { type: 'string', default: String(DEFAULTS.workers) },
    'naive-epochs': { type: 'string', default: '200' },
    'naive-backend': { type: 'string', default: 'cpu' },
    precision: { type: 'string' },
  },
});
const repeats = Number(args.repeats);
const epochs = Number(args.epochs);
const fmt = (x: number, d = 2) => x.toFixed(d);

console.log(`RNN Lab bench: shampoo LSTM(4) stateful → Dense(1), ${repeats} repeats × ${epochs} epochs × ${STEPS_PER_EPOCH} steps, ${args.workers} workers`);
// Both paths in this one run, each through service + pool + SQLite store: lockstep (the pool's default for eligible
// configurations) and every trial alone (the pool's lockstep off), then the per-trial figure divided by lockstep's.
const precision = args.precision as 'float64' | 'float32' | undefined;
const run = (lockstep: boolean) => fullRun({ repeats, epochs, engine: args.engine as 'auto', workers: Number(args.workers), lockstep, ...(precision ? { precision } : {}) });
const alone = await run(false);
const full = await run(true);
const steps = repeats * epochs * STEPS_PER_EPOCH;
const trial = full.details.trials[0]!;
const rmse = full.details.summaries.find((s) => s.metric === 'rmse')!.summary;
const sameRmse = full.details.trials.every((t, i) => Object.is(t.metrics.rmse, alone.details.trials[i]!.metrics.rmse));
for (const [label, r] of [['lockstep', full], ['per-trial', alone]] as const) {
  console.log(`\nfull run, ${label} path (service + worker pool + SQLite store, ${r.epochEvents} per-epoch losses stored)`);
  console.log(`  backends        ${r.backends}`);
  console.log(`  wall time       ${fmt(r.wall, 3)} s   (${fmt(steps / r.wall, 0)} optimizer steps/s over ${steps})`);
  console.log(`  pool start-up   ${fmt(r.poolStart, 3)} s   store writes ${fmt(r.storeSeconds, 3)} s (in the wall time)`);
}
console.log(`\nlockstep vs per-trial: ${fmt(alone.wall / full.wall, 2)}× faster; every trial's RMSE bit-identical: ${sameRmse ? 'yes' : 'NO'}`);
console.log(`  engine ${trial.engine}, RMSE mean ${fmt(rmse.mean, 3)}   median ${fmt(rmse.q50, 3)}   (persistence ${fmt(full.details.baselines[0]!.metrics.rmse!, 3)})`);
console.log(`\ndescribe() of test RMSE, this run beside REFERENCE.md's published Keras run:\n`);
const table = describeTable(full.details);
console.log(
  toMarkdown({
    columns: ['statistic', 'RNN Lab', 'published (Keras)'],
    rows: table.rows.map((r) => [r[0]!, r[1]!, PUBLISHED[(['count', 'mean', 'std', 'min', 'q25', 'q50', 'q75', 'max'] as const)[table.rows.indexOf(r)]!]]),
  }),
);

const naive = await naiveSlice(Number(args['naive-epochs']), args['naive-backend'] as 'cpu');
const perStep = naive.seconds / (naive.sliceEpochs * STEPS_PER_EPOCH);
const extrapolated = perStep * steps;
console.log(`naive tfjs-layers path (model.fit one epoch at a time + resetStates, ${naive.backend} backend, 1 thread)`);
console.log(`  slice           1 repeat × ${naive.sliceEpochs} epochs in ${fmt(naive.seconds, 3)} s (${fmt(perStep * 1000, 3)} ms/step)`);
console.log(`  extrapolated    ${fmt(extrapolated, 0)} s for the full ${repeats} × ${epochs} workload`);
console.log(`\nratio             ${fmt(extrapolated / full.wall, 1)}× faster than the naive path (measured in this run)`);
