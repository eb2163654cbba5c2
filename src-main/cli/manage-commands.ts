import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ExperimentName, MAX_NOTES, Tag } from '../contract/api.js';
import { LabError, toLabError } from '../contract/errors.js';
import type { ExperimentSummary } from '../contract/results.js';
import { parseWith } from '../contract/validate.js';
import { TrialPool } from '../runner/trial-pool.js';
import { ExperimentAdmin } from '../services/experiment-admin.js';
import { ExperimentService } from '../services/experiment-service.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { databasePath } from './db-path.js';
import { dbOption } from './options.js';

/** Runs `task` with an {@link ExperimentAdmin} over the database `db`, closing it after. */
async function withAdmin<T>(db: string | undefined, task: (admin: ExperimentAdmin, service: ExperimentService) => T | Promise<T>): Promise<T> {
  const store = new SqliteExperimentStore(databasePath(db));
  const pool = new TrialPool({ workers: 1 }); // never started: management trains nothing
  try {
    const service = new ExperimentService(store, pool);
    return await task(new ExperimentAdmin(store, service), service);
  } finally {
    await pool.close();
    store.close();
  }
}

/** `a,b c` and `d` → [a, b c, d]: tags may be given as separate words or comma lists; each checked. */
function tagsOf(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).filter((t) => t.trim() !== '').map((t) => parseWith(Tag, t, 'tag'));
}

const label = (e: ExperimentSummary) => `#${e.id} ${e.name}`;

/** Reads one answer line from standard input (a terminal or a pipe); '' when input ends first. */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer.trim());
    });
    rl.on('close', () => {
      if (!answered) resolve('');
    });
  });
}

