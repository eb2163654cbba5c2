import type { ModelRequest } from '../../engine/sequence-model.js';
import type { FusedOptions } from '../../engine/fused/model.js';

/** Slots of the shared control array of a data-parallel model. */
export const enum Ctrl {
  /** Incremented by the main thread to start a step (or to stop, with Stop set). */
  Generation = 0,
  /** Workers that finished the current step. */
  Done = 1,
  /** Rows in the current batch. */
  Rows = 2,
  /** 1 when the workers should exit. */
  Stop = 3,
  /** What the current step is: {@link Mode}. */
  Mode = 4,
  /** Set by a worker whose share threw (its message is in `failure`); the main thread throws it after the step. */
  Failed = 5,
}

/** Slots of the control array. */
export const CONTROL_SLOTS = 6;
/** Bytes of the shared buffer a failing worker writes its error message into (UTF-8, zero-padded). */
export const FAILURE_BYTES = 1024;

/** The work of a step: loss and gradients of each share's rows, or their forward pass only (outputs). */
export const enum Mode {
  Train = 0,
  Predict = 1,
}

/** What a data-parallel worker receives: its replica's request and the shared buffers. */
export interface WorkerSetup {
  /** The replica's request (batch size = the largest share). */
  readonly request: ModelRequest;
  readonly options: Omit<FusedOptions, 'buffers'>;
  /** This worker's share index (1..shares−1; share 0 is the main thread). */
  readonly share: number;
  readonly shares: number;
  readonly control: SharedArrayBuffer;
  readonly params: SharedArrayBuffer;
  readonly grads: SharedArrayBuffer;
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly losses: SharedArrayBuffer;
  /** The model's outputs of a predict step, row-major [rows, output steps, outputs] (float64). */
  readonly outputs: SharedArrayBuffer;
  /** {@link FAILURE_BYTES} bytes: the message of a share that threw. */
  readonly failure: SharedArrayBuffer;
}

/** Rows [start, end) of share `s` of `shares` in a batch of `n` rows. */
export function shareRows(n: number, s: number, shares: number): [number, number] {
  return [Math.floor((s * n) / shares), Math.floor(((s + 1) * n) / shares)];
}
