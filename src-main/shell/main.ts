/**
 * Electron main process: opens the window and routes messages. It never trains and never opens the
 * database: the services live in a utilityProcess (backend-host), the renderer talks to them through
 * the narrow preload bridge, and every IPC message is checked to come from our own page.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_FILE_EXTENSIONS, type LabEvent, type Reply } from '../contract/api.js';
import {
  APP_INDEX,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  CSP,
  navigationAllowed,
  permissionCheckHandler,
  permissionRequestHandler,
  trustedSender,
  windowOptions,
} from './security.js';

const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');

// Before the app is ready: the app:// scheme is a standard, secure origin (so CSP 'self' means the app).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let backend: Electron.UtilityProcess | undefined;
let nextId = 1;
const pending = new Map<number, (reply: Reply<unknown>) => void>();

function startBackend(): Electron.UtilityProcess {
  const child = utilityProcess.fork(join(here, 'backend-host.js'), process.argv.slice(2), { serviceName: 'RNN Lab backend' });
  child.on('message', (message: { id?: number; reply?: Reply<unknown>; event?: LabEvent }) => {
    if (message.event) for (const w of BrowserWindow.getAllWindows()) w.webContents.send('rnnlab:event', message.event);
    else if (message.id !== undefined && message.reply) {
      pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
    }
  });
  child.on('exit', (code) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: `the backend process exited (code ${code})` } });
    pending.clear();
    backend = undefined;
  });
  return child;
}

/** True when an IPC message comes from our own page in our own window (not a navigated or injected frame). */
function trusted(event: IpcMainInvokeEvent): boolean {
  return trustedSender(event.senderFrame?.url);
}

function createWindow(): void {
  const win = new BrowserWindow(windowOptions(join(here, '../preload/preload.cjs')));
  win.webContents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(APP_INDEX);
}

app.whenReady().then(() => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(permissionRequestHandler);
  ses.setPermissionCheckHandler(permissionCheckHandler);
  // The renderer's files, from app://rnnlab/… only (anything outside the renderer's folder is a 404).
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, rendererDir);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  backend = startBackend();
  ipcMain.handle('rnnlab:call', (event, method: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: { code: 'REQUEST_INVALID', message: 'refused: the request did not come from RNN Lab' } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'REQUEST_INVALID', message: 'method must be a string' } };
    backend ??= startBackend();
    const id = nextId++;
    return new Promise<Reply<unknown>>((resolve) => {
      pending.set(id, resolve);
      backend!.postMessage({ id, method, input });
    });
  });
  ipcMain.handle('rnnlab:save', async (event, filename: unknown, data: unknown) => {
    if (!trusted(event) || typeof filename !== 'string' || !(typeof data === 'string' || data instanceof Uint8Array)) return { saved: false };
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: filename };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return { saved: false };
    await writeFile(result.filePath, data);
    return { saved: true, path: result.filePath };
  });
  // Import data's open dialog: the picked file (never a path the renderer names) is granted to the backend, which
  // then reads it like the data folder's files; the grant travels before the renderer's next call, in order.
  ipcMain.handle('rnnlab:open', async (event) => {
    if (!trusted(event)) return {};
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openFile' as const], filters: [{ name: 'Data', extensions: [...DATA_FILE_EXTENSIONS] }, { name: 'All files', extensions: ['*'] }] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const path = result.canceled ? undefined : result.filePaths[0];
    if (!path) return {};
    backend ??= startBackend();
    backend.postMessage({ grant: path });
    return { path };
  });
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
});

app.on('window-all-closed', () => {
  backend?.kill();
  if (process.platform !== 'darwin') app.quit();
});
