import { join } from 'node:path';
import { inspectTable, type InspectReport } from '../data/inspect.js';

export type { InspectReport } from '../data/inspect.js';

/** The `inspect` use case (CLI now, the app's import flow next): a data file's columns and a spec to start from. */
export const inspectFile = (path: string): InspectReport => inspectTable(path);

/**
 * Where an upload named `name` is stored inside `dataDir`: the name without any folder part, with characters
 * other than letters, digits, `.`, `-`, `_` replaced, never hidden; ` (2)`-style suffixes keep earlier files.
 */
export function uploadTarget(dataDir: string, name: string, exists: (path: string) => boolean): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'data';
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  let candidate = join(dataDir, base);
  for (let k = 2; exists(candidate); k++) candidate = join(dataDir, `${stem}-${k}${ext}`);
  return candidate;
}
