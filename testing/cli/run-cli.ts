import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The compiled CLI: vitest's globalSetup (testing/global-setup.ts) rebuilds dist/ first when a source is newer. */
export const CLI = fileURLToPath(new URL('../../bin/rnnlab.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `rnnlab args…` to completion from the repository root; returns exit code and output. */
export function rnnlab(args: readonly string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `rnnlab args…` in the background. */
export function startRnnlab(args: readonly string[], env: Readonly<Record<string, string>> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}
