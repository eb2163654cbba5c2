// Builds the fused engine's native kernels (native/, an N-API addon) with node-gyp, as better-sqlite3 builds here.
// Run by `npm install` / `npm ci` (the `prepare` script) and by the test setup when native/ is newer than its build.
// It NEVER fails the install: without a compiler (or with RNNLAB_SKIP_NATIVE=1) it prints one line saying so and
// exits 0, and the engine uses its wasm (or JS) kernels (engine/kernels/ says so once at run time too).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE = join(ROOT, 'native');
/** Where the addon lands (engine/kernels/native-addon.ts loads it from here). */
export const ADDON = join(NATIVE, 'build', 'Release', 'rnnlab_kernels.node');

/** node-gyp's entry: npm's own (set for install scripts) or the one in node_modules; null when neither exists. */
function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

/** Newest modification time (ms) of the addon's sources. */
function sourcesTime() {
  const files = ['binding.gyp', ...readdirSync(join(NATIVE, 'src')).map((f) => join('src', f))];
  return Math.max(...files.map((f) => statSync(join(NATIVE, f)).mtimeMs));
}

/** True when the built addon exists and is newer than every source. */
export function nativeFresh() {
  return existsSync(ADDON) && statSync(ADDON).mtimeMs >= sourcesTime();
}

/**
 * Builds the addon; returns null on success or the reason it was not built (never throws).
 * `quiet` hides node-gyp's output unless the build fails.
 */
export function buildNative({ quiet = true } = {}) {
  if (process.env.RNNLAB_SKIP_NATIVE === '1') return 'RNNLAB_SKIP_NATIVE=1';
  const gyp = nodeGyp();
  if (gyp === null) return 'node-gyp not found';
  const args = [gyp, 'rebuild'];
  // Node's headers: the nodedir npm was configured with (this machine: /usr), else node-gyp's own lookup.
  if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
  else if (existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
  const run = spawnSync(process.execPath, args, { cwd: NATIVE, encoding: 'utf8', timeout: 300_000 });
  if (run.status === 0 && existsSync(ADDON)) return null;
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (!quiet) process.stderr.write(output);
  const reason = output.split('\n').find((l) => /error|not found|ERR!/i.test(l))?.trim() ?? run.error?.message ?? `node-gyp exited with ${run.status}`;
  return reason.length > 160 ? `${reason.slice(0, 157)}...` : reason;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const problem = buildNative();
  if (problem === null) console.log(`rnnlab: native kernels built (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  else console.log(`rnnlab: native kernels not built (${problem}); the fused engine will use its wasm or JS kernels`);
  process.exit(0);
}
