import type { BuiltinSpec, LabEvent, MethodInput } from '../../src-main/contract/api.js';
import type { ExperimentSummary } from '../../src-main/contract/results.js';
import { api } from '../api/index.js';
import { DEFAULT_SORT, filterAndSort, NO_FILTER, type ListFilter, type ListSort, type SortKey } from '../tables/experiment-list.js';
import { attempt } from './errors.svelte.js';

type Edits = Omit<MethodInput<'editExperiment'>, 'experimentId'>;

/** The experiments page's data: built-in specs, the database's experiments (filtered, sorted), the compare selection. */
class ExperimentsState {
  list = $state.raw<ExperimentSummary[]>([]);
  builtins = $state.raw<BuiltinSpec[]>([]);
  loaded = $state(false);
  loading = $state(false);
  /** Experiment ids ticked for comparison, in the order they were ticked. */
  selected = $state<number[]>([]);
  filter = $state<ListFilter>({ ...NO_FILTER });
  sort = $state<ListSort>({ ...DEFAULT_SORT });
  /** Whether soft-deleted experiments are listed too (to restore them). */
  showDeleted = $state(false);
  /** The rows shown: the list through the filter and the sort. */
  shown: ExperimentSummary[] = $derived(filterAndSort(this.list, this.filter, this.sort));
  private timer: ReturnType<typeof setTimeout> | null = null;

  private fetchList() {
    return api.call('listExperiments', { includeDeleted: this.showDeleted });
  }

  /** Loads both lists (errors go to the banner). */
  async load(): Promise<void> {
    this.loading = true;
    const [list, builtins] = await Promise.all([
      attempt(() => this.fetchList(), 'Loading experiments'),
      this.builtins.length ? Promise.resolve(this.builtins) : attempt(() => api.call('listBuiltins', {}), 'Loading built-in experiments'),
    ]);
    if (list) this.list = list;
    if (builtins) this.builtins = builtins;
    this.loading = false;
    this.loaded = true;
  }

  /** Reloads the list shortly (coalesces bursts of events). */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void attempt(() => this.fetchList(), 'Refreshing experiments').then((list) => {
        if (list) this.list = list;
      });
    }, 400);
  }

  /** Keeps counts and statuses current while runs progress (epoch events are ignored: too frequent). */
  onEvent(event: LabEvent): void {
    if (event.type !== 'epochs' && this.loaded) this.refreshSoon();
  }

  toggle(id: number, on: boolean): void {
    const rest = this.selected.filter((x) => x !== id);
    this.selected = on ? [...rest, id] : rest;
  }

  /** Sorts by a column: a new column ascending (numbers and dates newest/largest first), the same one reversed. */
  sortBy(key: SortKey): void {
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: key === 'id' || key === 'created' || key === 'starred' };
  }

  setShowDeleted(on: boolean): void {
    this.showDeleted = on;
    void this.load();
  }

  /** Puts a changed entry in place (the server's answer to an edit). */
  private replace(entry: ExperimentSummary): void {
    this.list = this.list.map((e) => (e.id === entry.id ? entry : e));
  }

  /** Renames; true when it worked (a taken name goes to the banner, naming the experiment that has it). */
  async rename(id: number, name: string): Promise<boolean> {
    const out = await attempt(() => api.call('renameExperiment', { experimentId: id, name }), `Renaming #${id}`);
    if (out) this.replace(out);
    return out !== undefined;
  }

  /** Saves label edits (description, tags, notes, star); true when it worked. */
  async edit(id: number, edits: Edits): Promise<boolean> {
    const out = await attempt(() => api.call('editExperiment', { experimentId: id, ...edits }), `Saving #${id}`);
    if (out) this.replace(out);
    return out !== undefined;
  }

  /** Soft-deletes: gone from the list (unless deleted ones are shown) and from the compare selection. */
  async remove(id: number): Promise<boolean> {
    const out = await attempt(() => api.call('deleteExperiment', { experimentId: id }), `Deleting #${id}`);
    if (!out) return false;
    this.selected = this.selected.filter((x) => x !== id);
    this.list = this.showDeleted ? this.list.map((e) => (e.id === id ? out : e)) : this.list.filter((e) => e.id !== id);
    return true;
  }

  /** Purges a deleted experiment for good (trials, curves, predictions, weights; the database is vacuumed). */
  async purge(id: number): Promise<boolean> {
    const out = await attempt(() => api.call('purgeExperiment', { experimentId: id }), `Purging #${id}`);
    if (!out) return false;
    this.selected = this.selected.filter((x) => x !== id);
    this.list = this.list.filter((e) => e.id !== id);
    return true;
  }

  async restore(id: number): Promise<void> {
    const out = await attempt(() => api.call('restoreExperiment', { experimentId: id }), `Restoring #${id}`);
    if (out) this.replace(out);
  }
}

export const experiments = new ExperimentsState();
