import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, ROOT } from '../cli/run-cli.js';

/** An `rnnlab worker` child process (the compiled CLI) and what it has logged. */
export interface TestWorker {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** Resolves once its log matches `pattern` (rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Ends it with `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `rnnlab worker --queue url --name name …extra` and waits until it is taking jobs. */
export async function startWorker(url: string, name: string, extra: readonly string[] = []): Promise<TestWorker> {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--name', name, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const worker: TestWorker = {
    name,
    child,
    log: () => text,
    async waitFor(pattern, ms = 60_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = pattern.exec(text);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`worker ${name} exited (${child.exitCode}) before logging ${pattern}: ${text}`);
        if (Date.now() > deadline) throw new Error(`worker ${name} did not log ${pattern} within ${ms} ms: ${text}`);
        await sleep(20);
      }
    },
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
  await worker.waitFor(/waiting for trials/);
  return worker;
}
