import type { CompareResult } from '../contract/api.js';
import type { ExperimentDetails } from '../contract/results.js';
import type { Table } from './tables.js';

/** Per-repeat table: configuration, repeat (and fold, cross-validated), seed, status, metrics, seconds, engine, backend. */
export function trialsTable(details: ExperimentDetails): Table {
  const cv = details.trials.some((t) => t.fold !== null);
  return {
    title: `${details.experiment.name} (#${details.experiment.id}): ${cv ? 'trials (repeat × fold)' : 'repeats'}`,
    columns: ['config', 'repeat', ...(cv ? ['fold'] : []), 'seed', 'status', ...details.metrics, 'seconds', 'engine', 'backend'],
    rows: details.trials.map((t) => [
      details.configs[t.configIndex] ?? String(t.configIndex),
      t.repeatIndex + 1,
      ...(cv ? [t.fold === null ? null : t.fold + 1] : []),
      t.seed,
      t.status,
      ...details.metrics.map((m) => t.metrics[m] ?? null),
      t.durationMs === null ? null : t.durationMs / 1000,
      t.engine,
      t.backend,
    ]),
  };
}

/** The comparison summary: n, mean, std, SEM, 95 % CI, min, quartiles, max, and the difference to the reference. */
export function compareTable(result: CompareResult): Table {
  return {
    title: `compare ${result.metric}`,
    columns: ['group', 'n', 'mean', 'std', 'sem', 'ci95_low', 'ci95_high', 'min', '25%', '50%', '75%', 'max', 'diff_to_ref', 'diff_ci_low', 'diff_ci_high', 'p_welch'],
    rows: result.groups.map((g, i) => {
      const s = g.summary;
      const d = result.differences[i]!;
      return [g.label, s.count, s.mean, s.std, s.sem, s.ciLow, s.ciHigh, s.min, s.q25, s.q50, s.q75, s.max, d.meanDiff, d.ciLow, d.ciHigh, i === result.reference ? null : d.pValue];
    }),
  };
}
