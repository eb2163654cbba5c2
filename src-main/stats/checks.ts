import { LabError } from '../contract/errors.js';

/**
 * Throws a REQUEST_INVALID LabError unless every value is finite: the tests would otherwise return a silent NaN
 * or a wrong rank. `what` names the sample in the message (e.g. "mannWhitney: sample A").
 */
export function requireFinite(values: readonly number[], what: string): void {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) {
    throw new LabError('REQUEST_INVALID', `${what}: value ${i} is ${values[i]}; drop failed or missing repeats before testing`);
  }
}

/** Throws a REQUEST_INVALID LabError unless `a` and `b` have the same length (a paired test pairs a[i] with b[i]). */
export function requirePaired(a: readonly number[], b: readonly number[], test: string): void {
  if (a.length !== b.length) {
    throw new LabError(
      'REQUEST_INVALID',
      `${test}: paired samples need equal lengths (A has ${a.length}, B has ${b.length}); compare the repeats both have, or use an unpaired test`,
    );
  }
  requireFinite(a, `${test}: sample A`);
  requireFinite(b, `${test}: sample B`);
}

/** Throws a REQUEST_INVALID LabError unless `level` is a confidence level strictly between 0 and 1. */
export function requireLevel(level: number, what: string): void {
  if (!(level > 0 && level < 1)) throw new LabError('REQUEST_INVALID', `${what}: level ${level} must lie strictly between 0 and 1 (e.g. 0.95)`);
}
