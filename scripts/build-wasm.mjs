// Builds the fused engine's wasm kernels (native/wasm, AssemblyScript → WebAssembly SIMD128) into
// native/wasm-build/rnnlab_kernels.wasm. Run by `npm install` / `npm ci` (the `prepare` script, after the native
// addon) and by the test setup when native/wasm is newer than its build.
//
// Built at install rather than committed: AssemblyScript is an npm devDependency, so the README's two commands
// build the module on a fresh machine with nothing but Node (the requirement), and a module built from the
// sources on disk cannot drift from them the way a committed binary can. (C → wasm32 would need clang and lld on
// every machine; that is the case where committing the binary would be the better choice.)
//
// It NEVER fails the install: without AssemblyScript (e.g. `npm install --omit=dev`) or with RNNLAB_SKIP_WASM=1 it
// prints one line saying so and exits 0, and the engine falls back to the next tier (engine/kernels/tiers.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'native', 'wasm');
/** Where the module lands (engine/kernels/wasm-kernels.ts loads it from here). */
export const WASM = join(ROOT, 'native', 'wasm-build', 'rnnlab_kernels.wasm');
/** Compiler flags: optimised, no garbage collector (the kernels only use raw memory), no abort import. */
export const ASC_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '--enable', 'simd'];

/** AssemblyScript's compiler entry, or null when it is not installed. */
function ascEntry() {
  try {
    const pkg = createRequire(import.meta.url).resolve('assemblyscript/package.json');
    const bin = join(dirname(pkg), 'bin', 'asc.js');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Newest modification time (ms) of the module's sources. */
function sourcesTime() {
  return Math.max(...readdirSync(SOURCES).map((f) => statSync(join(SOURCES, f)).mtimeMs));
}

/** True when the built module exists and is newer than every source. */
export function wasmFresh() {
  return existsSync(WASM) && statSync(WASM).mtimeMs >= sourcesTime();
}

/** Builds the module; returns null on success or the reason it was not built (one line, never throws). */
export function buildWasm() {
  if (process.env.RNNLAB_SKIP_WASM === '1') return 'RNNLAB_SKIP_WASM=1';
  const asc = ascEntry();
  if (asc === null) return 'AssemblyScript not installed';
  mkdirSync(dirname(WASM), { recursive: true });
  rmSync(WASM, { force: true });
  const run = spawnSync(process.execPath, [asc, join(SOURCES, 'kernels.ts'), ...ASC_FLAGS, '-o', WASM], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status === 0 && existsSync(WASM)) return null;
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const reason = output.split('\n').find((l) => /error/i.test(l))?.trim() ?? run.error?.message ?? `asc exited with ${run.status}`;
  return reason.length > 160 ? `${reason.slice(0, 157)}...` : reason;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const problem = buildWasm();
  if (problem === null) console.log(`rnnlab: wasm kernels built (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  else console.log(`rnnlab: wasm kernels not built (${problem}); the fused engine will use its native or JS kernels`);
  process.exit(0);
}
