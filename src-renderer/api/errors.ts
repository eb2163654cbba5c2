import type { LabErrorData } from '../../src-main/contract/errors.js';

/** A failed API call: the server's error code (or a transport code such as NETWORK) and its one-line message. */
export class ApiError extends Error {
  readonly code: string;
  readonly details?: readonly string[];
  constructor(code: string, message: string, details?: readonly string[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details) this.details = details;
  }

  static fromData(data: LabErrorData | { code?: unknown; message?: unknown; details?: unknown }): ApiError {
    const code = typeof data.code === 'string' ? data.code : 'ERROR';
    const message = typeof data.message === 'string' ? data.message.split('\n')[0]! : 'unknown error';
    const details = Array.isArray(data.details) ? data.details.map(String) : undefined;
    return new ApiError(code, message, details);
  }
}

/** The code and one-line message of anything thrown. */
export function describeError(error: unknown): { code: string; message: string; details?: readonly string[] } {
  if (error instanceof ApiError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof Error) return { code: error.name || 'ERROR', message: error.message.split('\n')[0] ?? '' };
  return { code: 'ERROR', message: String(error) };
}
