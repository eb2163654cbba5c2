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
 * The results table of an experiment: one row per finished repeat (seed, metrics, duration, engine),
 * then pandas describe() rows of each metric, then one row per baseline — per configuration.
 * Column `kind` says which: 'repeat', a statistic name ('mean', '25%', …) or 'baseline:NAME'.
 */
export function resultsTable(details: ExperimentDetails): Table {
  const { metrics } = details;
  const columns = ['kind', 'config', 'repeat', 'seed', ...metrics, 'duration_s', 'engine', 'backend'];
  const rows: (string | number | null)[][] = [];
  details.configs.forEach((label, configIndex) => {
    for (const t of details.trials) {
      if (t.configIndex !== configIndex || t.status !== 'done') continue;
      rows.push([
        'repeat', label, t.repeatIndex + 1, t.seed,
        ...metrics.map((m) => t.metrics[m] ?? null),
        t.durationMs === null ? null : t.durationMs / 1000, t.engine, t.backend,
      ]);
    }
    for (const [name, key] of STATS) {
      rows.push([
        name, label, null, null,
        ...metrics.map((m) => details.summaries.find((s) => s.configIndex === configIndex && s.metric === m)?.summary[key] ?? null),
        null, null, null,
      ]);
    }
    for (const b of details.baselines.filter((x) => x.configIndex === configIndex)) {
      rows.push([`baseline:${b.name}`, label, null, null, ...metrics.map((m) => b.metrics[m] ?? null), null, null, null]);
    }
  });
  return { title: `${details.experiment.name} (#${details.experiment.id}): per-repeat test metrics`, columns, rows };
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
