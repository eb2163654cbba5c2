import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { CORRECTIONS, type CompareCorrection, type CompareResult } from '../contract/compare.js';
import { LabError, toLabError } from '../contract/errors.js';
import { TABLE_FORMATS, type TableFormat } from '../contract/export-formats.js';
import { compareRanksTable, compareReferenceTable, compareSummaryTable, comparePairsTable } from '../export/compare-tables.js';
import { formatTable, toMarkdown, writeTables, type Table } from '../export/tables.js';
import { TrialPool } from '../runner/trial-pool.js';
import { compareExperiments } from '../services/compare-experiments.js';
import { ExperimentService } from '../services/experiment-service.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { databasePath } from './db-path.js';
import { dbOption, integer, number } from './options.js';

/** The tables `--table` may pick, in page order. */
const TABLES = {
  summary: compareSummaryTable,
  reference: compareReferenceTable,
  pairs: comparePairsTable,
  ranks: compareRanksTable,
} as const satisfies Record<string, (r: CompareResult) => Table>;
type TableName = keyof typeof TABLES;

interface CompareCliOptions {
  metric?: string;
  reference: number;
  correction: CompareCorrection;
  alpha: number;
  format: TableFormat;
  json?: boolean;
  table?: TableName;
  out?: string;
  db?: string;
}

/** The names of the tables to write: the one `--table` names, else every table that has rows (the summary always). */
function tableNames(result: CompareResult, which: TableName | undefined): TableName[] {
  if (which) return [which];
  return (Object.keys(TABLES) as TableName[]).filter((k) => k === 'summary' || (k === 'reference' ? result.againstReference.length : k === 'pairs' ? result.allPairs.length : result.ranks));
}

/** The tables to write (see {@link tableNames}). */
function tablesOf(result: CompareResult, which: TableName | undefined): Table[] {
  return tableNames(result, which).map((k) => TABLES[k](result));
}

/** The comparison as text: Markdown with the readings and notes, or the tables in another format. */
export function compareText(result: CompareResult, format: Exclude<TableFormat, 'xlsx'>, which?: TableName): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  const tables = tablesOf(result, which);
  if (format !== 'md') return tables.map((t) => formatTable(t, format)).join('\n');
  const readings = result.againstReference.map((r) => `- ${r.reading} (${r.pairing})`);
  return [
    `compare ${result.metric} over ${result.groups.length} groups (${result.higherIsBetter ? 'higher' : 'lower'} is better; ${result.design})`,
    '',
    ...result.groups.map((g, i) => `${i + 1}. ${g.label} — ${g.title}`),
    '',
    ...tables.map((t) => toMarkdown(t, 4)),
    ...(which || !readings.length ? [] : [`Against ${result.groups[result.reference]!.label}:`, ...readings, '']),
    ...result.notes.map((n) => `note: ${n}`),
    '',
  ].join('\n');
}

/** Adds `compare`: the compare page's tables, headless. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare experiments (a grid: one group per configuration) on one metric: summary, tests against a reference and of all pairs, effect sizes, Friedman ranks')
    .argument('<experiments...>', 'experiment ids or names')
    .option('--metric <m>', "the metric (default: the first experiment's headline)")
    .addOption(new Option('--reference <k>', 'group number the others are tested against (1 = the first group listed)').argParser(integer('--reference', 1)).default(1))
    .addOption(new Option('--correction <c>', 'multiple-comparison correction over each table').choices([...CORRECTIONS]).default('holm'))
    .addOption(new Option('--alpha <a>', 'significance level of the adjusted p').argParser(number('--alpha', 0, 0.999999)).default(0.05))
    .addOption(new Option('--format <format>', 'output format (json: the whole comparison, full precision)').choices(TABLE_FORMATS.map((f) => f.id)).default('md'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--table <which>', 'write only this table (csv wants one)').choices(Object.keys(TABLES)))
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dbOption())
    .action(async (refs: string[], o: CompareCliOptions) => {
      const store = new SqliteExperimentStore(databasePath(o.db));
      const pool = new TrialPool({ workers: 1 });
      try {
        const service = new ExperimentService(store, pool);
        const groups = [...new Set(refs.map((r) => service.experiment(r).id))].reduce((n, id) => n + service.experiment(id).configs.length, 0);
        if (o.reference > groups) throw new LabError('REQUEST_INVALID', `--reference ${o.reference}: there are ${groups} groups; pick 1–${groups}`);
        const result = compareExperiments(service, refs, { ...(o.metric ? { metric: o.metric } : {}), reference: o.reference - 1, correction: o.correction, alpha: o.alpha });
        if (!o.json && o.format === 'xlsx') {
          // One sheet per table (the summary, against the reference, all pairs, ranks).
          if (!o.out) throw new LabError('REQUEST_INVALID', '--format xlsx writes a binary file; give --out FILE.xlsx');
          const written = await writeTables(tablesOf(result, o.table), 'xlsx', tableNames(result, o.table));
          try {
            writeFileSync(o.out, 'bytes' in written ? written.bytes : written.text);
          } catch (error) {
            throw toLabError(error, o.out);
          }
          process.stderr.write(`wrote ${o.out}\n`);
          return;
        }
        const text = compareText(result, o.json ? 'json' : (o.format as Exclude<TableFormat, 'xlsx'>), o.table);
        if (o.out) {
          try {
            writeFileSync(o.out, text);
          } catch (error) {
            throw toLabError(error, o.out);
          }
          process.stderr.write(`wrote ${o.out}\n`);
        } else process.stdout.write(text);
      } finally {
        await pool.close();
        store.close();
      }
    });
}
