import type { ExperimentDetails, Summary, TrialRecord } from '../../src-main/contract/results.js';
import { fmt, fmtDuration } from '../charts/format.js';
import type { Column } from '../components/table.js';

/** One describe() statistic as a row: its name and a value per configuration. */
export interface StatRow {
  readonly stat: string;
  readonly values: readonly (number | null)[];
}

const STATS: readonly [string, (s: Summary) => number][] = [
  ['count', (s) => s.count],
  ['mean', (s) => s.mean],
  ['std', (s) => s.std],
  ['sem', (s) => s.sem],
  ['95% CI low', (s) => s.ciLow],
  ['95% CI high', (s) => s.ciHigh],
  ['min', (s) => s.min],
  ['25%', (s) => s.q25],
  ['50%', (s) => s.q50],
  ['75%', (s) => s.q75],
  ['max', (s) => s.max],
];

/** describe() of `metric` in pandas layout (a row per statistic, a column per configuration), then baselines. */
export function describeRows(details: ExperimentDetails, metric: string): StatRow[] {
  const summaries = details.configs.map((_, c) => details.summaries.find((s) => s.configIndex === c && s.metric === metric)?.summary ?? null);
  const rows: StatRow[] = STATS.map(([stat, get]) => ({ stat, values: summaries.map((s) => (s ? get(s) : null)) }));
  const names = [...new Set(details.baselines.map((b) => b.name))];
  for (const name of names) {
    rows.push({
      stat: `baseline: ${name}`,
      values: details.configs.map((_, c) => details.baselines.find((b) => b.configIndex === c && b.name === name)?.metrics[metric] ?? null),
    });
  }
  return rows;
}

/** Columns of {@link describeRows}: the statistic, then one per configuration. */
export function describeColumns(configs: readonly string[]): Column<StatRow>[] {
  return [
    { key: 'stat', label: 'statistic', value: (r) => r.stat },
    ...configs.map((label, i) => ({
      key: `c${i}`,
      label,
      numeric: true,
      value: (r: StatRow) => (r.stat === 'count' ? String(r.values[i] ?? '—') : fmt(r.values[i])),
    })),
  ];
}

/** Columns of the per-repeat table: repeat (and fold, cross-validated), config, status, seed, every metric, duration, engine, backend, threads. */
export function trialColumns(details: ExperimentDetails): Column<TrialRecord>[] {
  return [
    { key: 'repeat', label: 'repeat', numeric: true, value: (t) => String(t.repeatIndex + 1) },
    // Cross-validated trials: the held-out fold of the repeat (1-based).
    ...(details.trials.some((t) => t.fold !== null) ? [{ key: 'fold', label: 'fold', numeric: true, value: (t: TrialRecord) => (t.fold === null ? '—' : String(t.fold + 1)) }] : []),
    ...(details.configs.length > 1 ? [{ key: 'config', label: 'config', value: (t: TrialRecord) => details.configs[t.configIndex] ?? String(t.configIndex) }] : []),
    { key: 'status', label: 'status', value: (t) => t.status, title: (t) => t.error ?? undefined },
    { key: 'seed', label: 'seed', numeric: true, value: (t) => String(t.seed) },
    ...details.metrics.map((m) => ({ key: `m-${m}`, label: m, numeric: true, value: (t: TrialRecord) => fmt(t.metrics[m]) })),
    { key: 'duration', label: 'duration', numeric: true, value: (t) => fmtDuration(t.durationMs) },
    { key: 'engine', label: 'engine', value: (t) => t.engine ?? '—' },
    { key: 'backend', label: 'backend', value: (t) => t.backend ?? '—' },
    // Threads the trial trained on (2+: data-parallel over idle cores); — before it finished or from before they were recorded.
    { key: 'threads', label: 'threads', numeric: true, value: (t) => (t.threads == null ? '—' : String(t.threads)) },
  ];
}

/** One row per (configuration, repeat) of a cross-validated experiment: the spread of a metric over its folds. */
export type RepeatRow = ExperimentDetails['repeatSummaries'][number];

/** The per-repeat rows of `metric` (cross-validation; empty otherwise), by configuration then repeat. */
export function repeatRows(details: ExperimentDetails, metric: string): RepeatRow[] {
  return details.repeatSummaries.filter((r) => r.metric === metric).sort((a, b) => a.configIndex - b.configIndex || a.repeatIndex - b.repeatIndex);
}

/** Columns of the per-repeat table: repeat, configuration (a grid), folds done, mean, std, min and max over folds. */
export function repeatColumns(details: ExperimentDetails): Column<RepeatRow>[] {
  return [
    { key: 'repeat', label: 'repeat', numeric: true, value: (r) => String(r.repeatIndex + 1) },
    ...(details.configs.length > 1 ? [{ key: 'config', label: 'config', truncate: true, value: (r: RepeatRow) => details.configs[r.configIndex] ?? String(r.configIndex) }] : []),
    { key: 'folds', label: 'folds', numeric: true, value: (r) => String(r.summary.count) },
    { key: 'mean', label: 'mean over folds', numeric: true, value: (r) => fmt(r.summary.mean) },
    { key: 'std', label: 'std', numeric: true, value: (r) => fmt(r.summary.std) },
    { key: 'min', label: 'min', numeric: true, value: (r) => fmt(r.summary.min) },
    { key: 'max', label: 'max', numeric: true, value: (r) => fmt(r.summary.max) },
  ];
}
