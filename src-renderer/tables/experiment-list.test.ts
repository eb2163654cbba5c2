import { describe, expect, it } from 'vitest';
import type { ExperimentSummary } from '../../src-main/contract/results.js';
import { allTags, DEFAULT_SORT, filterAndSort, NO_FILTER, parseTags } from './experiment-list.js';

const base: ExperimentSummary = {
  id: 1, name: 'x', status: 'done', createdAt: '2026-11-03T10:00:00', trialsDone: 3, trialsTotal: 3, headline: 'rmse', mean: 2, std: 1,
  task: 'forecast', description: '', tags: [], notes: '', starred: false, deletedAt: null, best: null,
};
const list: ExperimentSummary[] = [
  { ...base, id: 1, name: 'shampoo-lstm', mean: 120.5, tags: ['paper'], createdAt: '2026-11-01T10:00:00' },
  { ...base, id: 2, name: 'mnist-rnn', task: 'classification', headline: 'accuracy', mean: 0.95, status: 'interrupted', trialsDone: 1, createdAt: '2026-11-02T10:00:00' },
  { ...base, id: 3, name: 'shampoo-gru', mean: null, std: null, notes: 'GRU beats LSTM?', starred: true, tags: ['gru', 'paper'], createdAt: '2026-11-03T10:00:00' },
  { ...base, id: 10, name: 'Shampoo-lstm-2', mean: 99, description: 'LSTM(1) units', createdAt: '2026-11-04T10:00:00' },
];
const ids = (rows: ExperimentSummary[]) => rows.map((r) => r.id);

describe('experiments list: filter and sort', () => {
  it('searches name, description, tags and notes, every word, ignoring case', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'SHAMPOO' }, DEFAULT_SORT))).toEqual([10, 3, 1]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'lstm units' }, DEFAULT_SORT))).toEqual([10]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'beats' }, DEFAULT_SORT))).toEqual([3]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'paper' }, DEFAULT_SORT))).toEqual([3, 1]);
  });

  it('filters by tag, task, status, star and creation day (inclusive bounds)', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, tag: 'gru' }, DEFAULT_SORT))).toEqual([3]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, task: 'classification' }, DEFAULT_SORT))).toEqual([2]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, status: 'interrupted' }, DEFAULT_SORT))).toEqual([2]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, starredOnly: true }, DEFAULT_SORT))).toEqual([3]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, from: '2026-11-02', to: '2026-11-03' }, DEFAULT_SORT))).toEqual([3, 2]);
  });

  it('sorts by any column both ways; names naturally, numbers as numbers, missing headlines last', () => {
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'id', descending: false }))).toEqual([1, 2, 3, 10]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'name', descending: false }))).toEqual([2, 3, 1, 10]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'headline', descending: false }))).toEqual([2, 10, 1, 3]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'headline', descending: true }))).toEqual([1, 10, 2, 3]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'starred', descending: true }))).toEqual([3, 10, 2, 1]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'repeats', descending: false }))).toEqual([2, 10, 3, 1]);
    expect(ids(filterAndSort(list, NO_FILTER, { key: 'created', descending: true }))).toEqual([10, 3, 2, 1]);
  });

  it('lists the tags in use and reads a comma list of tags', () => {
    expect(allTags(list)).toEqual(['gru', 'paper']);
    expect(parseTags(' a, b ,, a,c d ')).toEqual(['a', 'b', 'c d']);
  });
});
