import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX, appFileFor, CSP, FUSES, navigationAllowed, permissionCheckHandler, permissionRequestHandler, trustedSender, windowOptions } from './security.js';

// Electron's binary is absent here, so the shell's settings are asserted as data: what main.ts applies.
const root = join(import.meta.dirname, '../..');

describe('Electron shell security settings', () => {
  it('the window is isolated and sandboxed, with no Node anywhere in the renderer', () => {
    const w = windowOptions('/app/preload.cjs').webPreferences;
    expect(w).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      permissionRequestHandler({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(permissionCheckHandler()).toBe(false);
  });

  it('navigates and trusts IPC only from the app page on app://', () => {
    expect(navigationAllowed(APP_INDEX)).toBe(true);
    expect(navigationAllowed(`${APP_INDEX}#/results/3`)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'app://rnnlab/other.html']) {
      expect(navigationAllowed(url), url).toBe(false);
      expect(trustedSender(url), url).toBe(false);
    }
    expect(trustedSender(undefined)).toBe(false);
  });

  it('serves app:// only from the renderer folder: no traversal, encoded or not', () => {
    const dir = '/opt/rnnlab/renderer';
    expect(appFileFor('app://rnnlab/index.html', dir)).toBe('/opt/rnnlab/renderer/index.html');
    expect(appFileFor('app://rnnlab/assets/main.js', dir)).toBe('/opt/rnnlab/renderer/assets/main.js');
    expect(appFileFor('app://rnnlab/', dir)).toBe('/opt/rnnlab/renderer/index.html');
    for (const url of [
      'app://rnnlab/../../etc/passwd',
      'app://rnnlab/%2e%2e/%2e%2e/etc/passwd',
      'app://rnnlab/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://rnnlab/%E0%A4%A',
      'app://rnnlab/a%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const file = appFileFor(url, dir);
      expect(file === undefined || file.startsWith(`${dir}/`), `${url} → ${file}`).toBe(true);
      expect(file).not.toBe('/etc/passwd');
    }
  });

  it('the CSP allows connections to the app only (no ws: or wss: to any host), in the shell and in the page', () => {
    expect(CSP).toContain("connect-src 'self';");
    expect(CSP).not.toMatch(/ws:|wss:|\*/);
    const meta = /Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(root, 'src-renderer/index.html'), 'utf8'))![1]!;
    expect(meta).toContain("connect-src 'self'");
    expect(meta).not.toMatch(/ws:|wss:/);
  });

  it("packaging flips the fuses (package.json's electron-builder config carries the same values)", () => {
    const build = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { electronFuses: unknown } }).build;
    expect(build.electronFuses).toEqual(FUSES);
    expect(FUSES).toMatchObject({ runAsNode: false, enableCookieEncryption: true, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });
});
