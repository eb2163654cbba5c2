import type { ExperimentDetails } from '../contract/results.js';
import type { Table } from './tables.js';

/**
 * Per-repeat table: configuration, repeat (and fold, cross-validated), seed, status, metrics, seconds, engine,
 * backend and the threads it trained on (2+: data-parallel).
 */
export function trialsTable(details: ExperimentDetails): Table {
  const cv = details.trials.some((t) => t.fold !== null);
  return {
    title: `${details.experiment.name} (#${details.experiment.id}): ${cv ? 'trials (repeat × fold)' : 'repeats'}`,
    columns: ['config', 'repeat', ...(cv ? ['fold'] : []), 'seed', 'status', ...details.metrics, 'seconds', 'engine', 'backend', 'threads'],
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
      t.threads ?? null,
    ]),
  };
}
