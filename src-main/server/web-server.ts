import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LabEvent, Reply } from '../contract/api.js';

/** What the web server needs: the method dispatcher, the event source and the built renderer's folder. */
export interface WebServerOptions {
  readonly dispatch: (method: string, input: unknown) => Promise<Reply<unknown>>;
  readonly subscribe: (listener: (event: LabEvent) => void) => () => void;
  /** Folder of the built renderer (index.html + assets). */
  readonly staticDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Fixed token (tests); default a random one per launch. */
  readonly token?: string;
}

/** A running web-mode server. */
export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The URL to open: the app with the launch token. */
  readonly appUrl: string;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const fail = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));

/** A request body over {@link MAX_BODY}: answered 413, then the connection is closed. */
class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `decodeURIComponent`, or undefined for a malformed %-escape (a 400, not a 500). */
const decode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

/** Failed token attempts per remote address: after this many in a window, refuse for the rest of it. */
const MAX_FAILED_TOKENS = 20;
const FAILED_TOKEN_WINDOW_MS = 60_000;

/**
 * Web mode: the same services as the Electron shell, over HTTP (`POST /api/<method>`, JSON) and a WebSocket
 * (`/events`) on 127.0.0.1 only. Every API call and socket needs the per-launch token (`Authorization: Bearer`,
 * or `?token=` for the socket); requests without it get 401. Host headers other than this server's are refused
 * (DNS rebinding). The renderer's static files are served with a CSP that allows only this origin's scripts.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuffer = Buffer.from(token);
  const validToken = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuffer.length && timingSafeEqual(b, tokenBuffer);
  };
  let port = 0;
  const hostAllowed = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  /**
   * A browser page of another origin must not drive the API or read its events (the token is the main guard;
   * this is the second). Requests without Origin (curl, the CLI's tests) pass; `null` (sandboxed frames,
   * file://) and foreign origins do not.
   */
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    const ours = (o: string) => o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
    if (origin !== undefined) return ours(origin);
    const referer = req.headers.referer;
    if (referer === undefined) return true;
    try {
      return ours(new URL(referer).origin);
    } catch {
      return false;
    }
  };
  const failures = new Map<string, { count: number; since: number }>();
  /** True when this address has failed the token too often lately (counts this failure when `failed`). */
  const tooManyFailures = (address: string | undefined, failed: boolean): boolean => {
    const key = address ?? '?';
    const at = Date.now();
    let f = failures.get(key);
    if (!f || at - f.since > FAILED_TOKEN_WINDOW_MS) f = { count: 0, since: at };
    if (failed) f.count++;
    failures.set(key, f);
    return f.count > MAX_FAILED_TOKENS;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('rnnlab web: request failed:', error);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', 'the server failed to answer; see its log');
    });
  });

  /**
   * The JSON text of a reply. A handler that answers from a cache returns the same frozen value until the store
   * changes (live curves: ~370 KB for 30 repeats, ~1.5 ms to stringify); the text of a frozen value is made once,
   * not per call. Only frozen values are remembered: they cannot change under their text.
   */
  const texts = new WeakMap<object, string>();
  function replyText(reply: Reply<unknown>): string {
    if (!reply.ok || typeof reply.value !== 'object' || reply.value === null || !Object.isFrozen(reply.value)) return JSON.stringify(reply);
    let text = texts.get(reply.value);
    if (text === undefined) {
      text = JSON.stringify(reply);
      texts.set(reply.value, text);
    }
    return text;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return fail(res, 403, 'FORBIDDEN', 'unknown Host header');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const address = req.socket.remoteAddress;
      if (tooManyFailures(address, false)) return fail(res, 429, 'UNAUTHORIZED', 'too many wrong tokens; wait a minute and use the URL RNN Lab printed at launch');
      const auth = req.headers.authorization;
      if (!validToken(auth?.startsWith('Bearer ') ? auth.slice(7) : (req.headers['x-rnnlab-token'] as string | undefined))) {
        tooManyFailures(address, true);
        return fail(res, 401, 'UNAUTHORIZED', 'missing or wrong token; open the URL RNN Lab printed at launch');
      }
      if (!originAllowed(req)) return fail(res, 403, 'FORBIDDEN', 'requests from other web pages are refused (Origin/Referer is not this app)');
      if (req.method !== 'POST') return fail(res, 405, 'REQUEST_INVALID', `use POST for ${url.pathname}`);
      const method = decode(url.pathname.slice(5));
      if (method === undefined) return fail(res, 400, 'REQUEST_INVALID', 'malformed %-escape in the method name');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY) return tooLarge(req, res);
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (error) {
        if (error instanceof BodyTooLarge) return tooLarge(req, res);
        return fail(res, 400, 'REQUEST_INVALID', `request body is not valid JSON (${(error as Error).message.replace(/,?\s*".*$/s, '').slice(0, 120)})`);
      }
      const reply = await options.dispatch(method, input);
      const status = reply.ok ? 200 : reply.error.code === 'NOT_FOUND' ? 404 : reply.error.code === 'TRAINING_FAILED' || reply.error.code === 'INTERNAL' ? 500 : 400;
      return send(res, status, replyText(reply));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'REQUEST_INVALID', 'only GET for files');
    return serveStatic(url.pathname, res);
  }

  /** 413 with a message, then the connection closes (the rest of the body is not read). */
  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('connection', 'close');
    res.on('finish', () => req.destroy());
    fail(res, 413, 'REQUEST_INVALID', `request body over ${MAX_BODY / 1024 / 1024} MB; send less`);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const decoded = decode(pathname);
    if (decoded === undefined) return fail(res, 400, 'REQUEST_INVALID', 'malformed %-escape in the path');
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(options.staticDir, relative === '' ? 'index.html' : relative);
    if (!file.startsWith(options.staticDir + sep) && file !== options.staticDir) return fail(res, 403, 'FORBIDDEN', 'outside the app');
    const target = existsSync(file) && statSync(file).isFile() ? file : join(options.staticDir, 'index.html');
    if (!existsSync(target)) {
      return send(res, 500, 'The renderer is not built: run `npm run build:ui` (npm start does it).', 'text/plain; charset=utf-8');
    }
    res.setHeader(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    send(res, 200, readFileSync(target), TYPES[extname(target)] ?? 'application/octet-stream');
  }

  const sockets = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/events' || !hostAllowed(req.headers.host) || !validToken(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    // Browsers send Origin on every WebSocket; a page of another origin (or `null`) holding a leaked token
    // must still not read the events.
    if (req.headers.origin !== undefined && !originAllowed(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
    });
  });
  const unsubscribe = options.subscribe((event) => {
    const text = JSON.stringify(event);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    appUrl: `${url}?token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
