import type { ExperimentDetails } from '../contract/results.js';
import type { Table } from './tables.js';

/** Per-repeat table: configuration, repeat, seed, status, metrics, seconds, engine, backend. */
export function trialsTable(details: ExperimentDetails): Table {
  return {
    title: `${details.experiment.name} (#${details.experiment.id}): repeats`,
    columns: ['config', 'repeat', 'seed', 'status', ...details.metrics, 'seconds', 'engine', 'backend'],
    rows: details.trials.map((t) => [
      details.configs[t.configIndex] ?? String(t.configIndex),
      t.repeatIndex + 1,
      t.seed,
      t.status,
      ...details.metrics.map((m) => t.metrics[m] ?? null),
      t.durationMs === null ? null : t.durationMs / 1000,
      t.engine,
      t.backend,
    ]),
  };
}
