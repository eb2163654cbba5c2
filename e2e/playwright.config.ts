import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end suites against web mode: the real server (dist/) on a temporary database, driven in Debian's
 * Chromium (`/usr/bin/chromium`; `.ci/run` installs it — never `npx playwright install`).
 */
// RNNLAB_E2E_PORT: another port, so that two worktrees can run the suite at once on one machine.
export const PORT = Number(process.env.RNNLAB_E2E_PORT ?? 47811);
export const TOKEN = 'e2e-launch-token';
const db = join(mkdtempSync(join(tmpdir(), 'rnnlab-e2e-')), 'e2e.db');
export const APP_URL = `http://127.0.0.1:${PORT}/?token=${TOKEN}`;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 820 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.RNNLAB_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: `node dist/src-main/server/main.js --no-open --port ${PORT} --token ${TOKEN} --db ${db}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
