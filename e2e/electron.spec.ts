import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

/** Electron's binary path when the optional `electron` package installed it, else undefined. */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, "Electron's binary is not installed on this machine (its download is blocked here): desktop tests skipped, web mode is tested instead");

  test('opens the workbench window with a sandboxed, isolated renderer', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'], cwd: new URL('..', import.meta.url).pathname });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: /experiments/i }).first()).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await app.close();
  });
});
