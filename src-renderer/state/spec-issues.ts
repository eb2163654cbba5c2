import { ExperimentSpec } from '../../src-main/contract/spec.js';
import { formatIssues } from '../../src-main/contract/validate.js';

/** A validation problem: the formatted path (`model.layers[0].lstm.units`) and the message without it. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates a draft spec with the contract's zod schema; one entry per problem, typos first. */
export function specIssues(draft: unknown): FieldIssue[] {
  const result = ExperimentSpec.safeParse(draft);
  if (result.success) return [];
  return formatIssues(result.error.issues)
    .flatMap((line) => line.split('; '))
    .map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { path: '(top level)', message: line } : { path: line.slice(0, at), message: line.slice(at + 2) };
    });
}
