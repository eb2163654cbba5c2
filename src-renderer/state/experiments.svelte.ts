import type { BuiltinSpec, LabEvent } from '../../src-main/contract/api.js';
import type { ExperimentSummary } from '../../src-main/contract/results.js';
import { api } from '../api/index.js';
import { attempt } from './errors.svelte.js';

/** The experiments page's data: built-in specs, the database's experiments, and the compare selection. */
class ExperimentsState {
  list = $state.raw<ExperimentSummary[]>([]);
  builtins = $state.raw<BuiltinSpec[]>([]);
  loaded = $state(false);
  loading = $state(false);
  /** Experiment ids ticked for comparison, in the order they were ticked. */
  selected = $state<number[]>([]);
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Loads both lists (errors go to the banner). */
  async load(): Promise<void> {
    this.loading = true;
    const [list, builtins] = await Promise.all([
      attempt(() => api.call('listExperiments', {}), 'Loading experiments'),
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
      void attempt(() => api.call('listExperiments', {}), 'Refreshing experiments').then((list) => {
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
}

export const experiments = new ExperimentsState();
