import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The folders whose code decides a trial's numbers: a desk and a worker with different builds of these would store
// results that no longer follow from the stored spec and seed, so the worker refuses (worker.ts).
const RESULT_FOLDERS = ['contract', 'common', 'data', 'engine', 'runner'];

// Trials run compiled JavaScript (trial-pool.ts): under the test runner that is dist/, so hash that build there too.
const isSource = import.meta.url.endsWith('.ts');
const BUILD_ROOT = fileURLToPath(new URL(isSource ? '../../dist/src-main/' : '../', import.meta.url));
const PACKAGE_JSON = new URL(isSource ? '../../package.json' : '../../../package.json', import.meta.url);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

let cached: string | undefined;

/**
 * SHA-256 (hex, first 16 characters) of the built JavaScript that computes trials (contract, common, data, engine,
 * runner under dist/src-main), path by path in sorted order, with the package version. Computed once per process.
 */
export function codeHash(): string {
  if (cached) return cached;
  const hash = createHash('sha256').update(`rnnlab ${rnnlabVersion()}\n`);
  const files = RESULT_FOLDERS.flatMap((folder) => filesUnder(join(BUILD_ROOT, folder))).sort();
  for (const file of files) hash.update(`${file.slice(BUILD_ROOT.length)}\n`).update(readFileSync(file));
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

/** The version in RNN Lab's package.json. */
export function rnnlabVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}
