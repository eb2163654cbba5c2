/**
 * Electron main process: opens the window and routes messages. It never trains and never opens the
 * database: the services live in a utilityProcess (backend-host), the renderer talks to them through
 * the narrow preload bridge, and every IPC message is checked to come from our own page.
 */
import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LabEvent, Reply } from '../contract/api.js';

const here = import.meta.dirname;
const indexHtml = join(here, '../renderer/index.html');
const appUrl = pathToFileURL(indexHtml).href;

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
  return event.senderFrame?.url.split('#')[0] === appUrl;
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    title: 'RNN Lab',
    webPreferences: { preload: join(here, '../preload/preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (url.split('#')[0] !== appUrl) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadFile(indexHtml);
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'"],
      },
    });
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
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
});

app.on('window-all-closed', () => {
  backend?.kill();
  if (process.platform !== 'darwin') app.quit();
});
