import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeAddon } from '../../src-main/engine/kernels/native-addon.js';

// The desktop app's backend as Electron runs it: the electron-vite bundle (main, backend-host and the worker
// threads' entries), not dist/. Electron's binary never installs here, but its utilityProcess is Node: the
// harness stands in for it, so this runs the bundle's own trial pool, worker threads and kernels for real.
// Built into out-test/ (not out/: other tests serve out/renderer while this builds).
const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(root, 'out-test');
const hasElectron = (() => {
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
    return true;
  } catch {
    return false;
  }
})();
// .ci/run installs the electron package (without its binary) and sets this: there the test must run.
const required = process.env.RNNLAB_REQUIRE_ELECTRON_TYPES === '1';
if (!hasElectron && !required) console.warn('electron-bundle.test: skipped, the electron package is not installed');

describe.runIf(hasElectron || required)('the Electron bundle', () => {
  const dbDir = mkdtempSync(join(tmpdir(), 'rnnlab-bundle-'));
  afterAll(() => {
    rmSync(dbDir, { recursive: true, force: true });
    rmSync(bundle, { recursive: true, force: true });
  });

  it('holds the worker threads\' entries and trains through its own backend on the kernel tier (harness for utilityProcess)', { timeout: 240_000 }, () => {
    const viteCli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
    execFileSync(process.execPath, [viteCli, 'build', '--config', 'electron.config.ts', '--logLevel', 'error'], {
      cwd: root,
      env: { ...process.env, RNNLAB_ELECTRON_OUT: 'out-test' },
      stdio: 'pipe',
    });
    for (const entry of ['main.js', 'backend-host.js', 'trial-worker.js', 'worker.js']) expect(existsSync(join(bundle, 'main', entry)), entry).toBe(true);

    const spec = JSON.parse(readFileSync(join(root, 'experiments/shampoo-lstm.json'), 'utf8'));
    const calls = [
      ['startExperiment', { spec, repeats: 3, epochs: 20 }],
      ['getExperiment', { experimentId: 1 }],
    ];
    const output = execFileSync(process.execPath, [join(root, 'testing/electron/backend-harness.mjs'), bundle, JSON.stringify(calls)], {
      cwd: root,
      env: { ...process.env, RNNLAB_DB: join(dbDir, 'app.db') },
      encoding: 'utf8',
      timeout: 180_000,
    });
    const lines = output.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = lines.find((l) => l.method === 'startExperiment') as { reply: { ok: boolean } } | undefined;
    expect(started?.reply.ok, output).toBe(true);
    expect(lines.find((l) => l.event !== undefined)?.event).toMatchObject({ type: 'run-finished', status: 'done' });
    const details = lines.find((l) => l.method === 'getExperiment') as { reply: { ok: boolean; value: { trials: { status: string; backend: string; metrics: Record<string, number> }[] } } };
    expect(details.reply.ok).toBe(true);
    const trials = details.reply.value.trials;
    expect(trials.map((t) => t.status)).toEqual(['done', 'done', 'done']);
    for (const t of trials) expect(Number.isFinite(t.metrics.rmse)).toBe(true);
    // The bundle found the kernels the install built (native/ two folders above out-test/main).
    const native = typeof loadNativeAddon() !== 'string';
    expect(trials[0]!.backend).toMatch(native ? /^native-/ : /^(wasm|js)-/);
  });
});
