import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildStatus } from '../scripts/build-inputs.mjs';
import { buildNative, nativeFresh } from '../scripts/build-native.mjs';
import { buildWasm, wasmFresh } from '../scripts/build-wasm.mjs';

/**
 * Vitest globalSetup: worker threads (the trial pool's piscina workers) and the CLI tests run the compiled dist/,
 * so before any test — and before each watch-mode rerun — dist/ is rebuilt when it is not the build of the sources
 * on disk (scripts/build-inputs.mjs). After `npm run build` (as `npm test` does) the check finds it fresh and
 * costs a few milliseconds; a rebuild costs what `npm run build` does (≈5–8 s on two cores).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Rebuilds dist/ (scripts/build-main.mjs) when it is stale; returns the reason it was, or null when it was fresh. */
export function ensureFreshBuild(root = ROOT): string | null {
  const status = buildStatus(root);
  if (status.fresh) return null;
  const t0 = performance.now();
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root, stdio: 'inherit' });
  console.log(`[global-setup] dist/ was stale (${status.reason}); rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return status.reason;
}

/**
 * Rebuilds the native kernels (scripts/build-native.mjs) when native/ is newer than its build or it was never
 * built here; a failed build is reported in one line and the tests that need the addon skip (or fail under
 * RNNLAB_REQUIRE_NATIVE=1).
 */
function ensureFreshNative(): void {
  if (nativeFresh()) return;
  const t0 = performance.now();
  const problem = buildNative();
  console.log(`[global-setup] native kernels ${problem === null ? `rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s` : `not built: ${problem}`}`);
}

/** Rebuilds the wasm kernels (scripts/build-wasm.mjs) when native/wasm is newer than its build, as for the addon. */
function ensureFreshWasm(): void {
  if (wasmFresh()) return;
  const t0 = performance.now();
  const problem = buildWasm();
  console.log(`[global-setup] wasm kernels ${problem === null ? `rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s` : `not built: ${problem}`}`);
}

export default function setup(project: TestProject): void {
  ensureFreshNative();
  ensureFreshWasm();
  ensureFreshBuild();
  project.onTestsRerun(() => void ensureFreshBuild());
}
