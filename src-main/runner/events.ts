import type { LabErrorData } from '../contract/errors.js';
import type { ExperimentSpec } from '../contract/spec.js';
import type { RanBy, TrialOutcome } from '../contract/results.js';
import type { FoldRef } from './tasks/types.js';

/** Everything a worker needs to run one trial. Plain data (structured-clone safe). */
export interface TrialTask {
  readonly trialId: number;
  /** The configuration's full spec; `data.path` is absolute. */
  readonly config: ExperimentSpec;
  readonly seed: number;
  /** Cross-validation: the fold this trial holds out and how its repeat's folds were drawn (omitted otherwise). */
  readonly fold?: FoldRef;
  /**
   * Threads this trial may train on (default 1). The pool sets it when it starts the task (its idle cores); above 1
   * an eligible model trains data-parallel (runner/data-parallel/eligibility.ts), any other on one thread.
   */
  readonly threads?: number;
}

/** Events a running trial emits, in order: started, epochs*, then done | failed | interrupted. */
export type RunnerEvent =
  | { readonly type: 'trial-started'; readonly trialId: number; readonly engine: string }
  | {
      readonly type: 'epochs';
      readonly trialId: number;
      /** 1-based epoch numbers and their losses, batched (a worker sends at most ~10 messages a second). */
      readonly epochs: readonly number[];
      readonly losses: readonly number[];
      /** Other per-epoch metrics (validation loss, accuracy, …), aligned with `epochs`. */
      readonly extra?: Readonly<Record<string, readonly number[]>>;
      readonly totalEpochs: number;
    }
  /** Progress within the running epoch (at most a few a second): its 1-based number and the fraction of its rows trained. */
  | { readonly type: 'epoch-progress'; readonly trialId: number; readonly epoch: number; readonly fraction: number }
  /** `ranBy`: the queue worker that ran it (absent for local threads). */
  | { readonly type: 'trial-done'; readonly trialId: number; readonly outcome: TrialOutcome; readonly ranBy?: RanBy }
  | { readonly type: 'trial-failed'; readonly trialId: number; readonly error: LabErrorData }
  | { readonly type: 'trial-interrupted'; readonly trialId: number };

/** What the worker function resolves to: the outcome, or the error as data (class identity does not cross threads). */
export type TrialReply = { readonly ok: true; readonly outcome: TrialOutcome } | { readonly ok: false; readonly error: LabErrorData };

/** The last message a worker sends on a trial's port: everything before it has been delivered. */
export const END_OF_EVENTS = 'end-of-events';
