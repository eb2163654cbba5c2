import type { LabApi, LabEvent, MethodName, MethodOutputs, Reply } from '../../src-main/contract/api.js';
import { ApiError } from './errors.js';
import type { Transport } from './types.js';

const TOKEN_KEY = 'rnnlab-token';

/**
 * Reads the per-launch token: from `?token=` on first load (then kept in sessionStorage and removed from the
 * address bar so it does not end up in bookmarks or screenshots), else from sessionStorage.
 */
export function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function readReply(response: Response, method: string): Promise<Reply<unknown>> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Reply<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through: not JSON
  }
  const line = text.split('\n')[0]?.slice(0, 200) || response.statusText;
  if (response.status === 401 || response.status === 403) {
    throw new ApiError('UNAUTHORIZED', `${method}: ${line} — open the address printed by \`npm run web\` (it carries this launch's token)`);
  }
  throw new ApiError(`HTTP_${response.status}`, `${method}: ${line}`);
}

/** The web-mode transport: `POST /api/<method>` with a bearer token, events over a reconnecting WebSocket. */
export function webTransport(token: string): Transport {
  const listeners = new Set<(event: LabEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  // null until the first open or close, so a socket that never opens still reports `false`.
  let connected: boolean | null = null;
  const setConnected = (value: boolean) => {
    if (value === connected) return;
    connected = value;
    for (const l of connectionListeners) l(value);
  };
  let socket: WebSocket | null = null;
  let delay = 500;
  let everOpened = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/events?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => {
      delay = 500;
      setConnected(true);
      if (everOpened) for (const l of reconnectListeners) l();
      everOpened = true;
    };
    ws.onmessage = (message) => {
      let event: LabEvent;
      try {
        event = JSON.parse(String(message.data)) as LabEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
    ws.onclose = () => {
      socket = null;
      timer = null;
      setConnected(false);
      if (listeners.size === 0) return;
      timer = setTimeout(() => {
        timer = null;
        connect();
      }, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };

  const api: LabApi = {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutputs[M]> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new ApiError('NETWORK', `${method}: cannot reach the RNN Lab server (${(error as Error).message}); is it still running?`);
      }
      const reply = await readReply(response, method);
      if (!reply.ok) throw ApiError.fromData(reply.error);
      return reply.value as MethodOutputs[M];
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket && !timer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && socket) socket.close();
      };
    },
  };

  return {
    kind: 'web',
    api,
    async save(filename, data, mime = 'text/plain') {
      const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.style.display = 'none';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      if (connected !== null) listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
