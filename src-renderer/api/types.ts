import type { LabApi, LabEvent, Reply } from '../../src-main/contract/api.js';

/** What the Electron preload exposes as `window.rnnlab`. */
export interface RnnlabBridge {
  call(method: string, input: unknown): Promise<Reply<unknown>>;
  onEvent(listener: (event: LabEvent) => void): () => void;
  saveFile(filename: string, data: string | Uint8Array): Promise<{ saved: boolean; path?: string }>;
  /** The open dialog; the picked file becomes readable by the app's services. */
  openFile(): Promise<{ path?: string }>;
}

declare global {
  interface Window {
    rnnlab?: RnnlabBridge;
  }
}

/** A transport: the typed API plus saving a file and hearing about event-stream reconnects. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  readonly api: LabApi;
  /** Saves text (with its MIME type) or a blob under a file name (save dialog or download); false when cancelled. */
  save(filename: string, data: string | Blob, mime?: string): Promise<boolean>;
  /**
   * The desktop's open dialog (Electron only): the picked file's path, readable by the services from then on,
   * or undefined when cancelled. Web mode has none: files are uploaded into the data folder instead.
   */
  readonly pickFile?: () => Promise<string | undefined>;
  /** Called after the event stream reconnected (events may have been missed: reload state). */
  onReconnect(listener: () => void): () => void;
  /** Called with true/false as the event stream connects and drops (always true over IPC). */
  onConnection(listener: (connected: boolean) => void): () => void;
}
