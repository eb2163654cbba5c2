import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LabError, toLabError } from '../contract/errors.js';
import { BackendChoice, crossValidationOf, EngineChoice, KernelChoice } from '../contract/spec.js';
import type { ExperimentDetails } from '../contract/results.js';
import { epochsText } from '../contract/grid.js';
import { toMarkdown } from '../export/tables.js';
import { TABLE_FORMATS, tableFormat, type TableFormat } from '../contract/export-formats.js';
import { TrialPool, type TrialRunner } from '../runner/trial-pool.js';
import { ExperimentService } from '../services/experiment-service.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { databasePath } from './db-path.js';
import { jsonSyntaxError } from './json-syntax.js';
import { progressBar } from './progress.js';
import { inspectFile } from '../services/inspect.js';
import type { RunEvent } from '../services/experiment-service.js';
import { trialsTable } from '../export/ui-tables.js';
import { listTable, summaryText } from './text-tables.js';
import { dbOption, integer } from './options.js';
import { registerModelCommands } from './model-commands.js';
import { registerCellCommand } from './cell-command.js';
import { registerTranslateCommand } from './translate-command.js';
import { TrainedModels } from '../services/trained-models.js';
import { registerCompareCommand } from './compare-command.js';
import { registerManageCommands } from './manage-commands.js';
import { openQueuePool, queueOption } from './queue-desk.js';
import { registerWorkerCommand } from './worker-command.js';
import { registerWorkersCommand } from './workers-command.js';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130;

interface Context {
  service: ExperimentService;
  models: TrainedModels;
  close: () => Promise<void>;
}

/** Opens the store and the worker pool (or `runner`, e.g. a queue) for one command; the CLI is an entry point, so it wires them. */
function open(options: { db?: string; workers?: number }, runner?: TrialRunner): Context {
  const store = new SqliteExperimentStore(databasePath(options.db));
  const pool = runner ?? new TrialPool(options.workers ? { workers: options.workers } : {});
  return {
    service: new ExperimentService(store, pool),
    models: new TrainedModels(store),
    close: async () => {
      await pool.close();
      store.close();
    },
  };
}

/** The JSON object `--json` prints as the last line: ids, per-repeat metrics and seeds, describe(), baselines. */
function jsonResult(details: ExperimentDetails) {
  return {
    experimentId: details.experiment.id,
    name: details.experiment.name,
    status: details.experiment.status,
    headline: details.experiment.headline,
    configs: details.configs,
    trials: details.trials.map((t) => ({
      config: t.configIndex,
      repeat: t.repeatIndex + 1,
      ...(t.fold !== null ? { fold: t.fold + 1, splitSeed: t.splitSeed } : {}),
      seed: t.seed,
      status: t.status,
      engine: t.engine,
      backend: t.backend,
      threads: t.threads ?? null,
      durationMs: t.durationMs,
      metrics: t.metrics,
      ...(t.error ? { error: t.error } : {}),
    })),
    describe: details.summaries,
    ...(details.repeatSummaries.length ? { perRepeat: details.repeatSummaries } : {}),
    baselines: details.baselines,
  };
}

/** What the done/total counts count: repeats, or trials (repeat × fold) when cross-validated. */
const unitOf = (details: ExperimentDetails): string => (details.repeatSummaries.length ? 'trials (repeat × fold)' : 'repeats');

