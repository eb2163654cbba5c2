import type { ExperimentDetails, ExperimentSummary } from '../contract/results.js';
import { describeTable, repeatTable } from '../export/result-tables.js';
import { formatNumber, toMarkdown, type Table } from '../export/tables.js';

/** The experiments list as a table: id, name, status, repeats done/total, headline mean ± std (a grid's best configuration's, named). */
export function listTable(items: readonly ExperimentSummary[]): Table {
  return {
    columns: ['id', 'name', 'status', 'repeats', 'metric', 'mean ± std', 'created', 'tags'],
    rows: items.map((e) => [
      e.id,
      `${e.starred ? '★ ' : ''}${e.name}`,
      `${e.runningIn ? `${e.status} (${e.runningIn})` : e.status}${e.deletedAt ? ' (deleted)' : ''}`,
      `${e.trialsDone}/${e.trialsTotal}`,
      e.headline,
      e.mean === null ? '-' : `${formatNumber(e.mean)} ± ${e.std === null ? '-' : formatNumber(e.std)}${e.best ? ` (best of ${e.best.configs}: ${e.best.label})` : ''}`,
      e.createdAt.replace('T', ' ').slice(0, 19),
      e.tags.join(', '),
    ]),
  };
}

/**
 * What `run` and `show` print: describe() of the headline metric (over every finished trial: all R × K folds
 * under cross-validation, then each repeat's mean and std over its folds) and the baselines beside it.
 */
export function summaryText(details: ExperimentDetails): string {
  const perRepeat = repeatTable(details);
  const headline = details.experiment.headline;
  const baselines = details.baselines
    .map((b) => `baseline ${b.name}${details.configs.length > 1 ? ` (${details.configs[b.configIndex]})` : ''}: ${headline} ${formatNumber(b.metrics[headline] ?? NaN)}`)
    .join('\n');
  return `${toMarkdown(describeTable(details))}${perRepeat ? `\n${toMarkdown(perRepeat)}` : ''}${baselines ? `\n${baselines}\n` : ''}`;
}
