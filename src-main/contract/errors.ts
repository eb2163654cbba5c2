/** What kind of problem a {@link LabError} reports; the UI and CLI choose wording and exit codes by it. */
export type LabErrorCode =
  | 'SPEC_INVALID'
  | 'DATA_INVALID'
  | 'FILE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'STORE_INVALID'
  | 'BACKEND_UNAVAILABLE'
  | 'ENGINE_UNSUPPORTED'
  | 'REQUEST_INVALID'
  | 'TRAINING_FAILED';

/** A plain-data form of an error, safe to send over IPC, HTTP or a worker port. */
export interface LabErrorData {
  readonly code: LabErrorCode;
  /** One line: what is wrong, where (field path or file:line:column), and the fix. */
  readonly message: string;
  /** Each problem found, when there are several (e.g. every invalid spec field). */
  readonly details?: readonly string[];
}

/**
 * An error the user can act on: a code, a one-line message naming the field or line and the fix.
 * Bugs stay ordinary `Error`s; cancellation is not an error at all.
 */
export class LabError extends Error implements LabErrorData {
  readonly code: LabErrorCode;
  readonly details?: readonly string[];
  constructor(code: LabErrorCode, message: string, details?: readonly string[]) {
    super(message);
    this.name = 'LabError';
    this.code = code;
    if (details) this.details = details;
  }
  toData(): LabErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
  static fromData(data: LabErrorData): LabError {
    return new LabError(data.code, data.message, data.details);
  }
}

/** True for objects shaped like {@link LabErrorData} (e.g. after a structured clone). */
export function isLabErrorData(value: unknown): value is LabErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
