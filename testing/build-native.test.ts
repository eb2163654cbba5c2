import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The install step of the native kernels never fails the install (the README's two commands stay two commands):
// run in a copy of the repository's layout (scripts/ + native/) so the real build is left alone.
const ROOT = new URL('..', import.meta.url).pathname;
const gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');

function copyLayout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-native-'));
  cpSync(join(ROOT, 'scripts/build-native.mjs'), join(dir, 'scripts/build-native.mjs'));
  cpSync(join(ROOT, 'native/src'), join(dir, 'native/src'), { recursive: true });
  cpSync(join(ROOT, 'native/binding.gyp'), join(dir, 'native/binding.gyp'));
  return dir;
}

function build(dir: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(dir, 'scripts/build-native.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_node_gyp: gyp, ...env }, timeout: 120_000 });
}

describe('scripts/build-native.mjs', () => {
  it('exits 0 with one line naming the problem when the compiler fails, and builds nothing', () => {
    const dir = copyLayout();
    const r = build(dir, { CXX: '/bin/false', CC: '/bin/false' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^rnnlab: native kernels not built \(.+\); the fused engine will use its wasm or JS kernels$/)]);
    expect(existsSync(join(dir, 'native/build/Release/rnnlab_kernels.node'))).toBe(false);
  });

  it('skips the build with RNNLAB_SKIP_NATIVE=1 and still exits 0', () => {
    const r = build(copyLayout(), { RNNLAB_SKIP_NATIVE: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not built (RNNLAB_SKIP_NATIVE=1)');
  });
});
