import { api, describeError } from '../api/index.js';
import { copyDescription } from './duplicate.js';
import { attempt } from './errors.svelte.js';
import { specIssues, type FieldIssue } from './spec-issues.js';
import { getAt, setAt, type Path } from './spec-paths.js';

type Json = Record<string, unknown>;

/** A spec being edited: the JSON object, its validation problems, and the raw-JSON text while it is typed. */
export class SpecDraft {
  spec = $state<Json>({});
  /** Where it came from, shown in the editor's heading. */
  readonly origin: string;
  /** Text of the raw JSON box while the user types in it (null: show the spec). */
  rawText = $state<string | null>(null);
  rawError = $state<string | null>(null);
  issues: FieldIssue[] = $derived(specIssues(this.spec));

  /**
   * The name gets `-copy`. `copyOf` names what is duplicated (`#3`, `shampoo-lstm`): the description then says it
   * is a copy ("copy of #3: LSTM(4) …"), so an edited duplicate never carries the original's description unmarked.
   */
  constructor(spec: unknown, origin: string, copyOf?: string) {
    const copy = structuredClone(spec ?? {}) as Json;
    if (typeof copy.name === 'string') copy.name = `${copy.name}-copy`.slice(0, 120);
    if (copyOf !== undefined) copy.description = copyDescription(copyOf, typeof copy.description === 'string' ? copy.description : '');
    this.spec = copy;
    this.origin = origin;
  }

  get(path: Path): unknown {
    return getAt(this.spec, path);
  }

  set(path: Path, value: unknown): void {
    setAt(this.spec, path, value);
  }

  /** The problems reported exactly at `path` (formatted like `training.epochs`). */
  issuesAt(path: string): FieldIssue[] {
    return this.issues.filter((i) => i.path === path);
  }

  /** The JSON shown in the raw box. */
  get jsonText(): string {
    return this.rawText ?? JSON.stringify(this.spec, null, 2);
  }

  /** Takes the raw box's text; a parsable object replaces the spec (so the form follows). */
  typeJson(text: string): void {
    this.rawText = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        this.rawError = 'the spec must be a JSON object { … }';
        return;
      }
      this.spec = parsed as Json;
      this.rawError = null;
    } catch (error) {
      this.rawError = `not valid JSON: ${(error as Error).message}`;
    }
  }

  /** Leaves the raw box: show the spec again (formatted) unless the text does not parse. */
  blurJson(): void {
    if (!this.rawError) this.rawText = null;
  }
}

/** The editor's current draft, kept across page changes. */
class Editor {
  draft = $state<SpecDraft | null>(null);
  starting = $state(false);
  /**
   * Why the last Start was refused (shown beside the Start button, where the person is looking — the banner at
   * the top of the page may be off-screen); cleared by the next Start or a new draft.
   */
  startError = $state<string | null>(null);

  /** Opens a spec in the editor; `copyOf` marks it a duplicate of that (see {@link SpecDraft}). */
  open(spec: unknown, origin: string, copyOf?: string): void {
    this.draft = new SpecDraft(spec, origin, copyOf);
    this.startError = null;
  }

  /** Duplicates a stored experiment's spec (every default filled in; its current name and description). */
  async duplicate(experimentId: number, name: string): Promise<void> {
    const spec = await attempt(() => api.call('getSpec', { experimentId }), `Loading the spec of #${experimentId}`);
    if (spec) this.open(spec, `#${experimentId} ${name}`, `#${experimentId}`);
  }

  close(): void {
    this.draft = null;
  }

  /** Stores and starts the draft; returns the new experiment id. */
  async start(): Promise<number | undefined> {
    if (!this.draft) return undefined;
    this.starting = true;
    this.startError = null;
    const spec = $state.snapshot(this.draft.spec);
    try {
      return (await api.call('startExperiment', { spec })).experimentId;
    } catch (error) {
      this.startError = describeError(error).message;
      return undefined;
    } finally {
      this.starting = false;
    }
  }
}

export const editor = new Editor();
