import { InvalidArgumentError, Option } from 'commander';

/** A commander parser for an integer option in [min, max], with a one-line message naming the option. */
export const integer = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = min === -Infinity ? 'a whole number' : max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new InvalidArgumentError(`${name} must be ${range}, got "${value.slice(0, 24)}"`);
  }
  return n;
};

/** A commander parser for a number option in (min, max]. */
export const number = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= min || n > max) throw new InvalidArgumentError(`${name} must be a number above ${min} and at most ${max}, got "${value.slice(0, 24)}"`);
  return n;
};

/** `--db`, shared by every command that opens the store. */
export const dbOption = () => new Option('--db <file>', 'SQLite database file (default: $RNNLAB_DB, else rnnlab.db in your data folder)');
