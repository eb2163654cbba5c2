import { describeError } from '../api/index.js';

export interface ShownError {
  readonly id: number;
  readonly code: string;
  readonly message: string;
  /** The message without its context, to show one cause once. */
  readonly cause: string;
  readonly details?: readonly string[];
}

/** Errors shown in the banner until dismissed (nothing is swallowed: every failed call lands here). */
class ErrorLog {
  items = $state<ShownError[]>([]);
  private next = 1;

  /** Shows an error; `context` prefixes the message (e.g. 'Loading results'). Same message twice → shown once. */
  report(error: unknown, context?: string): void {
    const { code, message, details } = describeError(error);
    const text = context ? `${context}: ${message}` : message;
    // One cause often fails several parallel calls: show it once.
    if (this.items.some((e) => e.cause === message)) return;
    this.items = [...this.items.slice(-4), { id: this.next++, code, message: text, cause: message, ...(details ? { details } : {}) }];
  }

  dismiss(id: number): void {
    this.items = this.items.filter((e) => e.id !== id);
  }

  clear(): void {
    this.items = [];
  }
}

export const errors = new ErrorLog();

/** Runs `task`; on failure reports it to the banner and returns undefined. */
export async function attempt<T>(task: () => Promise<T>, context?: string): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    errors.report(error, context);
    return undefined;
  }
}
