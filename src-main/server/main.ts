import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LabError } from '../contract/errors.js';
import { databasePath } from '../cli/db-path.js';
import { SwitchableRunner } from '../runner/switchable-runner.js';
import { QueueSettings } from '../services/queue-settings.js';
import { TrialPool } from '../runner/trial-pool.js';
import { appRoot } from '../services/app-root.js';
import { ExperimentService } from '../services/experiment-service.js';
import { LabHandlers } from '../services/lab-handlers.js';
import { RunManager } from '../services/run-manager.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { startWebServer } from './web-server.js';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Opens the app in a Chromium/Chrome app window when one is installed; returns its path, or undefined. */
function openAppWindow(url: string): string | undefined {
  const browser = [process.env.RNNLAB_BROWSER, ...BROWSERS].find((b): b is string => !!b && existsSync(b));
  if (!browser) return undefined;
  // No display (a server, CI, ssh without X forwarding): a window cannot open there.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  const profile = mkdtempSync(join(tmpdir(), 'rnnlab-window-'));
  const args = [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--window-size=1280,820'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  spawn(browser, args, { stdio: 'ignore', detached: true }).unref();
  return browser;
}

const program = new Command('rnnlab-web')
  .description('RNN Lab in web mode: the workbench served on 127.0.0.1 with a per-launch token')
  .option('--db <file>', 'SQLite database file (default: $RNNLAB_DB, else rnnlab.db in your data folder)')
  .option('--port <n>', 'port (default: a free one)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number 0–65535');
    return n;
  })
  .option('--workers <n>', 'worker threads for training (default: one per core)', (v) => Number(v))
  .option('--queue <url>', 'run trials on `rnnlab worker` processes through this Redis (also in the app: Settings)')
  .option('--no-open', 'only print the URL; do not open a window')
  .addOption(new Option('--token <token>', 'fixed launch token (tests); default: a random one').hideHelp())
  .action(async (o: { db?: string; port?: number; workers?: number; queue?: string; open: boolean; token?: string }) => {
    const root = appRoot(import.meta.url);
    const dbFile = databasePath(o.db);
    const store = new SqliteExperimentStore(dbFile);
    const pool = new SwitchableRunner(new TrialPool({ priority: 'background', ...(o.workers ? { workers: o.workers } : {}) }));
    const queue = new QueueSettings(pool, resolve(dbFile));
    if (o.queue) await queue.connect(o.queue);
    const service = new ExperimentService(store, pool);
    const runs = new RunManager(service);
    // The app reads data from the built-ins, the shipped data/ and the folder of the user's database only.
    const handlers = new LabHandlers(service, store, runs, join(root, 'experiments'), [dirname(resolve(dbFile))], queue);
    const server = await startWebServer({
      dispatch: (method, input) => handlers.dispatch(method, input),
      subscribe: (listener) => runs.subscribe(listener),
      staticDir: join(root, 'out', 'renderer'),
      ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.token ? { token: o.token } : {}),
    });
    console.log(`RNN Lab (web mode) on ${server.url} — database ${databasePath(o.db)}`);
    console.log(`open: ${server.appUrl}`);
    const browser = o.open ? openAppWindow(server.appUrl) : undefined;
    const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
    console.log(
      browser
        ? `opened an app window with ${browser}`
        : !o.open
          ? 'not opening a window (--no-open)'
          : noDisplay
            ? 'no display here (DISPLAY is unset): open the URL above in a browser'
            : 'no Chromium or Chrome found: open the URL above in a browser',
    );
    let stopping = false;
    const stop = async () => {
      if (stopping) process.exit(130);
      stopping = true;
      console.log('stopping: running repeats are marked interrupted; resume them later');
      runs.cancelAll();
      await new Promise((r) => setTimeout(r, 300)); // let the runs record their interruption
      await server.close();
      await pool.close();
      store.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof LabError) {
    console.error(`rnnlab: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
