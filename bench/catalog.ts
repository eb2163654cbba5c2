/**
 * `npm run bench:catalog`: trains each built-in experiment (a few repeats; the heaviest ones shortened, said so
 * in the output) through the service, worker pool and store, and prints the headline metric's median beside
 * REFERENCE.md's published value and the target, with the time per repeat.
 * `-- --only mnist-rnn,sine-rnn` picks experiments; `-- --full` runs every default configuration unshortened.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toMarkdown } from '../src-main/export/tables.js';
import { TrialPool } from '../src-main/runner/trial-pool.js';
import { appRoot } from '../src-main/services/app-root.js';
import { ExperimentService } from '../src-main/services/experiment-service.js';
import { SqliteExperimentStore } from '../src-main/store/sqlite-store.js';

interface Plan {
  readonly file: string;
  readonly repeats: number;
  /** Epochs when shortened (undefined: the spec's own). */
  readonly epochs?: number;
  readonly published: string;
  readonly target?: { readonly op: '≥' | '≤'; readonly value: number };
}

const PLANS: readonly Plan[] = [
  { file: 'shampoo-lstm.json', repeats: 30, published: 'RMSE mean 138.492, median 120.456 (30 repeats)' },
  { file: 'seattle-weather-lstm.json', repeats: 30, published: '(no published value; persistence RMSE 2.522 °C on temp_max)', target: { op: '≤', value: 2.522 } },
  { file: 'mnist-rnn.json', repeats: 3, published: 'accuracy ≈0.93 after 1 epoch, ≈0.976 after 10 (55,000 digits)', target: { op: '≥', value: 0.95 } },
  { file: 'mnist-bilstm.json', repeats: 2, epochs: 15, published: 'accuracy 0.985–0.99', target: { op: '≥', value: 0.96 } },
  { file: 'mnist-3lstm.json', repeats: 1, epochs: 2, published: 'accuracy ≈0.987 in 10 epochs' },
  { file: 'sine-rnn.json', repeats: 3, published: 'MSE ≈0.05 after 1,500 iterations', target: { op: '≤', value: 0.05 } },
  { file: 'varlen-sum.json', repeats: 3, published: '(no published value; sums of 1–10 values in [0, 1))' },
  { file: 'char-lstm.json', repeats: 2, published: '(no published value; the seed prints samples)' },
];

const { values: args } = parseArgs({ options: { only: { type: 'string' }, full: { type: 'boolean', default: false } } });
const only = args.only?.split(',').map((s) => s.trim().replace(/\.json$/, ''));
const root = appRoot(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-catalog-'));
const store = new SqliteExperimentStore(join(dir, 'catalog.db'));
const pool = new TrialPool({ workers: availableParallelism() });
const service = new ExperimentService(store, pool);
const rows: (string | number)[][] = [];

console.log(`RNN Lab catalog benchmark — ${availableParallelism()} workers${args.full ? ', full configurations' : ''}\n`);
for (const plan of PLANS) {
  const name = plan.file.replace(/\.json$/, '');
  if (only && !only.includes(name)) continue;
  const spec = JSON.parse(readFileSync(join(root, 'experiments', plan.file), 'utf8')) as { training: { epochs: number } };
  const epochs = args.full ? spec.training.epochs : (plan.epochs ?? spec.training.epochs);
  const t0 = performance.now();
  const record = await service.createExperiment(spec, { specDir: join(root, 'experiments'), overrides: { repeats: plan.repeats, epochs } });
  await service.run(record.id);
  const seconds = (performance.now() - t0) / 1000;
  const details = service.details(record.id);
  const headline = details.experiment.headline;
  const summary = details.summaries.find((s) => s.metric === headline)!.summary;
  const verdict = plan.target ? `${plan.target.op} ${plan.target.value}: ${(plan.target.op === '≥' ? summary.q50 >= plan.target.value : summary.q50 <= plan.target.value) ? 'met' : 'NOT met'}` : '-';
  const row = [name, `${plan.repeats} × ${epochs} epochs`, headline, summary.q50, `${summary.min.toFixed(4)}–${summary.max.toFixed(4)}`, plan.published, verdict, (seconds * Math.min(plan.repeats, availableParallelism())) / plan.repeats];
  rows.push(row);
  console.log(`${name}: median ${headline} ${summary.q50.toFixed(4)} (${plan.repeats} repeats, ${seconds.toFixed(1)} s wall) — published ${plan.published}; target ${verdict}`);
}
console.log(
  `\n${toMarkdown({
    columns: ['experiment', 'run', 'metric', 'median', 'range', 'published (REFERENCE.md)', 'target', 'seconds per repeat (per worker)'],
    rows,
  })}`,
);
await pool.close();
store.close();
rmSync(dir, { recursive: true, force: true });
