// What the Node build (scripts/build-main.mjs) compiles and copies, and the stamp it leaves in dist/, so that the
// test runner can tell whether dist/ is the build of the sources on disk (testing/global-setup.ts rebuilds it when not).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stamp, relative to the repository root: `{ startedAt, inputs }` of the last successful build. */
export const STAMP = 'dist/.build-stamp.json';

/** Source trees the build reads (tests excluded; everything else, SQL migrations included, is compiled or copied). */
const TREES = ['src-main', 'bench'];
/** Single files whose change changes the build. */
const FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-main.mjs', 'scripts/build-inputs.mjs'];

const isTest = (path) => path.endsWith('.test.ts');

/**
 * The build's inputs under `root`: every non-test file of src-main/ and bench/ plus the configuration files,
 * as sorted '/'-separated paths relative to `root`.
 */
export function buildInputs(root) {
  const out = FILES.filter((f) => existsSync(join(root, f)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!isTest(path)) out.push(path);
    }
  };
  for (const tree of TREES) if (existsSync(join(root, tree))) walk(tree);
  return out.sort();
}

/** Writes the stamp of a build of `root` that started at `startedAt` (ms since the epoch, taken before compiling). */
export function writeStamp(root, startedAt) {
  writeFileSync(join(root, STAMP), JSON.stringify({ startedAt, inputs: buildInputs(root) }));
}

/**
 * Whether dist/ under `root` is the build of the sources on disk: `{ fresh: true }`, or `{ fresh: false, reason }`
 * when there is no stamp, an input was added or removed since that build, or an input changed after it started.
 */
export function buildStatus(root) {
  const stampPath = join(root, STAMP);
  if (!existsSync(stampPath)) return { fresh: false, reason: `no ${STAMP}: dist/ was never built (or its last build failed)` };
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  const inputs = buildInputs(root);
  const before = new Set(stamp.inputs);
  const added = inputs.find((f) => !before.has(f));
  if (added !== undefined) return { fresh: false, reason: `${added} is new since the last build` };
  const now = new Set(inputs);
  const removed = stamp.inputs.find((f) => !now.has(f));
  if (removed !== undefined) return { fresh: false, reason: `${removed} was removed since the last build` };
  const changed = inputs.find((f) => statSync(join(root, f)).mtimeMs > stamp.startedAt);
  if (changed !== undefined) return { fresh: false, reason: `${changed} changed after the last build started` };
  return { fresh: true };
}
