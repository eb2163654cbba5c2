import { z } from 'zod';
import { suggest } from './suggest.js';

/**
 * A strict object whose unknown keys are reported with a "did you mean" hint.
 * Takes a zod shape; returns `z.strictObject(shape)` with that error message.
 */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const key = issue.keys[0] ?? '';
      const hint = suggest(key, known);
      return hint
        ? `unknown key, did you mean ${hint}?`
        : `unknown key; expected one of: ${known.join(', ')}`;
    },
  });
}

/**
 * A "single-key object" choice, written like Keras' layer configs in JSON:
 * `{ "lstm": { "units": 4 } }`. Exactly one of the given kinds must be present.
 * Errors point inside the chosen kind (`layers[0].lstm.unit`), which a plain union cannot do.
 */
export function oneOf<S extends Record<string, z.ZodType>>(kinds: S, what: string) {
  const shape = Object.fromEntries(
    Object.entries(kinds).map(([k, schema]) => [k, schema.optional()]),
  ) as { [K in keyof S]: z.ZodOptional<S[K]> };
  const names = Object.keys(kinds);
  return strictObject(shape).superRefine((value, ctx) => {
    const present = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `empty ${what}; write exactly one of: ${names.join(', ')}`
            : `a ${what} holds exactly one kind, got ${present.join(' and ')}`,
      });
    }
  });
}

/** The kind and settings of a single-key object produced by {@link oneOf}. */
export type Chosen<T> = {
  [K in keyof T]-?: { kind: K; config: NonNullable<T[K]> };
}[keyof T];

/** Returns `{ kind, config }` of a validated single-key object. */
export function chosen<T extends object>(value: T): Chosen<T> {
  const entry = Object.entries(value).find(([, v]) => v !== undefined);
  if (!entry) throw new TypeError('chosen(): empty single-key object (validate it with its schema first)');
  return { kind: entry[0], config: entry[1] } as Chosen<T>;
}
