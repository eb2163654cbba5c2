import { ExperimentSpec } from '../../src-main/contract/spec.js';
import { formatIssues } from '../../src-main/contract/validate.js';

/** A validation problem: the formatted path (`model.layers[0].lstm.units`) and the message without it. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates a draft spec with the contract's zod schema; one entry per problem, typos first. */
export function specIssues(draft: unknown): FieldIssue[] {
  const result = ExperimentSpec.safeParse(draft, { reportInput: true }); // messages then say what was written
  if (result.success) return [];
  return formatIssues(result.error.issues)
    // Several unknown keys come as `a.x: unknown key; a.y: unknown key`: split only where a new path starts, not
    // inside one message ("too small; use a number ≥ 1").
    .flatMap((line) => line.split(/; (?=[\w$]+(?:\[\d+\]|\.[\w$-]+)*: )/))
    .map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { path: '(top level)', message: line } : { path: line.slice(0, at), message: line.slice(at + 2) };
    });
}
