import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';

/** The server under test. */
export interface Target {
  readonly url: string;
  readonly port: number;
  readonly token: string;
}

/** A reply: status and body text. */
export interface Answer {
  readonly status: number;
  readonly text: string;
}

/** A request the web server must refuse with `status` (and, for API errors, a JSON message), then keep answering. */
export interface HttpCase {
  readonly name: string;
  readonly send: (t: Target) => Promise<Answer>;
  readonly status: number;
  /** Pattern of `error.message` in the JSON reply (API errors). */
  readonly message?: RegExp;
  /** Pattern of the whole body, for answers that are not JSON errors. */
  readonly text?: RegExp;
}

/** Any request, with full control of the headers (Host, Origin, Content-Length). */
export function raw(t: Target, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A connection per request (agent: false): a kept-alive one can be closed by the server while this test
    // process is busy, and the next request on it would fail with ECONNRESET through no fault of the server.
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([, v]) => v !== ''));
    const req = httpRequest({ host: '127.0.0.1', port: t.port, method: options.method ?? 'POST', path: options.path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `POST /api/<method>` with the token and a body (a string is sent as it is, anything else as JSON). */
export function api(t: Target, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return raw(t, { path: `/api/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}`, ...headers }, body: text });
}

const call = (name: string, method: string, body: unknown, status: number, message: RegExp): HttpCase => ({ name, send: (t) => api(t, method, body), status, message });
const missing = (method: string, input: Record<string, unknown> = { experimentId: 999 }): HttpCase =>
  call(`${method} of a missing experiment`, method, input, 404, /^experiment "999" not found; /);

export const HTTP_CASES: HttpCase[] = [
  { name: 'no token', send: (t) => api(t, 'listExperiments', {}, { authorization: '' }), status: 401, message: /^missing or wrong token; open the URL RNN Lab printed at launch$/ },
  { name: 'a wrong token', send: (t) => api(t, 'listExperiments', {}, { authorization: 'Bearer not-the-token' }), status: 401, message: /^missing or wrong token/ },
  { name: 'the token in another scheme', send: (t) => api(t, 'listExperiments', {}, { authorization: `Basic ${t.token}` }), status: 401, message: /^missing or wrong token/ },
  { name: 'GET on an API method', send: (t) => raw(t, { method: 'GET', path: '/api/listExperiments', headers: { authorization: `Bearer ${t.token}` } }), status: 405, message: /^use POST for \/api\/listExperiments$/ },
  { name: 'GET on /api/', send: (t) => raw(t, { method: 'GET', path: '/api/', headers: { authorization: `Bearer ${t.token}` } }), status: 405, message: /^use POST for \/api\/$/ },
  { name: 'PUT on an API method', send: (t) => raw(t, { method: 'PUT', path: '/api/listExperiments', headers: { authorization: `Bearer ${t.token}` }, body: '{}' }), status: 405, message: /^use POST/ },
  { name: 'POST on a static file', send: (t) => raw(t, { method: 'POST', path: '/index.html', body: '{}' }), status: 405, message: /^only GET for files$/ },
  call('an unknown method', 'noSuchMethod', {}, 400, /^unknown method "noSuchMethod"; known: listExperiments, /),
  call('an empty method name', '', {}, 400, /^unknown method ""; known: /),
  call('a method name of the prototype', 'constructor', {}, 400, /^unknown method "constructor"; known: /),
  call('a body that is not JSON', 'listExperiments', '{oops', 400, /^request body is not valid JSON \(/),
  call('a secret body that is not JSON is not echoed', 'listExperiments', 'hunter2-secret{', 400, /^request body is not valid JSON \((?!.*hunter2)/),
  call('a JSON list as the body', 'listExperiments', [1, 2], 400, /^listExperiments input: \(top level\): expected an object \{ … \}, got a list$/),
  call('a JSON number as the body', 'getExperiment', 7, 400, /^getExperiment input: \(top level\): expected an object \{ … \}, got 7$/),
  call('a JSON string as the body', 'getExperiment', '"one"', 400, /^getExperiment input: \(top level\): expected an object \{ … \}, got the text "one"$/),
  call('an unknown input key', 'getExperiment', { experimentId: 1, extra: true }, 400, /^getExperiment input: extra: unknown key; expected one of: experimentId$/),
  call('a misspelt input key', 'getExperiment', { experimentID: 1 }, 400, /^getExperiment input: experimentID: unknown key, did you mean experimentId\?/),
  call('an id as a string', 'getExperiment', { experimentId: 'one' }, 400, /^getExperiment input: experimentId: expected a number, got the text "one"$/),
  call('an id in quotes', 'getSpec', { experimentId: '1' }, 400, /^getSpec input: experimentId: expected a number, got the text "1"; write the number without quotes$/),
  call('id 0', 'getExperiment', { experimentId: 0 }, 400, /^getExperiment input: experimentId: 0 is too small; use a number > 0$/),
  call('a fractional id', 'getExperiment', { experimentId: 1.5 }, 400, /^getExperiment input: experimentId: expected a whole number, got 1\.5; use a whole number, e\.g\. 2$/),
  call('no id', 'getArtifacts', {}, 400, /^getArtifacts input: experimentId: required \(expected a number\)$/),
  call('an unknown table format', 'exportTable', { table: 'results', format: 'latx', experimentIds: [1] }, 400, /^exportTable input: format: the text "latx" is not allowed here; use one of "csv", "md", "latex", "json", "xlsx" \(did you mean "latex"\?\)$/),
  call('an unknown table', 'exportTable', { table: 'resluts', format: 'csv', experimentIds: [1] }, 400, /^exportTable input: table: the text "resluts" is not allowed here; use one of "results", "describe", "compare", "compare-reference", "compare-pairs", "compare-ranks", "trials" \(did you mean "results"\?\)$/),
  call('compare with no experiments', 'compare', { experimentIds: [] }, 400, /^compare input: experimentIds: needs at least 1 item; add one$/),
  call('compare of 21 experiments', 'compare', { experimentIds: Array.from({ length: 21 }, (_, i) => i + 1) }, 400, /^compare input: experimentIds: holds more than 20 items; remove some$/),
  call('startExperiment with repeats 0', 'startExperiment', { spec: {}, repeats: 0 }, 400, /^startExperiment input: repeats: 0 is too small; use a number ≥ 1$/),
  call('validateSpec without a spec', 'validateSpec', {}, 400, /^validateSpec input: spec: required \(expected a value\)$/),
  call('startExperiment without a spec', 'startExperiment', { repeats: 1 }, 400, /^startExperiment input: spec: required \(expected a value\)$/),
  { name: 'validateSpec of null', send: (t) => api(t, 'validateSpec', { spec: null }), status: 200, text: /^\{"ok":true,"value":\{"ok":false,"issues":\[\{"path":"\(top level\)","message":"\(top level\): an experiment spec is a JSON object .*, got null; see the specs in experiments\/"\}\]\}\}$/ },
  call('modelSummary with neither spec nor id', 'modelSummary', {}, 400, /^modelSummary input: give spec or experimentId$/),
  missing('getExperiment'),
  missing('getSpec'),
  missing('getEpochMetrics'),
  missing('getPredictions'),
  missing('getArtifacts'),
  missing('resumeExperiment'),
  missing('modelSummary'),
  missing('exportTable', { table: 'results', format: 'csv', experimentIds: [999] }),
  missing('compare', { experimentIds: [999] }),
  { name: 'a malformed %-escape in the method', send: (t) => raw(t, { path: '/api/list%E0%A4%A', headers: { authorization: `Bearer ${t.token}` } }), status: 400, message: /^malformed %-escape in the method name$/ },
  { name: 'a malformed %-escape in a static path', send: (t) => raw(t, { method: 'GET', path: '/assets/%E0%A4%A.js' }), status: 400, message: /^malformed %-escape in the path$/ },
  { name: 'a path out of the app folder gets the app, not the file', send: (t) => raw(t, { method: 'GET', path: '/..%2F..%2F..%2Fetc%2Fpasswd' }), status: 200, text: /<title>RNN Lab<\/title>/ },
  {
    name: 'a body over 10 MB',
    // fetch, which reads the early 413 even though the server closes the connection before the body is sent.
    send: async (t) => {
      const res = await fetch(`${t.url}api/listExperiments`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` }, body: JSON.stringify({ spec: 'x'.repeat(11 * 1024 * 1024) }) });
      return { status: res.status, text: await res.text() };
    },
    status: 413,
    message: /^request body over 10 MB; send less$/,
  },
  { name: 'a Content-Length over 10 MB', send: (t) => raw(t, { path: '/api/listExperiments', headers: { authorization: `Bearer ${t.token}`, 'content-length': String(50 * 1024 * 1024) } }), status: 413, message: /^request body over 10 MB/ },
  { name: 'an Origin of another site', send: (t) => api(t, 'listExperiments', {}, { origin: 'http://evil.example' }), status: 403, message: /^requests from other web pages are refused/ },
  { name: 'a null Origin', send: (t) => api(t, 'listExperiments', {}, { origin: 'null' }), status: 403, message: /^requests from other web pages are refused/ },
  { name: 'a Referer of another site', send: (t) => api(t, 'listExperiments', {}, { referer: 'http://evil.example/page' }), status: 403, message: /^requests from other web pages are refused/ },
  { name: 'a Host header of another host', send: (t) => raw(t, { path: '/api/listExperiments', headers: { host: 'evil.example', authorization: `Bearer ${t.token}` }, body: '{}' }), status: 403, message: /^unknown Host header$/ },
  { name: 'a Host header of another port', send: (t) => raw(t, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${t.port + 1}` } }), status: 403, message: /^unknown Host header$/ },
];

/** A WebSocket upgrade the server must refuse. */
export interface SocketCase {
  readonly name: string;
  readonly url: (t: Target) => string;
  readonly origin?: string;
}
const events = (t: Target, query: string, path = 'events') => `${t.url.replace('http', 'ws')}${path}${query}`;

export const SOCKET_CASES: SocketCase[] = [
  { name: 'no token', url: (t) => events(t, '') },
  { name: 'a wrong token', url: (t) => events(t, '?token=wrong') },
  { name: 'a wrong path', url: (t) => events(t, `?token=${t.token}`, 'socket') },
  { name: 'an Origin of another site', url: (t) => events(t, `?token=${t.token}`), origin: 'http://evil.example' },
  { name: 'a null Origin', url: (t) => events(t, `?token=${t.token}`), origin: 'null' },
];

/** 'open' or 'refused': what became of a WebSocket upgrade. */
export function upgrade(url: string, origin?: string): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => (ws.close(), resolve('open')));
    ws.on('error', () => resolve('refused'));
  });
}
