import { describe, expect, it } from 'vitest';
import type { ExperimentDetails } from '../../src-main/contract/results.js';
import { describeColumns, describeRows, repeatColumns, repeatRows, trialColumns } from './results-tables.js';

const summary = { count: 3, mean: 2, std: 1, sem: 0.577, ciLow: -0.48, ciHigh: 4.48, min: 1, q25: 1.5, q50: 2, q75: 2.5, max: 3 };
const details = {
  experiment: { id: 1, name: 'x', status: 'done', createdAt: '', trialsDone: 3, trialsTotal: 3, headline: 'rmse', mean: 2, std: 1, description: '', specSource: null, repeats: 3, epochs: 5, dataChanged: [], task: 'forecast' as const, epochMetrics: ['loss'], tags: [], notes: '', starred: false, deletedAt: null, best: null, grid: {} },
  configs: ['default'],
  metrics: ['rmse', 'mae'],
  trials: [{ id: 1, experimentId: 1, configIndex: 0, repeatIndex: 0, fold: null, seed: 7, splitSeed: null, status: 'done', engine: 'fused', backend: 'js-f64', startedAt: null, finishedAt: null, durationMs: 1234, error: null, attempts: 1, metrics: { rmse: 1.23456, mae: 1 } }],
  summaries: [{ configIndex: 0, metric: 'rmse', summary }],
  repeatSummaries: [],
  baselines: [{ configIndex: 0, name: 'persistence', metrics: { rmse: 4.5 } }],
} satisfies ExperimentDetails;

describe('results tables', () => {
  it('cross-validation: one row per repeat with the spread over its folds, in repeat order, for the chosen metric', () => {
    const cv = {
      ...details,
      repeatSummaries: [
        { configIndex: 0, repeatIndex: 1, metric: 'rmse', summary: { ...summary, count: 5, mean: 2.5 } },
        { configIndex: 0, repeatIndex: 0, metric: 'rmse', summary: { ...summary, count: 5 } },
        { configIndex: 0, repeatIndex: 0, metric: 'mae', summary },
      ],
    };
    const rows = repeatRows(cv, 'rmse');
    expect(rows.map((r) => r.repeatIndex)).toEqual([0, 1]);
    const cols = repeatColumns(cv);
    expect(cols.map((c) => c.label)).toEqual(['repeat', 'folds', 'mean over folds', 'std', 'min', 'max']);
    expect(cols.map((c) => c.value(rows[1]!))).toEqual(['2', '5', '2.500', '1.000', '1.000', '3.000']);
  });

  it('lays describe() out a row per statistic with the baseline last', () => {
    const rows = describeRows(details, 'rmse');
    expect(rows.map((r) => r.stat)).toEqual(['count', 'mean', 'std', 'sem', '95% CI low', '95% CI high', 'min', '25%', '50%', '75%', 'max', 'baseline: persistence']);
    const cols = describeColumns(details.configs);
    expect(cols.map((c) => c.label)).toEqual(['statistic', 'default']);
    expect(cols[1]!.value(rows[0]!)).toBe('3');
    expect(cols[1]!.value(rows[3]!)).toBe('0.577');
    expect(cols[1]!.value(rows.at(-1)!)).toBe('4.500');
  });

  it('formats the per-repeat table with three decimals', () => {
    const cols = trialColumns(details);
    const t = details.trials[0]!;
    expect(cols.map((c) => c.label)).toEqual(['repeat', 'status', 'seed', 'rmse', 'mae', 'duration', 'engine', 'backend', 'threads']);
    expect(cols.map((c) => c.value(t))).toEqual(['1', 'done', '7', '1.235', '1.000', '1.2 s', 'fused', 'js-f64', '—']);
    expect(cols.at(-1)!.value({ ...t, threads: 2 })).toBe('2');
  });

  it('shows the held-out fold of cross-validated trials beside the repeat', () => {
    const cv = { ...details, trials: [{ ...details.trials[0]!, repeatIndex: 1, fold: 3, splitSeed: 99 }] };
    const cols = trialColumns(cv);
    expect(cols.map((c) => c.label).slice(0, 3)).toEqual(['repeat', 'fold', 'status']);
    expect(cols.map((c) => c.value(cv.trials[0]!)).slice(0, 3)).toEqual(['2', '4', 'done']);
  });
});
