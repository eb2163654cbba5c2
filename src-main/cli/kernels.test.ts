import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rnnlab, ROOT } from '../../testing/cli/run-cli.js';
import { loadNativeAddon } from '../engine/kernels/native-addon.js';
import { loadWasmKernels } from '../engine/kernels/wasm-kernels.js';

// The kernel tier end to end: spec default stored, --kernels on the CLI, the tier that ran in each trial's backend.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-kernels-'));
const native = typeof loadNativeAddon() !== 'string';
const wasm = typeof loadWasmKernels() !== 'string';
// mnist-rnn cut down: 200 digits, one epoch; SimpleRNN(150) at batch 150 puts its products on the native gemm.
const spec = JSON.parse(readFileSync(join(ROOT, 'experiments/mnist-rnn.json'), 'utf8')) as Record<string, unknown> & { data: Record<string, unknown> };
spec.data.limit = 200;
const specPath = join(dir, 'mnist-small.json');
writeFileSync(specPath, JSON.stringify(spec));

/** Runs the cut-down spec with extra CLI arguments (RNNLAB_KERNELS unset unless `env` sets it); returns each trial's backend and the stored spec's kernels field. */
function run(db: string, extra: readonly string[], env: NodeJS.ProcessEnv = { RNNLAB_KERNELS: '' }) {
  const r = rnnlab(['run', specPath, '--repeats', '1', '--epochs', '1', '--workers', '1', '--db', db, '--json', ...extra], env);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1]!) as { trials: { backend: string; metrics: Record<string, number> }[] };
  const sql = new Database(db, { readonly: true });
  const stored = JSON.parse((sql.prepare('SELECT spec_json FROM experiments ORDER BY id DESC LIMIT 1').get() as { spec_json: string }).spec_json) as { kernels?: string };
  sql.close();
  return { backends: result.trials.map((t) => t.backend), kernels: stored.kernels, accuracy: result.trials[0]!.metrics.accuracy ?? Number.NaN, stderr: r.stderr };
}

describe('kernel tiers through the CLI', () => {
  it('stores kernels "auto" by default and records the tier that ran; --kernels js and RNNLAB_KERNELS=js force js', () => {
    const db = join(dir, 'lab.db');
    const auto = run(db, []);
    expect(auto.kernels).toBe('auto');
    expect(auto.backends).toEqual([native ? expect.stringMatching(/^native-(avx512|avx2|sse2)-f32$/) : 'js-f32']);
    const js = run(db, ['--kernels', 'js']);
    expect(js.kernels).toBe('js');
    expect(js.backends).toEqual(['js-f32']);
    // Same seed, same data: the tiers agree to float32 storage rounding (summation order, FMA) after a training epoch.
    expect(Math.abs(js.accuracy - auto.accuracy)).toBeLessThanOrEqual(1 / 40);
    expect(run(db, [], { RNNLAB_KERNELS: 'js' }).backends).toEqual(['js-f32']);
  });

  it.skipIf(!wasm)('--kernels wasm runs and records the wasm tier; with native ruled out, auto falls back to it and says so once', () => {
    const db = join(dir, 'wasm.db');
    const forced = run(db, ['--kernels', 'wasm']);
    expect(forced.kernels).toBe('wasm');
    expect(forced.backends).toEqual(['wasm-simd128-f32']);
    const fallback = run(db, [], { RNNLAB_KERNELS: '', RNNLAB_KERNELS_OFF: 'native' });
    expect(fallback.kernels).toBe('auto');
    expect(fallback.backends).toEqual(['wasm-simd128-f32']);
    // One line per thread that resolved a tier (the CLI's thread and the worker's), each naming the fallback.
    const lines = fallback.stderr.split('\n').filter((l) => l.includes('uses its wasm kernels'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(Math.abs(fallback.accuracy - forced.accuracy)).toBe(0); // the same tier: the same numbers
  });

  it('refuses --kernels with an unknown tier in one line', () => {
    const r = rnnlab(['run', specPath, '--kernels', 'fast', '--db', join(dir, 'x.db')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--kernels.*fast.*(auto, native, wasm, js|Allowed choices)/);
  });
});
