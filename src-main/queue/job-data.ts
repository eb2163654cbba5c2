import type { LabErrorCode, LabErrorData } from '../contract/errors.js';
import type { RanBy, TrialOutcome } from '../contract/results.js';
import type { RunnerEvent, TrialTask } from '../runner/events.js';

// What desk and workers exchange through Redis. Everything here is JSON (BullMQ stores job data, progress and return
// values as JSON strings); outcomes go through outcome-codec.ts so float64 weights and NaN survive bit for bit.

/** A trial job as the desk enqueues it. */
export interface TrialJobData {
  readonly task: TrialTask;
  /** The desk's code hash (code-hash.ts): a worker running other code refuses the job. */
  readonly codeHash: string;
  /** Which desk enqueued it (its lease owner id), for the logs of workers. */
  readonly desk: string;
}

/** The runner events a worker reports live. */
export type LiveEvent = Extract<RunnerEvent, { type: 'trial-started' | 'epochs' }>;
export type EpochsEvent = Extract<RunnerEvent, { type: 'epochs' }>;

/** A progress report of one attempt: a trial-started or epochs event (outcome-codec's encodeValue), and whose. */
export interface TrialJobProgress {
  readonly attempt: string;
  readonly event: string;
}

/**
 * What a finished attempt hands the desk: the outcome, and every epochs event it sent, so the desk stores the whole
 * curve even when live progress was missed (a reconnect, a desk that was away).
 */
export interface TrialJobPayload {
  readonly outcome: TrialOutcome;
  readonly epochs: readonly EpochsEvent[];
}

/** What a worker returns: the encoded payload inline when small, else the list key holding it in chunks. */
export interface TrialJobResult {
  readonly ranBy: RanBy;
  readonly payload?: string;
  readonly chunks?: { readonly key: string; readonly count: number; readonly bytes: number };
}

/** Set by the desk to stop a running job; the worker polls it while the trial trains. */
export const cancelKey = (jobId: string): string => `rnnlab:cancel:${jobId}`;
/** A Redis list holding one attempt's encoded outcome in chunks. */
export const resultKey = (jobId: string, attempt: string): string => `rnnlab:result:${jobId}:${attempt}`;
/** A worker's heartbeat hash (name, host, cores, tier, trials done, current trial), expiring when it stops. */
export const workerKey = (name: string): string => `rnnlab:worker:${name}`;
/** Pattern matching every worker heartbeat key. */
export const WORKER_KEYS = 'rnnlab:worker:*';

/** The job id of a trial: the desk's database tag and the trial id, so a re-enqueue of the same trial dedupes. */
export const jobIdOf = (dbTag: string, trialId: number): string => `${dbTag}-t${trialId}`;

const CODES: readonly LabErrorCode[] = [
  'SPEC_INVALID', 'DATA_INVALID', 'FILE_NOT_FOUND', 'NOT_FOUND', 'STORE_INVALID', 'BACKEND_UNAVAILABLE',
  'ENGINE_UNSUPPORTED', 'REQUEST_INVALID', 'TRAINING_FAILED', 'INTERNAL',
];

/** The message of a job the desk cancelled. */
export const CANCELLED = 'cancelled by the desk';

/** A failed job's reason as BullMQ keeps it: `CODE: message`. */
export const failureReason = (error: LabErrorData): string => `${error.code}: ${error.message}`;

/** Back from `CODE: message`; a reason without a known code (a crash, a stall) is INTERNAL, said as such. */
export function failureData(reason: string): LabErrorData {
  const m = /^([A-Z_]+): ([\s\S]*)$/.exec(reason);
  if (m && (CODES as readonly string[]).includes(m[1]!)) return { code: m[1] as LabErrorCode, message: m[2]! };
  return { code: 'INTERNAL', message: `the queue worker failed: ${reason}` };
}
