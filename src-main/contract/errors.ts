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
  | 'TRAINING_FAILED'
  /** A bug in RNN Lab (not the user's input): reported with its message so it can be fixed. */
  | 'INTERNAL';

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
    message = capMessage(message);
    details = details?.slice(0, MAX_DETAILS).map(capMessage);
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

const CODES: ReadonlySet<string> = new Set<LabErrorCode>([
  'SPEC_INVALID', 'DATA_INVALID', 'FILE_NOT_FOUND', 'NOT_FOUND', 'STORE_INVALID', 'BACKEND_UNAVAILABLE',
  'ENGINE_UNSUPPORTED', 'REQUEST_INVALID', 'TRAINING_FAILED', 'INTERNAL',
] satisfies LabErrorCode[]);

/** True for objects shaped like {@link LabErrorData} (e.g. after a structured clone): one of our codes and a message. */
export function isLabErrorData(value: unknown): value is LabErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    CODES.has((value as { code?: unknown }).code as string) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Longest message and detail line kept: a 10 MB junk file must not produce a 2 MB error line. */
export const MAX_MESSAGE = 400;
const MAX_DETAILS = 50;

/** The first line of `text`, cut to {@link MAX_MESSAGE} characters (with an ellipsis when cut). */
export function capMessage(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** Node's system errors (fs, net) as they arrive: a code such as ENOENT and usually the path. */
interface SystemError {
  readonly code: string;
  readonly path?: string;
  readonly syscall?: string;
}
const isSystemError = (e: unknown): e is SystemError =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((e as { code: string }).code);

const SYSTEM_MESSAGES: Readonly<Record<string, { code: LabErrorCode; text: string }>> = {
  ENOENT: { code: 'FILE_NOT_FOUND', text: 'no such file or folder; check the path' },
  EISDIR: { code: 'FILE_NOT_FOUND', text: 'is a folder, not a file; give the file inside it' },
  ENOTDIR: { code: 'FILE_NOT_FOUND', text: 'a part of this path is a file, not a folder; check the path' },
  // mkdir of a folder whose name a file already has (e.g. --db some-file/lab.db).
  EEXIST: { code: 'FILE_NOT_FOUND', text: 'is a file where a folder is needed; check the path' },
  EACCES: { code: 'FILE_NOT_FOUND', text: 'permission denied; make it readable (or writable) by you' },
  EPERM: { code: 'FILE_NOT_FOUND', text: 'operation not permitted; check its permissions' },
  EMFILE: { code: 'INTERNAL', text: 'too many open files; close other programs or raise the limit (ulimit -n)' },
  ENOSPC: { code: 'INTERNAL', text: 'no space left on the disk; free some space' },
  EROFS: { code: 'FILE_NOT_FOUND', text: 'the file system is read-only; choose a writable place' },
};

/**
 * Any thrown value as a {@link LabError}: LabErrors as they are; Node system errors (EISDIR, EACCES, ENOENT, …)
 * as one line naming the path and the fix; anything else is a bug, code 'INTERNAL', with its first line.
 * `path` names the file when the error does not (e.g. a read by file descriptor).
 */
export function toLabError(error: unknown, path?: string): LabError {
  if (error instanceof LabError) return error;
  if (isLabErrorData(error)) return LabError.fromData(error);
  if (isSystemError(error)) {
    const known = SYSTEM_MESSAGES[error.code];
    const where = error.path ?? path ?? error.syscall ?? 'file';
    return new LabError(known?.code ?? 'FILE_NOT_FOUND', `${where}: ${known?.text ?? `${error.code}; check the path and its permissions`}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LabError('INTERNAL', `internal error (a bug in RNN Lab; please report it): ${message}`);
}

/**
 * A value from a user's file, quoted for a message: cut to 24 characters, and never echoed when it is not
 * printable text (a binary or foreign file's bytes do not belong in an error line).
 */
export function quoteValue(value: string): string {
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value)) return '(binary data)';
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
}

/** Names from a user's file (e.g. CSV columns) for a message: at most `max`, each quoted by {@link quoteValue}. */
export function listValues(values: readonly string[], max = 8): string {
  const shown = values.slice(0, max).map(quoteValue).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
