import { LabError } from '../contract/errors.js';
import type { ExperimentSummary } from '../contract/results.js';
import type { PurgeReport } from '../store/experiment-store.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { describeOwner, type ExperimentService } from './experiment-service.js';

/** Label edits of {@link ExperimentAdmin.edit}: fields left out stay as they are. */
export interface ExperimentEdits {
  readonly description?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly notes?: string | undefined;
  readonly starred?: boolean | undefined;
}

/**
 * Managing stored experiments: rename, description, tags, notes, star, soft delete / restore, purge. The CLI and
 * the API both call this, so both refuse the same things with the same line: a taken name, a shared name given
 * where an id is needed, deleting or purging a running experiment.
 */
export class ExperimentAdmin {
  constructor(
    private readonly store: ExperimentStore,
    private readonly service: ExperimentService,
    /** Whether this process runs the experiment now (the app's run manager; the store's leases cover the rest). */
    private readonly runsHere: (experimentId: number) => boolean = () => false,
  ) {}

  /** The experiment's id, by id or by name (deleted ones too: restore and purge name them). */
  id(ref: string | number): number {
    return this.service.experiment(ref, { includeDeleted: true }).id;
  }

  /** Renames (names are unique per database); returns the list entry. */
  rename(ref: string | number, name: string): ExperimentSummary {
    const id = this.id(ref);
    this.store.rename(id, name);
    return this.service.summary(id);
  }

  /** Applies label edits; returns the list entry. */
  edit(ref: string | number, edits: ExperimentEdits): ExperimentSummary {
    const id = this.id(ref);
    if (edits.description !== undefined) this.store.setDescription(id, edits.description);
    if (edits.tags !== undefined) this.store.setTags(id, edits.tags);
    if (edits.notes !== undefined) this.store.setNotes(id, edits.notes);
    if (edits.starred !== undefined) this.store.setStarred(id, edits.starred);
    return this.service.summary(id);
  }

  /** Adds and removes tags (the rest stay); returns the list entry. */
  tag(ref: string | number, add: readonly string[], remove: readonly string[]): ExperimentSummary {
    const id = this.id(ref);
    const drop = new Set(remove.map((t) => t.trim()));
    const current = this.service.summary(id).tags;
    return this.edit(id, { tags: [...current.filter((t) => !drop.has(t)), ...add] });
  }

  /** Soft-deletes (hidden from lists; results kept until purge); refuses a running experiment. */
  softDelete(ref: string | number): ExperimentSummary {
    const id = this.id(ref);
    this.refuseRunning(id, 'delete');
    this.store.softDelete(id);
    return this.service.summary(id);
  }

  restore(ref: string | number): ExperimentSummary {
    const id = this.id(ref);
    this.store.restore(id);
    return this.service.summary(id);
  }

  /** Removes the experiment and everything it owns, then VACUUM; refuses a running experiment. */
  purge(ref: string | number): PurgeReport {
    const id = this.id(ref);
    this.refuseRunning(id, 'purge');
    return this.store.purge(id);
  }

  /** LabError naming who runs it when the experiment is running here or in another live process. */
  private refuseRunning(id: number, verb: string): void {
    const held = this.store.heldTrials(id);
    if (!this.runsHere(id) && held.length === 0) return;
    const where = held.length ? ` in ${[...new Set(held.map((h) => describeOwner(h.owner, h.pid)))].join(', ')}` : '';
    throw new LabError('REQUEST_INVALID', `experiment #${id} is running${where}; cancel it (or let it finish) before you ${verb} it`);
  }
}
