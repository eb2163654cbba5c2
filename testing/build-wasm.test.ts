import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The install step of the wasm kernels never fails the install (the README's two commands stay two commands):
// run in a copy of the repository's layout (scripts/ + native/wasm) so the real build is left alone; with the
// repository's node_modules linked in where AssemblyScript must be found.
const ROOT = new URL('..', import.meta.url).pathname;

function copyLayout(withModules: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-wasm-'));
  cpSync(join(ROOT, 'scripts/build-wasm.mjs'), join(dir, 'scripts/build-wasm.mjs'));
  cpSync(join(ROOT, 'native/wasm'), join(dir, 'native/wasm'), { recursive: true });
  if (withModules) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function build(dir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(dir, 'scripts/build-wasm.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

const MODULE = 'native/wasm-build/rnnlab_kernels.wasm';
const ONE_LINE = /^rnnlab: wasm kernels not built \(.+\); the fused engine will use its native or JS kernels$/;

describe('scripts/build-wasm.mjs', () => {
  it('builds the module from the sources with nothing but Node and the npm packages', () => {
    const dir = copyLayout(true);
    const r = build(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rnnlab: wasm kernels built/);
    // A real WebAssembly module that exports the kernels.
    const bytes = readFileSync(join(dir, MODULE));
    // The project's lib has no WebAssembly types (no DOM): the two calls used, typed here.
    const wasm = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; exports(m: object): { name: string }[] } } }).WebAssembly;
    const exports = wasm.Module.exports(new wasm.Module(bytes)).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining(['gemm32', 'gemm64', 'lstmForward64', 'gruForward32', 'memory']));
  });

  it('exits 0 with one line when AssemblyScript is not installed (npm install --omit=dev), and builds nothing', () => {
    const dir = copyLayout(false);
    const r = build(dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(ONE_LINE)]);
    expect(r.stdout).toContain('AssemblyScript not installed');
    expect(existsSync(join(dir, MODULE))).toBe(false);
  });

  it('exits 0 with one line naming the compile error when a source does not compile', () => {
    const dir = copyLayout(true);
    // An exported constant the module uses (unused functions are never compiled, so they would not fail).
    const gemm = join(dir, 'native/wasm/gemm.ts');
    writeFileSync(gemm, readFileSync(gemm, 'utf8').replace('export const KC: i32 = 256;', 'export const KC: i32 = undefinedName;'));
    const r = build(dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(ONE_LINE)]);
    expect(existsSync(join(dir, MODULE))).toBe(false);
  });

  it('skips the build with RNNLAB_SKIP_WASM=1 and still exits 0', () => {
    const r = build(copyLayout(true), { RNNLAB_SKIP_WASM: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not built (RNNLAB_SKIP_WASM=1)');
  });
});
