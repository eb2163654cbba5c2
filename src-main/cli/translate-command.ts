import type { Command } from 'commander';
import { Option } from 'commander';
import { translate, type RepeatTranslation } from '../services/translations.js';
import { TrainedModels } from '../services/trained-models.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { databasePath } from './db-path.js';
import { repeatsOf } from './model-commands.js';
import { dbOption, integer } from './options.js';

/** A character as a column or row label: spaces and the end marker made visible. */
const label = (c: string): string => (c === ' ' ? '␣' : c === '\n' ? '⏎' : c === '\t' ? '⇥' : c);

/**
 * α as a compact text matrix: one row per output character, one column per source character, each cell the
 * weight in tenths (0–9; "." below 0.05), so a row's digits add up to about 10.
 */
export function attentionText(source: readonly string[], r: RepeatTranslation): string {
  if (!r.attention) return '';
  const header = `   ${source.map(label).join(' ')}`;
  const rows = r.attention.map((row, t) => `${label(r.outputCharacters[t] ?? '?')}  ${row.map((a) => (a < 0.05 ? '.' : String(Math.min(9, Math.round(a * 10))))).join(' ')}`);
  return [header, ...rows].join('\n');
}

/** Adds `translate`: English in, each chosen repeat's greedy translation out (seed 004's decode_sequence). */
export function registerTranslateCommand(program: Command): void {
  program
    .command('translate')
    .description("translate a phrase with a translation experiment's trained repeats (greedy, as seed 004's decode_sequence)")
    .argument('<experiment>', 'experiment id or name')
    .argument('<text>', 'the English text to translate')
    .addOption(new Option('--repeat <k>', 'the repeat whose model translates (default: the first kept)').argParser(integer('--repeat', 1)).conflicts('allRepeats'))
    .option('--all-repeats', "every kept repeat's translation, side by side")
    .option('--attention', 'attention models: print α (output characters × source characters, in tenths)')
    .addOption(new Option('--config <c>', 'configuration of a grid (default 1)').argParser(integer('--config', 1)))
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .action(async (ref: string, text: string, o: { repeat?: number; allRepeats?: boolean; attention?: boolean; config?: number; json?: boolean; db?: string }) => {
      const store = new SqliteExperimentStore(databasePath(o.db));
      try {
        const repeats = repeatsOf(new TrainedModels(store), ref, o);
        const t = await translate(store, ref, { ...(o.config !== undefined ? { config: o.config } : {}), repeats }, text, { attention: o.attention === true });
        if (o.json) {
          process.stdout.write(`${JSON.stringify(t)}\n`);
          return;
        }
        if (t.warning) process.stderr.write(`rnnlab: ${t.warning}\n`);
        for (const r of t.repeats) {
          process.stdout.write(t.repeats.length > 1 ? `repeat ${r.repeat}: ${r.translation}\n` : `${r.translation}\n`);
          if (o.attention) {
            process.stdout.write(r.attention ? `${attentionText(t.sourceCharacters, r)}\n` : `(experiment ${t.experiment} has no attention: "attention": "none")\n`);
          }
        }
      } finally {
        store.close();
      }
    });
}
