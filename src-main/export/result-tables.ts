import type { ExperimentDetails } from '../contract/results.js';
import type { Table } from './tables.js';

const STATS = [
  ['count', 'count'],
  ['mean', 'mean'],
  ['std', 'std'],
  ['min', 'min'],
  ['25%', 'q25'],
  ['50%', 'q50'],
  ['75%', 'q75'],
  ['max', 'max'],
] as const;

/**
 * The results table of an experiment: one row per finished repeat (seed, metrics, duration, engine, backend, threads),
 * then pandas describe() rows of each metric, then one row per baseline — per configuration.
 * Column `kind` says which: 'repeat', a statistic name ('mean', '25%', …) or 'baseline:NAME'.
 */
export function resultsTable(details: ExperimentDetails): Table {
  const { metrics } = details;
  // Cross-validated experiments add the fold (1-based) after the repeat, and the seed of the repeat's split.
  const cv = details.trials.some((t) => t.fold !== null);
  const columns = ['kind', 'config', 'repeat', ...(cv ? ['fold'] : []), 'seed', ...(cv ? ['split_seed'] : []), ...metrics, 'duration_s', 'engine', 'backend', 'threads'];
  const blanks = cv ? [null, null, null, null] : [null, null];
  const rows: (string | number | null)[][] = [];
  details.configs.forEach((label, configIndex) => {
    for (const t of details.trials) {
      if (t.configIndex !== configIndex || t.status !== 'done') continue;
      rows.push([
        'repeat', label, t.repeatIndex + 1, ...(cv ? [t.fold === null ? null : t.fold + 1] : []), t.seed, ...(cv ? [t.splitSeed] : []),
        ...metrics.map((m) => t.metrics[m] ?? null),
        t.durationMs === null ? null : t.durationMs / 1000, t.engine, t.backend, t.threads ?? null,
      ]);
    }
    for (const [name, key] of STATS) {
      rows.push([
        name, label, ...blanks,
        ...metrics.map((m) => details.summaries.find((s) => s.configIndex === configIndex && s.metric === m)?.summary[key] ?? null),
        null, null, null, null,
      ]);
    }
    for (const b of details.baselines.filter((x) => x.configIndex === configIndex)) {
      rows.push([`baseline:${b.name}`, label, ...blanks, ...metrics.map((m) => b.metrics[m] ?? null), null, null, null, null]);
    }
  });
  return { title: `${details.experiment.name} (#${details.experiment.id}): per-repeat test metrics`, columns, rows };
}

/**
 * Cross-validation's per-repeat spread: one row per configuration and repeat with the number of finished
 * folds and the mean and std (n − 1) over them of each metric. Undefined for other protocols.
 */
export function repeatTable(details: ExperimentDetails): Table | undefined {
  if (details.repeatSummaries.length === 0) return undefined;
  const { metrics } = details;
  const grid = details.configs.length > 1;
  const columns = [...(grid ? ['config'] : []), 'repeat', 'folds', ...metrics.flatMap((m) => [`${m} mean`, `${m} std`])];
  const rows: (string | number | null)[][] = [];
  const keys = [...new Set(details.repeatSummaries.map((s) => `${s.configIndex}/${s.repeatIndex}`))];
  for (const key of keys) {
    const of = details.repeatSummaries.filter((s) => `${s.configIndex}/${s.repeatIndex}` === key);
    const first = of[0]!;
    const byMetric = (m: string) => of.find((s) => s.metric === m)?.summary;
    rows.push([
      ...(grid ? [details.configs[first.configIndex] ?? String(first.configIndex)] : []),
      first.repeatIndex + 1,
      byMetric(details.experiment.headline)?.count ?? 0,
      ...metrics.flatMap((m) => [byMetric(m)?.mean ?? null, byMetric(m)?.std ?? null]),
    ]);
  }
  return { title: `${details.experiment.name}: mean and std over the folds of each repeat`, columns, rows };
}

/** The describe() table of the headline metric per configuration (pandas layout: one row per statistic). */
export function describeTable(details: ExperimentDetails, metric = details.experiment.headline): Table {
  const columns = ['statistic', ...details.configs];
  const rows = STATS.map(([name, key]) => [
    name,
    ...details.configs.map((_, c) => details.summaries.find((s) => s.configIndex === c && s.metric === metric)?.summary[key] ?? null),
  ]);
  return { title: `${details.experiment.name}: ${metric}`, columns, rows };
}
