import type { ExperimentStatus, ExperimentSummary } from '../../src-main/contract/results.js';
import type { TaskKind } from '../../src-main/contract/spec.js';

/** What the experiments list shows: a search text and filters (empty = any). */
export interface ListFilter {
  /** Words that must each appear in the name, description, tags or notes (case-insensitive). */
  readonly text: string;
  readonly tag: string;
  readonly task: TaskKind | '';
  readonly status: ExperimentStatus | '';
  /** Created on or after / on or before these days (`YYYY-MM-DD`, local time), '' for no bound. */
  readonly from: string;
  readonly to: string;
  readonly starredOnly: boolean;
}

export const NO_FILTER: ListFilter = { text: '', tag: '', task: '', status: '', from: '', to: '', starredOnly: false };

/** What the edit form of one experiment saves. */
export interface LabelEdits {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly notes: string;
}

/** The columns the list sorts by. */
export type SortKey = 'starred' | 'id' | 'name' | 'task' | 'status' | 'repeats' | 'headline' | 'created' | 'tags';
export interface ListSort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** Newest first, as the store lists them. */
export const DEFAULT_SORT: ListSort = { key: 'id', descending: true };

/** A local day `YYYY-MM-DD` of an ISO time (what a date input holds). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whether an experiment passes the filter. */
export function matches(e: ExperimentSummary, f: ListFilter): boolean {
  if (f.tag && !e.tags.includes(f.tag)) return false;
  if (f.task && e.task !== f.task) return false;
  if (f.status && e.status !== f.status) return false;
  if (f.starredOnly && !e.starred) return false;
  const day = localDay(e.createdAt);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  const haystack = `${e.name}\n${e.description}\n${e.tags.join(' ')}\n${e.notes}`.toLowerCase();
  return f.text.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/**
 * The sort value of a column: numbers compare as numbers, text by locale; the headline sorts by its mean
 * (experiments without one go last whichever the direction).
 */
function sortValue(e: ExperimentSummary, key: SortKey): number | string | null {
  switch (key) {
    case 'starred':
      return e.starred ? 1 : 0;
    case 'id':
      return e.id;
    case 'name':
      return e.name;
    case 'task':
      return e.task;
    case 'status':
      return e.status;
    case 'repeats':
      return e.trialsTotal ? e.trialsDone / e.trialsTotal : 0;
    case 'headline':
      return e.mean;
    case 'created':
      return e.createdAt;
    case 'tags':
      return e.tags.join(', ');
  }
}

/** The experiments that pass `filter`, sorted by `sort` (ties keep newest first). */
export function filterAndSort(list: readonly ExperimentSummary[], filter: ListFilter, sort: ListSort): ExperimentSummary[] {
  const sign = sort.descending ? -1 : 1;
  return list
    .filter((e) => matches(e, filter))
    .sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      if (x === null || y === null) return x === y ? b.id - a.id : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return c !== 0 ? sign * c : b.id - a.id;
    });
}

/** Every tag in use, sorted (the tag filter's choices). */
export function allTags(list: readonly ExperimentSummary[]): string[] {
  return [...new Set(list.flatMap((e) => e.tags))].sort();
}

/** `a, b ,, c` → ['a', 'b', 'c']: the tags field of the edit form. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}
