import { api, describeError } from '../api/index.js';
import type { ModelSummaryData } from './results.svelte.js';

/**
 * The model summary of a spec being edited: asked of the Node side a moment after the spec last changed
 * (debounced), the newest answer winning. Failures are kept as a message for the panel, not the banner.
 */
export class SpecSummary {
  summary = $state.raw<ModelSummaryData | null>(null);
  error = $state<string | null>(null);
  pending = $state(false);
  /**
   * The Node side's refusal of a spec that passes the form's own checks (data, task, engine, dry-run build:
   * what only the Node side can check), or null. Starting such a spec would be refused too.
   */
  refusal = $state<string | null>(null);

  private readonly delayMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastKey = '';
  private seq = 0;

  constructor(delayMs = 500) {
    this.delayMs = delayMs;
  }

  /** Summarises `spec` (a plain JSON value) after the debounce unless it is the spec summarised last. */
  request(spec: unknown): void {
    const key = JSON.stringify(spec);
    if (key === this.lastKey && !this.pending) return;
    this.lastKey = key;
    this.cancelTimer();
    this.pending = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fetch(spec, ++this.seq);
    }, this.delayMs);
  }

  /** The spec does not validate: drop any request in flight and say why there is no summary. */
  hold(reason: string): void {
    this.cancelTimer();
    this.seq++;
    this.lastKey = '';
    this.pending = false;
    this.summary = null;
    this.error = reason;
    this.refusal = null;
  }

  dispose(): void {
    this.cancelTimer();
    this.seq++;
  }

  private async fetch(spec: unknown, seq: number): Promise<void> {
    try {
      const summary = await api.call('modelSummary', { spec });
      if (seq !== this.seq) return;
      this.summary = summary;
      this.error = null;
      this.refusal = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.summary = null;
      this.error = describeError(error).message;
      this.refusal = this.error;
    } finally {
      if (seq === this.seq) this.pending = false;
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