/** Runs (or resumes) an experiment with a progress bar and Ctrl-C handling; prints the summary. */
async function runAndReport(ctx: Context, ref: number, options: { json?: boolean; progress?: boolean; allowChangedData?: boolean }): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    process.stderr.write(`\nrnnlab: stopping; finished repeats are kept. Continue later with: rnnlab resume ${ref}\n`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = progressBar(options.progress !== false && process.stderr.isTTY === true);
  let waitingFor = '';
  const onEvent = (event: RunEvent) => {
    if (event.type === 'run-waiting' && event.elsewhere !== waitingFor) {
      waitingFor = event.elsewhere;
      process.stderr.write(`rnnlab: ${event.trials} repeat${event.trials === 1 ? '' : 's'} of #${ref} running in ${event.elsewhere}; waiting for them to finish (Ctrl-C stops waiting, finished repeats are kept)\n`);
    }
    bar.onEvent(event);
  };
  try {
    await ctx.service.run(ref, { signal: controller.signal, onEvent, allowChangedData: options.allowChangedData ?? false });
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
  const details = ctx.service.details(ref);
  const failed = details.trials.filter((t) => t.status === 'failed');
  if (!options.json) {
    process.stdout.write(`\nexperiment #${details.experiment.id} ${details.experiment.name}: ${details.experiment.status}, ${details.experiment.trialsDone}/${details.experiment.trialsTotal} ${unitOf(details)} done\n\n`);
    process.stdout.write(summaryText(details));
  }
  for (const t of failed.slice(0, 3)) process.stderr.write(`rnnlab: repeat ${t.repeatIndex + 1} failed: ${t.error}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(jsonResult(details))}\n`);
  if (controller.signal.aborted) process.exitCode = EXIT_INTERRUPTED;
  else if (failed.length) process.exitCode = 1;
  else if (details.experiment.status !== 'done') {
    // Never exit 0 on an incomplete experiment (a trial another process still holds, one that vanished).
    process.stderr.write(`rnnlab: #${ref} is ${details.experiment.status}, ${details.experiment.trialsDone}/${details.experiment.trialsTotal} ${unitOf(details)} done; continue with: rnnlab resume ${ref}\n`);
    process.exitCode = 1;
  }
}

/** Writes an export to `--out`, with one-line messages for a folder, a missing folder and the rest. */
function writeOut(path: string, text: string | Uint8Array, format: TableFormat): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new LabError('FILE_NOT_FOUND', `--out ${path}: is a folder; give a file name, e.g. ${join(path, `results.${tableFormat(format).extension}`)}`);
  }
  if (!existsSync(dirname(resolve(path)))) {
    throw new LabError('FILE_NOT_FOUND', `--out ${path}: the folder ${dirname(resolve(path))} does not exist; create it or choose another --out`);
  }
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw toLabError(error, path);
  }
}

/** `line:column` (1-based) of character `offset` in `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** `--input-shape 100,10` → { steps: 100, features: 10 }. */
function inputShape(value: string): { steps: number; features: number } {
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new InvalidArgumentError(`--input-shape takes steps,features (two whole numbers ≥ 1, e.g. 100,10), got "${value.slice(0, 24)}"`);
  return { steps: Number(m[1]), features: Number(m[2]) };
}

/** Largest spec file read (a spec is a few kB; anything this big is not one). */
const MAX_SPEC_BYTES = 10 * 1024 * 1024;