/** `1.2 MB` for a byte count. */
const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** Adds rename, edit, tag, note, delete, restore and purge: managing stored experiments. */
export function registerManageCommands(program: Command): void {
  program
    .command('rename')
    .description('rename an experiment (names are unique per database)')
    .argument('<experiment>', 'experiment id or name')
    .argument('<name>', 'the new name')
    .addOption(dbOption())
    .action(async (ref: string, name: string, o: { db?: string }) => {
      const checked = parseWith(ExperimentName, name, 'name');
      const e = await withAdmin(o.db, (admin) => admin.rename(ref, checked));
      process.stdout.write(`renamed to ${label(e)}\n`);
    });

  program
    .command('edit')
    .description("change an experiment's description or star (labels only: the stored spec stays as it ran)")
    .argument('<experiment>', 'experiment id or name')
    .option('--description <text>', 'the new description ("" clears it)')
    .option('--star', 'star it')
    .option('--unstar', 'remove its star')
    .addOption(dbOption())
    .action(async (ref: string, o: { description?: string; star?: boolean; unstar?: boolean; db?: string }) => {
      if (o.star && o.unstar) throw new LabError('REQUEST_INVALID', '--star and --unstar contradict each other; give one');
      if (o.description === undefined && !o.star && !o.unstar) throw new LabError('REQUEST_INVALID', 'nothing to change; give --description <text>, --star or --unstar');
      const starred = o.star ? true : o.unstar ? false : undefined;
      const e = await withAdmin(o.db, (admin) => admin.edit(ref, { description: o.description, starred }));
      process.stdout.write(`${label(e)}${e.starred ? ' ★' : ''}: ${e.description || '(no description)'}\n`);
    });

  program
    .command('tag')
    .description("add or remove an experiment's tags; with none given, print them")
    .argument('<experiment>', 'experiment id or name')
    .argument('[tags...]', 'tags to add (separate words or a comma list)')
    .option('--remove <tags...>', 'tags to remove')
    .addOption(dbOption())
    .action(async (ref: string, add: string[], o: { remove?: string[]; db?: string }) => {
      const adding = tagsOf(add);
      const removing = tagsOf(o.remove ?? []);
      const e = await withAdmin(o.db, (admin, service) =>
        adding.length || removing.length ? admin.tag(ref, adding, removing) : service.summary(admin.id(ref)),
      );
      process.stdout.write(`${label(e)}: ${e.tags.length ? e.tags.join(', ') : '(no tags)'}\n`);
    });

  program
    .command('note')
    .description("set an experiment's notes (Markdown); with no text, print them")
    .argument('<experiment>', 'experiment id or name')
    .argument('[text]', 'the notes')
    .option('--file <notes.md>', 'read the notes from a file')
    .option('--append', 'add to the notes instead of replacing them')
    .option('--clear', 'remove the notes')
    .addOption(dbOption())
    .action(async (ref: string, text: string | undefined, o: { file?: string; append?: boolean; clear?: boolean; db?: string }) => {
      if ([text !== undefined, o.file !== undefined, o.clear === true].filter(Boolean).length > 1) {
        throw new LabError('REQUEST_INVALID', 'give the notes as text, --file or --clear, not several');
      }
      let given = o.clear ? '' : text;
      if (o.file !== undefined) {
        try {
          given = readFileSync(o.file, 'utf8');
        } catch (error) {
          throw toLabError(error, o.file);
        }
      }
      if (given !== undefined && given.length > MAX_NOTES) throw new LabError('REQUEST_INVALID', `notes: at most ${MAX_NOTES} characters, got ${given.length}`);
      const e = await withAdmin(o.db, (admin, service) => {
        if (given === undefined) return service.summary(admin.id(ref));
        const current = service.summary(admin.id(ref)).notes;
        return admin.edit(ref, { notes: o.append && current ? `${current.replace(/\n*$/, '')}\n\n${given}` : given });
      });
      process.stdout.write(given === undefined ? (e.notes ? `${e.notes.replace(/\n*$/, '')}\n` : `${label(e)} has no notes\n`) : `notes of ${label(e)} saved\n`);
    });

  program
    .command('delete')
    .description('hide an experiment from lists (soft delete: its results stay until `rnnlab purge`)')
    .argument('<experiment>', 'experiment id or name')
    .addOption(dbOption())
    .action(async (ref: string, o: { db?: string }) => {
      const e = await withAdmin(o.db, (admin) => admin.softDelete(ref));
      process.stdout.write(`deleted ${label(e)}: hidden from lists, its results kept\n`);
      process.stderr.write(`undo with: rnnlab restore ${e.id}; free its space for good with: rnnlab purge ${e.id}\n`);
    });

  program
    .command('restore')
    .description('bring back a deleted experiment')
    .argument('<experiment>', 'experiment id or name')
    .addOption(dbOption())
    .action(async (ref: string, o: { db?: string }) => {
      const e = await withAdmin(o.db, (admin) => admin.restore(ref));
      process.stdout.write(`restored ${label(e)}\n`);
    });

  program
    .command('purge')
    .description('remove an experiment for good: its repeats, curves, predictions and kept weights; then VACUUM')
    .argument('<experiment>', 'experiment id or name (deleted ones too)')
    .option('--yes', 'do not ask for confirmation')
    .addOption(dbOption())
    .action(async (ref: string, o: { yes?: boolean; db?: string }) => {
      const report = await withAdmin(o.db, async (admin, service) => {
        const id = admin.id(ref);
        const e = service.summary(id);
        if (!o.yes) {
          const answer = await ask(`purge ${label(e)}: ${e.trialsTotal} repeats with their curves, predictions and kept weights, for good? [y/N] `);
          if (!/^y(es)?$/i.test(answer)) throw new LabError('REQUEST_INVALID', `purge of ${label(e)} not confirmed; nothing removed (answer y, or add --yes)`);
        }
        return { e, r: admin.purge(id) };
      });
      const { e, r } = report;
      process.stdout.write(`purged ${label(e)}: ${r.trials} repeats${r.weightBytes ? `, ${bytes(r.weightBytes)} of weights` : ''} removed\n`);
      if (!r.vacuumed) process.stderr.write('rnnlab: another process is using the database, so VACUUM did not run; the space is reused by later runs\n');
    });
}
