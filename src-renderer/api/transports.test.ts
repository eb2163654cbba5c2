import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RnnlabBridge } from './types.js';
import { electronTransport } from './electron.js';
import { ApiError } from './errors.js';
import { webTransport } from './web.js';

afterEach(() => vi.unstubAllGlobals());

describe('electronTransport', () => {
  const bridge = (reply: unknown): RnnlabBridge => ({
    call: vi.fn(async () => reply as never),
    onEvent: vi.fn(() => () => {}),
    saveFile: vi.fn(async () => ({ saved: true, path: '/tmp/x' })),
    openFile: vi.fn(async () => ({ path: '/home/me/sales.csv' })),
  });

  it('unwraps ok replies and passes method and input through', async () => {
    const b = bridge({ ok: true, value: [{ id: 1 }] });
    await expect(electronTransport(b).api.call('listExperiments', {})).resolves.toEqual([{ id: 1 }]);
    expect(b.call).toHaveBeenCalledWith('listExperiments', {});
  });

  it('rejects with the error code and one-line message', async () => {
    const b = bridge({ ok: false, error: { code: 'NOT_FOUND', message: 'experiment 9 not found\nstack…' } });
    const error = await electronTransport(b).api.call('getExperiment', { experimentId: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'experiment 9 not found' });
  });

  it('saves text as a string and blobs as bytes', async () => {
    const b = bridge({ ok: true, value: null });
    const t = electronTransport(b);
    await t.save('a.csv', 'x,y', 'text/csv');
    await t.save('a.png', new Blob([new Uint8Array([1, 2])]));
    expect(b.saveFile).toHaveBeenNthCalledWith(1, 'a.csv', 'x,y');
    expect(b.saveFile).toHaveBeenNthCalledWith(2, 'a.png', new Uint8Array([1, 2]));
  });

  it('offers the open dialog (its picked path, undefined when cancelled); web mode has none', async () => {
    const b = bridge({ ok: true, value: null });
    expect(await electronTransport(b).pickFile!()).toBe('/home/me/sales.csv');
    b.openFile = vi.fn(async () => ({}));
    expect(await electronTransport(b).pickFile!()).toBeUndefined();
    expect(webTransport('t').pickFile).toBeUndefined();
  });
});

describe('webTransport calls', () => {
  it('POSTs the input with the bearer token and unwraps the reply', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { experimentId: 3 } }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await expect(webTransport('tok').api.call('resumeExperiment', { experimentId: 3 })).resolves.toEqual({ experimentId: 3 });
    expect(fetch).toHaveBeenCalledWith('/api/resumeExperiment', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok' },
      body: '{"experimentId":3}',
    });
  });

  it('turns error replies, refusals and network failures into ApiErrors', async () => {
    const t = webTransport('tok');
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code: 'REQUEST_INVALID', message: 'bad input' } }), { status: 400 }));
    await expect(t.api.call('listExperiments', {})).rejects.toMatchObject({ code: 'REQUEST_INVALID', message: 'bad input' });
    vi.stubGlobal('fetch', async () => new Response('forbidden', { status: 401 }));
    await expect(t.api.call('listExperiments', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(t.api.call('listExperiments', {})).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
