/**
 * The one place that knows the transport: the Electron preload bridge when `window.rnnlab` exists,
 * else web mode (HTTP + WebSocket with the per-launch token).
 */
import type { LabApi } from '../../src-main/contract/api.js';
import { electronTransport } from './electron.js';
import type { Transport } from './types.js';
import { takeToken, webTransport } from './web.js';

export { ApiError, describeError } from './errors.js';

const transport: Transport = window.rnnlab ? electronTransport(window.rnnlab) : webTransport(takeToken());

/** The typed API of the Node side. Calls reject with an ApiError (code + one-line message). */
export const api: LabApi = transport.api;

/** Which transport is in use. */
export const transportKind = transport.kind;

/** Saves text under a file name (save dialog in Electron, download in web mode); false if cancelled. */
export function saveText(filename: string, text: string, mime = 'text/plain'): Promise<boolean> {
  return transport.save(filename, text, mime);
}

/** Saves a binary blob (e.g. a PNG) under a file name; false if cancelled. */
export function saveBlob(filename: string, blob: Blob): Promise<boolean> {
  return transport.save(filename, blob);
}

/** The desktop's open dialog (Electron), or undefined in web mode (upload instead). */
export const pickFile: (() => Promise<string | undefined>) | undefined = transport.pickFile;

/** Runs `listener` when the event stream reconnected after a drop (reload whatever events feed). */
export function onReconnect(listener: () => void): () => void {
  return transport.onReconnect(listener);
}

/** Runs `listener` with whether pushed events are flowing (web mode's WebSocket; always true in Electron). */
export function onConnection(listener: (connected: boolean) => void): () => void {
  return transport.onConnection(listener);
}
