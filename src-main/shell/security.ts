/**
 * Every security setting of the Electron shell, as plain data and pure functions, so a unit test can assert
 * them where Electron's binary is absent (main.ts applies them; this file imports nothing from electron).
 * Checklist followed: Electron's security guide — isolation, sandbox, no Node in the renderer, a CSP, a custom
 * protocol instead of file://, navigation and new windows refused, every permission request denied, IPC
 * senders checked, fuses at packaging.
 */
import { normalize, relative, resolve, sep } from 'node:path';

/** The app's own scheme: the renderer loads from `app://rnnlab/…`, never from file:// (which reaches any file). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rnnlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

/** Privileges of the app scheme (protocol.registerSchemesAsPrivileged): a standard, secure origin, no more. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } as const;

/**
 * The renderer's Content-Security-Policy: scripts and connections only from the app itself (IPC needs no
 * network; there is no ws: or wss: to any host as web mode's page has for its own port).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** BrowserWindow options of the workbench window. */
export function windowOptions(preload: string) {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    title: 'RNN Lab',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  } as const;
}

/** Permission requests (camera, notifications, geolocation, …): the workbench needs none, so all are denied. */
export const permissionRequestHandler = (_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void => callback(false);
/** Synchronous permission checks: denied too. */
export const permissionCheckHandler = (): boolean => false;

/** Only the app's own pages may be navigated to (links elsewhere are refused; new windows are denied). */
export const navigationAllowed = (url: string): boolean => url.split('#')[0]!.split('?')[0] === APP_INDEX;

/** True when an IPC message comes from our own page (its frame's URL is the app's index). */
export const trustedSender = (frameUrl: string | undefined): boolean => frameUrl !== undefined && navigationAllowed(frameUrl);

/**
 * The file an `app://rnnlab/<path>` request maps to inside `rendererDir`, or undefined for anything else:
 * another host, an escape from the folder (`..`, encoded or not), a malformed escape. Unknown paths under the
 * folder are served by the protocol handler as files (missing ones are a 404 there).
 */
export function appFileFor(requestUrl: string, rendererDir: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(root, normalize(path).replace(/^([/\\])+/, '') || 'index.html');
  const inside = relative(root, file);
  if (inside.startsWith('..') || inside.includes(`..${sep}`) || resolve(root, inside) !== file) return undefined;
  return file;
}

/**
 * Electron fuses flipped at packaging (electron-builder's `electronFuses`, package.json "build"): no
 * ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, cookies encrypted, the app only from its ASAR archive
 * whose integrity is checked. Kept here so the test asserts the same values package.json carries.
 */
export const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;
