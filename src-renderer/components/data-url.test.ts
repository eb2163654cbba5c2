import { describe, expect, it } from 'vitest';
import { dataUrlToBlob } from './data-url.js';

describe('dataUrlToBlob', () => {
  it('decodes base64 and plain data URLs', async () => {
    const png = dataUrlToBlob('data:image/png;base64,iVBORw0K');
    expect(png.type).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    const text = dataUrlToBlob('data:text/plain,a%20b');
    expect(await text.text()).toBe('a b');
  });

  it('refuses other URLs', () => {
    expect(() => dataUrlToBlob('https://x')).toThrow(/data: URL/);
  });
});
