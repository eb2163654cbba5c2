import type { z } from 'zod';
import { LabError, quoteValue, type LabErrorCode } from './errors.js';
import { ExperimentSpec } from './spec.js';
import { suggest } from './suggest.js';

/** `model.layers[0].lstm` from `['model', 'layers', 0, 'lstm']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** A value of the user's input for a message: its JSON kind, and short scalars themselves (never a whole object). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${quoteValue(value)}`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a text in double quotes',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'a list [ … ]',
  record: 'an object { … }',
  nonoptional: 'a value',
};

/** The fix for a value of the wrong type, when one is obvious (a number or boolean written in quotes, a fraction). */
function typeFix(expected: string, input: unknown): string {
  if ((expected === 'number' || expected === 'int') && typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) {
    return '; write the number without quotes';
  }
  if (expected === 'boolean' && typeof input === 'string' && /^(true|false)$/i.test(input.trim())) return '; write true or false without quotes';
  if (expected === 'int' && typeof input === 'number' && Number.isFinite(input)) return `; use a whole number, e.g. ${Math.max(1, Math.round(input))}`;
  return '';
}

/** "one of "a", "b" (did you mean "a"?)" for a value outside a list of choices. */
function choices(values: readonly unknown[], input: unknown): string {
  const names = values.map((v) => JSON.stringify(v));
  const hint = typeof input === 'string' ? suggest(input, values.filter((v): v is string => typeof v === 'string')) : undefined;
  return `use one of ${names.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
}

/** zod's own wording (it states the rule, not the fix) is replaced; custom messages of our schemas are kept. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid input|Invalid option|Invalid discriminator)/;

/** The message of one issue: our schemas' custom messages as they are, zod's defaults as "what is wrong; the fix". */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const input = (issue as { input?: unknown }).input;
  const has = 'input' in issue;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (has && input === undefined) return `required (expected ${expected})`;
      return has ? `expected ${expected}, got ${describeValue(input)}${typeFix(issue.expected, input)}` : `expected ${expected}`;
    }
    case 'invalid_value':
      return `${has ? `${describeValue(input)} is not allowed here` : 'not an allowed value'}; ${choices(issue.values, input)}`;
    case 'invalid_union': {
      const { discriminator, options } = issue as { discriminator?: string; options?: readonly unknown[] };
      if (discriminator === undefined || !options) return issue.message;
      const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
      return `${value === undefined ? 'required' : `${describeValue(value)} is not a known ${discriminator}`}; ${choices(options, value)}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      if (issue.origin === 'array' || issue.origin === 'set') {
        return small ? `needs at least ${limit} item${limit === 1 ? '' : 's'}; add ${limit === 1 ? 'one' : 'more'}` : `holds more than ${limit} items; remove some`;
      }
      if (issue.origin === 'string') {
        return small ? (limit <= 1 ? 'is empty; write a value' : `needs at least ${limit} characters`) : `is longer than ${limit} characters; shorten it`;
      }
      const got = has && typeof input === 'number' ? `${input} is too ${small ? 'small' : 'large'}` : `too ${small ? 'small' : 'large'}`;
      return `${got}; use a number ${op} ${limit}`;
    }
    default:
      return issue.message;
  }
}

/** One line per zod issue: `path: message`, with unknown keys appended to the path. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  // A misspelt key also makes the real key "required": report the typo first, it explains both.
  const ordered = [...issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  return ordered.map((issue) => {
    const path = [...issue.path];
    if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
      return issue.keys
        .map((key) => `${formatPath([...path, key])}: ${issue.keys.length === 1 ? issue.message : 'unknown key'}`)
        .join('; ');
    }
    if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
      return `${formatPath(path)}: required (expected ${EXPECTED[issue.expected] ?? issue.expected})`;
    }
    return `${formatPath(path)}: ${issueMessage(issue)}`;
  });
}

/**
 * Validates with a schema; on failure throws a {@link LabError} whose message is the first problem
 * (prefixed by `what` unless it is empty) and whose details list all of them.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  code: LabErrorCode = 'REQUEST_INVALID',
): z.output<S> {
  // The input in each issue lets messages say what was written ("got the text "10"") and suggest the fix.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
  throw new LabError(code, `${what ? `${what}: ` : ''}${lines[0]}${more}`, lines);
}

/** Validates an experiment spec and fills every default. Throws LabError('SPEC_INVALID'). */
export function parseSpec(input: unknown, source = 'spec'): ExperimentSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const line = `(top level): an experiment spec is a JSON object { "name": …, "data": …, "model": …, "training": …, "evaluation": … }, got ${describeValue(input)}; see the specs in experiments/`;
    throw new LabError('SPEC_INVALID', `${source ? `${source}: ` : ''}${line}`, [line]);
  }
  return parseWith(ExperimentSpec, input, source, 'SPEC_INVALID');
}

/**
 * `{ path, message }` of a one-line problem `model.layers[0].lstm.units: …` (the form every refusal takes), or
 * undefined when the line does not start with a spec path (a file's problem, say).
 */
export function splitIssue(line: string): { path: string; message: string } | undefined {
  const m = /^([\w$]+(?:\[\d+\]|\.[\w$-]+)*): (.*)$/.exec(line);
  return m ? { path: m[1]!, message: m[2]! } : undefined;
}
