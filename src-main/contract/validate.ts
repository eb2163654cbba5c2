import type { z } from 'zod';
import { LabError, type LabErrorCode } from './errors.js';
import { ExperimentSpec } from './spec.js';

/** `model.layers[0].lstm` from `['model', 'layers', 0, 'lstm']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
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
      return `${formatPath(path)}: required (expected ${issue.expected})`;
    }
    return `${formatPath(path)}: ${issue.message}`;
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
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
  throw new LabError(code, `${what ? `${what}: ` : ''}${lines[0]}${more}`, lines);
}

/** Validates an experiment spec and fills every default. Throws LabError('SPEC_INVALID'). */
export function parseSpec(input: unknown, source = 'spec'): ExperimentSpec {
  return parseWith(ExperimentSpec, input, source, 'SPEC_INVALID');
}
