/**
 * The only bridge between the sandboxed renderer and the app: four narrow functions, no Node, no ipcRenderer.
 * Exposed as `window.rnnlab`; `src-renderer/api/` is the one place that uses it.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('rnnlab', {
  call: (method: string, input: unknown) => ipcRenderer.invoke('rnnlab:call', method, input),
  onEvent: (listener: (event: unknown) => void) => {
    const handler = (_: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on('rnnlab:event', handler);
    return () => ipcRenderer.removeListener('rnnlab:event', handler);
  },
  saveFile: (filename: string, data: string | Uint8Array) => ipcRenderer.invoke('rnnlab:save', filename, data),
  openFile: () => ipcRenderer.invoke('rnnlab:open'),
});
