// Builds the Node side (CLI, services, runner, workers) to dist/ with tsc, copies the SQL migrations beside it and
// stamps the build (scripts/build-inputs.mjs), so that tests never run a dist/ older than its sources.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bundleWorkers } from './bundle-workers.mjs';
import { writeStamp } from './build-inputs.mjs';

const require = createRequire(import.meta.url);
// Taken before compiling: a source saved while tsc runs counts as changed after this build.
const startedAt = Date.now();
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('src-main/store/migrations', 'dist/src-main/store/migrations', { recursive: true });
// The native kernels (engine/kernels/native-addon.ts loads ../../../native/… from dist/src-main/ too): a link,
// so a later `npm run build:native` is seen without rebuilding dist/; a copy where links are refused.
try {
  symlinkSync('../native', 'dist/native', 'dir');
} catch {
  cpSync('native', 'dist/native', { recursive: true });
}
await bundleWorkers();
writeStamp('.', startedAt);