function readSpecFile(path: string): unknown {
  if (!existsSync(path)) throw new LabError('FILE_NOT_FOUND', `${path}: spec file not found; give the path of an experiment JSON (see experiments/)`);
  let text: string;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LabError('FILE_NOT_FOUND', `${path}: is a folder, not a spec file; give the experiment JSON inside it (see experiments/)`);
    // A device (/dev/zero, /dev/urandom) reports size 0 and would be read for ever; a pipe ends, so it may stay.
    if (stat.isCharacterDevice() || stat.isBlockDevice() || stat.isSocket()) {
      throw new LabError('FILE_NOT_FOUND', `${path}: is a device or socket, not a spec file; give the experiment JSON (see experiments/)`);
    }
    if (stat.size > MAX_SPEC_BYTES) throw new LabError('SPEC_INVALID', `${path}: ${(stat.size / 1024 ** 2).toFixed(0)} MB is not an experiment spec (specs are a few kB); give the spec's JSON file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw toLabError(error, path);
  }
  // A byte-order mark (Windows editors write one) is not part of the JSON.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LabError('SPEC_INVALID', `${path}: the file is empty; write an experiment spec in it (see experiments/)`);
  try {
    return JSON.parse(text);
  } catch {
    // V8 gives a position for some errors only and quotes the text for the others: locate it ourselves, and
    // never echo the file's contents (a spec path mistyped onto a secret file must not print it).
    const error = jsonSyntaxError(text);
    const loc = error ? `:${lineColumn(text, error.offset)}` : '';
    throw new LabError('SPEC_INVALID', `${path}${loc}: not valid JSON (${error?.problem ?? 'syntax error'}); fix the syntax`);
  }
}

const workersOption = () => new Option('--workers <n>', 'worker threads (default: one per core)').argParser(integer('--workers', 1));

/** Builds the `rnnlab` command line program. */
export function buildProgram(): Command {
  const program = new Command('rnnlab')
    .description('RNN Lab: run recurrent-network experiments many times, store every result, compare them honestly')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('validate an experiment spec, store it, and run all its repeats')
    .argument('<spec>', 'experiment spec (JSON), e.g. experiments/shampoo-lstm.json')
    .option('--repeats <n>', 'override the spec\'s repeats', integer('--repeats', 1))
    // Any integer: the spec's own check then names training.epochs for 0 or a negative count.
    .option('--epochs <n>', 'override training.epochs', integer('--epochs', -Infinity))
    .option('--seed <n>', 'override the master seed', integer('--seed', 0, 2 ** 31 - 1))
    .addOption(new Option('--engine <name>', 'engine').choices(EngineChoice.options))
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(BackendChoice.options))
    .addOption(new Option('--kernels <tier>', 'fused engine kernels (auto: native when built, else wasm, else js)').choices(KernelChoice.options))
    .addOption(dbOption())
    .addOption(workersOption())
    .addOption(queueOption())
    .option('--json', 'print one JSON object (ids, per-repeat metrics and seeds, describe(), baselines) as the last line')
    .option('--no-progress', 'no progress bar')
    .action(async (specPath: string, o) => {
      const input = readSpecFile(specPath);
      const ctx = open(o, o.queue ? await openQueuePool(o.queue, o.db) : undefined);
      try {
        const record = await ctx.service.createExperiment(input, {
          specDir: dirname(resolve(specPath)),
          specSource: resolve(specPath),
          overrides: { repeats: o.repeats, epochs: o.epochs, seed: o.seed, engine: o.engine, backend: o.backend, kernels: o.kernels },
        });
        const folds = crossValidationOf(record.spec)?.folds;
        if (!o.json) process.stderr.write(`experiment #${record.id} ${record.name}: ${record.spec.repeats} repeats${folds ? ` × ${folds} folds` : ''} × ${record.configs.length} configuration(s), ${epochsText(record.spec.training.epochs, record.spec.grid)}, seed ${record.spec.seed}\n`);
        await runAndReport(ctx, record.id, o);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('summary')
    .description('print the Keras-style model summary of a spec (or, with --input-shape, of a bare model): layers, output shapes, parameter counts')
    .argument('<spec>', 'experiment spec (JSON), or a bare model { "layers": [...] } with --input-shape')
    .option('--input-shape <steps,features>', 'summarise the file as a bare model on inputs of this shape (no data read), e.g. 100,10', inputShape)
    .option('--json', 'print JSON')
    .action(async (specPath: string, o: { json?: boolean; inputShape?: { steps: number; features: number } }) => {
      const input = readSpecFile(specPath);
      const ctx = open({ workers: 1, db: ':memory:' });
      try {
        if (o.inputShape) {
          const s = ctx.service.bareModelSummary(input, o.inputShape);
          process.stdout.write(o.json ? `${JSON.stringify(s)}\n` : `input ${s.input.steps} steps × ${s.input.features} features\n${s.text}\n`);
          return;
        }
        const s = await ctx.service.modelSummary({ spec: input, specDir: dirname(resolve(specPath)) });
        process.stdout.write(o.json ? `${JSON.stringify(s)}\n` : `${s.task}, input ${s.input.steps} steps × ${s.input.features} features\n${s.text}\n`);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('inspect')
    .description('look at a CSV before writing a spec: columns, types, missing values, rows, and a spec to start from')
    .argument('<file>', 'a CSV (or ;/tab-separated) file with a header row')
    .option('--json', 'print JSON')
    .action((file: string, o: { json?: boolean }) => {
      const report = inspectFile(resolve(file));
      if (o.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      process.stdout.write(`${report.path}: ${report.rows} rows, ${report.columns.length} columns\n\n`);
      process.stdout.write(
        toMarkdown({
          columns: ['column', 'type', 'missing', 'distinct', 'min', 'max'],
          rows: report.columns.map((c) => [c.name, c.type, c.missing, c.distinct, c.min ?? null, c.max ?? null]),
        }),
      );
      if (report.suggestion) {
        process.stdout.write(`\nReads as ${report.suggestion.reading}. A spec to start from (save it, edit it, then rnnlab run it):\n\n`);
        process.stdout.write(`${JSON.stringify(report.suggestion.spec, null, 2)}\n`);
      } else if (report.note) process.stdout.write(`\nReads as ${report.note}.\n`);
      else process.stdout.write('\nNo spec to suggest: the file has no numeric column to forecast and no sequence ids with labels.\n');
    });

  program
    .command('resume')
    .description('continue an interrupted experiment from its first missing repeat (finished repeats are kept)')
    .argument('<experiment>', 'experiment id or name')
    .addOption(dbOption())
    .addOption(workersOption())
    .addOption(queueOption())
    .option('--json', 'print the result as one JSON object on the last line')
    .option('--no-progress', 'no progress bar')
    .option('--allow-changed-data', 'go on although a data file changed since the experiment was stored')
    .action(async (ref: string, o) => {
      const queue = o.queue ? await openQueuePool(o.queue, o.db) : undefined;
      const ctx = open(o, queue);
      try {
        const id = ctx.service.experiment(ref).id;
        await runAndReport(ctx, id, o);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('list')
    .description('experiments in the database: status, repeats done/total, headline metric mean ± std, tags')
    .addOption(dbOption())
    .option('--all', 'include deleted experiments')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const ctx = open({ ...o, workers: 1 });
      try {
        const items = ctx.service.list({ includeDeleted: o.all === true });
        if (o.json) process.stdout.write(`${JSON.stringify(items)}\n`);
        else process.stdout.write(items.length ? toMarkdown(listTable(items)) : 'no experiments yet; start one with: rnnlab run experiments/shampoo-lstm.json\n');
      } finally {
        await ctx.close();
      }
    });

  program
    .command('show')
    .description('describe() table, per-repeat metrics with seeds, and baselines of one experiment')
    .argument('<experiment>', 'experiment id or name')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (ref: string, o) => {
      const ctx = open({ ...o, workers: 1 });
      try {
        const details = ctx.service.details(ref);
        if (o.json) {
          process.stdout.write(`${JSON.stringify(jsonResult(details))}\n`);
          return;
        }
        const e = details.experiment;
        process.stdout.write(`experiment #${e.id} ${e.name}${e.starred ? ' ★' : ''} — ${e.status}, ${e.trialsDone}/${e.trialsTotal} ${unitOf(details)}, ${epochsText(e.epochs, e.grid)}\n`);
        if (e.deletedAt) process.stderr.write(`rnnlab: #${e.id} was deleted on ${e.deletedAt.slice(0, 10)}; \`rnnlab restore ${e.id}\` brings it back\n`);
        if (e.description) process.stdout.write(`${e.description}\n`);
        if (e.tags.length) process.stdout.write(`tags: ${e.tags.join(', ')}\n`);
        if (e.notes) process.stdout.write(`\nnotes:\n${e.notes.replace(/\n*$/, '')}\n`);
        const experiment = ctx.models.experiment(e.id);
        const kept = experiment.configs.reduce((n, _, c) => n + ctx.models.keptRepeats(experiment, c).length, 0);
        if (kept > 0) process.stdout.write(`${e.notes ? '\n' : ''}kept weights: ${kept} of ${e.trialsTotal} repeats, ${(ctx.models.weightBytes(experiment) / 1024).toFixed(0)} KB (rnnlab predict | generate | translate | export-model)\n`);
        for (const change of e.dataChanged) process.stderr.write(`rnnlab: warning: ${change}; its results came from the old data\n`);
        process.stdout.write(`\n${summaryText(details)}\n${toMarkdown(trialsTable(details))}`);
      } finally {
        await ctx.close();
      }
    });

  program
    .command('export')
    .description('write the results table (per-repeat rows, describe() rows, baselines); xlsx adds a describe() sheet per metric')
    .argument('<experiment>', 'experiment id or name')
    .addOption(new Option('--format <format>', 'table format').choices(TABLE_FORMATS.map((f) => f.id)).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dbOption())
    .action(async (ref: string, o: { format: TableFormat; out?: string; db?: string }) => {
      const ctx = open({ ...o, workers: 1 });
      try {
        const f = tableFormat(o.format);
        if (f.binary && !o.out) throw new LabError('REQUEST_INVALID', `--format ${f.id} writes a binary file; give --out, e.g. --out results.${f.extension}`);
        const written = await ctx.service.exportResults(ref, o.format);
        const content = 'bytes' in written ? written.bytes : written.text;
        if (o.out) {
          writeOut(o.out, content, o.format);
          process.stderr.write(`wrote ${o.out}\n`);
        } else process.stdout.write(content);
      } finally {
        await ctx.close();
      }
    });

  registerModelCommands(program);
  registerCellCommand(program);
  registerTranslateCommand(program);
  registerCompareCommand(program);
  registerManageCommands(program);
  registerWorkerCommand(program);
  registerWorkersCommand(program);
  return program;
}

/**
 * Runs the CLI. Every error prints one line (the problem, where, the fix) and exits 1: system errors name
 * their path, bugs say so (code INTERNAL; their stack only with RNNLAB_DEBUG=1).
 */
export async function main(argv: string[]): Promise<void> {
  // `rnnlab … | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const lab = toLabError(error);
    process.stderr.write(`rnnlab: ${lab.message}\n`);
    if (lab.code === 'INTERNAL' && process.env.RNNLAB_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}

await main(process.argv);
