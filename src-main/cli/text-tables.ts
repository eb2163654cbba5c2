import type { ExperimentDetails, ExperimentSummary } from '../contract/results.js';
import { describeTable } from '../export/result-tables.js';
import { formatNumber, toMarkdown, type Table } from '../export/tables.js';

/** The experiments list as a table: id, name, status, repeats done/total, headline mean ± std. */
export function listTable(items: readonly ExperimentSummary[]): Table {
  return {
    columns: ['id', 'name', 'status', 'repeats', 'metric', 'mean ± std', 'created'],
    rows: items.map((e) => [
      e.id,
      e.name,
      e.status,
      `${e.trialsDone}/${e.trialsTotal}`,
      e.headline,
      e.mean === null ? '-' : `${formatNumber(e.mean)} ± ${e.std === null ? '-' : formatNumber(e.std)}`,
      e.createdAt.replace('T', ' ').slice(0, 19),
    ]),
  };
}

/** Per-repeat rows: repeat, seed, status, metrics, seconds, engine/backend. */
export function trialsTable(details: ExperimentDetails): Table {
  return {
    columns: ['config', 'repeat', 'seed', 'status', ...details.metrics, 'seconds', 'engine'],
    rows: details.trials.map((t) => [
      details.configs[t.configIndex] ?? String(t.configIndex),
      t.repeatIndex + 1,
      t.seed,
      t.status,
      ...details.metrics.map((m) => t.metrics[m] ?? null),
      t.durationMs === null ? null : t.durationMs / 1000,
      t.engine ? `${t.engine}/${t.backend ?? '?'}` : null,
    ]),
  };
}

/** What `run` and `show` print: describe() of the headline metric and the baselines beside it. */
export function summaryText(details: ExperimentDetails): string {
  const headline = details.experiment.headline;
  const baselines = details.baselines
    .map((b) => `baseline ${b.name}${details.configs.length > 1 ? ` (${details.configs[b.configIndex]})` : ''}: ${headline} ${formatNumber(b.metrics[headline] ?? NaN)}`)
    .join('\n');
  return `${toMarkdown(describeTable(details))}${baselines ? `\n${baselines}\n` : ''}`;
}
