import type { Command } from 'commander';
import { Option } from 'commander';
import { toMarkdown } from '../export/tables.js';
import { exportModel, MODEL_FORMATS, type ModelFormat } from '../services/model-export.js';
import { forecastTable, predictionsTable } from '../services/prediction-table.js';
import { LabError } from '../contract/errors.js';
import { TrainedModels } from '../services/trained-models.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { databasePath } from './db-path.js';
import { dbOption, integer, number } from './options.js';

/** Runs `task` with the trained models of the database `db`, closing the store after. */
export async function withModels<T>(db: string | undefined, task: (models: TrainedModels) => Promise<T>): Promise<T> {
  const store = new SqliteExperimentStore(databasePath(db));
  try {
    return await task(new TrainedModels(store));
  } finally {
    store.close();
  }
}

/** The repeats to use: `--repeat K`, every kept repeat with `--all-repeats`, else the first kept one (said on stderr). */
export function repeatsOf(models: TrainedModels, ref: string, o: { repeat?: number; allRepeats?: boolean; config?: number }): number[] {
  if (o.repeat !== undefined) return [o.repeat];
  const experiment = models.experiment(ref);
  const kept = models.keptRepeats(experiment, (o.config ?? 1) - 1);
  if (kept.length === 0) return [1]; // the refusal names the keep policy
  if (o.allRepeats) return kept;
  process.stderr.write(`rnnlab: using repeat ${kept[0]} (--repeat K picks another, --all-repeats uses all ${kept.length} kept)\n`);
  return [kept[0]!];
}

/** Adds `predict`, `generate` and `export-model`: using the models an experiment kept. */
export function registerModelCommands(program: Command): void {
  program
    .command('export-model')
    .description("write a repeat's trained model: TF.js Layers (model.json + weights.bin) or safetensors (Keras weight names)")
    .argument('<experiment>', 'experiment id or name')
    .addOption(new Option('--format <format>', 'model format').choices([...MODEL_FORMATS]).default('tfjs'))
    .requiredOption('--out <dir>', 'folder to write the files into (created if missing)')
    .addOption(new Option('--repeat <k>', 'the repeat to export (default: the first kept)').argParser(integer('--repeat', 1)))
    .addOption(new Option('--config <c>', 'configuration of a grid (default 1)').argParser(integer('--config', 1)))
    .addOption(new Option('--fold <f>', 'cross-validation: the fold whose model to export (default 1)').argParser(integer('--fold', 1)))
    .addOption(dbOption())
    .action(async (ref: string, o: { format: ModelFormat; out: string; repeat?: number; config?: number; fold?: number; db?: string }) => {
      const files = await withModels(o.db, (models) => {
        const kept = models.trial(ref, { ...(o.config !== undefined ? { config: o.config } : {}), ...(o.fold !== undefined ? { fold: o.fold } : {}), repeat: repeatsOf(models, ref, o)[0]! });
        return exportModel(kept, o.format, o.out, models.artifacts(kept));
      });
      for (const f of files) process.stderr.write(`wrote ${f}\n`);
    });

  program
    .command('predict')
    .description("classify or regress new sequences with an experiment's trained models (the spread over repeats with --all-repeats)")
    .argument('<experiment>', 'experiment id or name')
    .option('--input <file>', "sequences in the experiment's own format (CSV, ARFF or JSONL; labels may be absent); for a forecast: the series extended by newer values (default: the experiment's own)")
    .addOption(new Option('--steps <h>', 'a forecast: how many values past the end of the series').argParser(integer('--steps', 1, 10_000)))
    .addOption(new Option('--repeat <k>', 'the repeat whose model answers (default: the first kept)').argParser(integer('--repeat', 1)).conflicts('allRepeats'))
    .option('--all-repeats', "every kept repeat's answer, and how they agree")
    .addOption(new Option('--config <c>', 'configuration of a grid (default 1)').argParser(integer('--config', 1)))
    .addOption(new Option('--fold <f>', 'cross-validation: the fold whose model answers (default 1)').argParser(integer('--fold', 1)))
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .action(async (ref: string, o: { input?: string; steps?: number; repeat?: number; allRepeats?: boolean; config?: number; fold?: number; json?: boolean; db?: string }) => {
      if (o.steps !== undefined) {
        const f = await withModels(o.db, (models) => models.forecast(ref, { ...(o.config !== undefined ? { config: o.config } : {}), repeats: repeatsOf(models, ref, o) }, o.steps!, o.input));
        if (o.json) process.stdout.write(`${JSON.stringify(f)}\n`);
        else process.stdout.write(`${f.experiment}: ${o.steps} values after the ${f.observed} observed\n\n${toMarkdown(forecastTable(f), 3)}`);
        return;
      }
      if (o.input === undefined) throw new LabError('REQUEST_INVALID', 'predict needs --input FILE (new sequences), or --steps H for a forecast past the end of the series');
      const input = o.input;
      const p = await withModels(o.db, (models) =>
        models.predict(ref, input, { ...(o.config !== undefined ? { config: o.config } : {}), ...(o.fold !== undefined ? { fold: o.fold } : {}), repeats: repeatsOf(models, ref, o) }),
      );
      if (o.json) process.stdout.write(`${JSON.stringify(p)}\n`);
      else process.stdout.write(`${p.experiment}: ${p.task} of ${p.ids.length} sequences from ${input}\n\n${toMarkdown(predictionsTable(p), 4)}`);
    });

  program
    .command('generate')
    .description("continue a prompt with a character model's trained repeat (sampled, seeded)")
    .argument('<experiment>', 'experiment id or name')
    .requiredOption('--prompt <text>', 'the text to continue (characters the model saw in training)')
    .addOption(new Option('--temperature <t>', 'sampling temperature: lower is more conservative').argParser(number('--temperature', 0, 10)).default(0.7))
    .addOption(new Option('--length <n>', 'characters to generate').argParser(integer('--length', 1, 100_000)).default(300))
    .addOption(new Option('--repeat <k>', 'the repeat whose model writes (default: the first kept)').argParser(integer('--repeat', 1)))
    .addOption(new Option('--seed <s>', 'sampling seed (default: the repeat’s seed)').argParser(integer('--seed', 0)))
    .addOption(dbOption())
    .action(async (ref: string, o: { prompt: string; temperature: number; length: number; repeat?: number; seed?: number; db?: string }) => {
      const text = await withModels(o.db, (models) =>
        models.generate(ref, { repeat: repeatsOf(models, ref, o)[0]! }, o.prompt, { temperature: o.temperature, length: o.length, ...(o.seed !== undefined ? { seed: o.seed } : {}) }),
      );
      process.stdout.write(`${o.prompt}${text}\n`);
    });
}
