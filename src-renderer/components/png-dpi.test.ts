import { describe, expect, it } from 'vitest';
import { crc32, pngInfo, withDpi } from './png-dpi.js';

// A real 1 × 1 RGBA PNG; the CRCs its chunks carry (written by the encoder that made it) are the oracle for ours.
// Chromium decoding a stamped export is checked end to end in e2e/workbench.spec.ts.
const TINY = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** Every chunk: type, data and whether its stored CRC matches {@link crc32} of type + data. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const crc = view.getUint32(at + 8 + len);
    out.push({ type, data: png.subarray(at + 8, at + 8 + len), crc, crcOk: crc32(png.subarray(at + 4, at + 8 + len)) === crc });
    at += 12 + len;
  }
  return out;
}

describe('crc32', () => {
  it('gives the standard check value and the CRCs an encoder wrote', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(chunks(TINY).map((c) => [c.type, c.crc])).toEqual([['IHDR', 0x1f15c489], ['IDAT', 0xeb47ba92], ['IEND', 0xae426082]]);
    expect(chunks(TINY).every((c) => c.crcOk)).toBe(true);
  });
});

describe('withDpi', () => {
  it('adds one valid pHYs chunk after IHDR, keeping every other chunk byte for byte', () => {
    const png = withDpi(TINY, 300);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const phys = new DataView(list[1]!.data.buffer, list[1]!.data.byteOffset, 9);
    expect(phys.getUint32(0)).toBe(11811); // 300 / 0.0254 = 11811.02 px per metre
    expect(phys.getUint32(4)).toBe(11811);
    expect(phys.getUint8(8)).toBe(1); // the unit is the metre
    expect([...list[2]!.data]).toEqual([...chunks(TINY)[1]!.data]);
    expect(png.length).toBe(TINY.length + 21);
    expect(pngInfo(png)).toEqual({ width: 1, height: 1, dpi: 300 });
    expect(pngInfo(TINY)).toEqual({ width: 1, height: 1, dpi: null });
  });

  it('replaces an earlier pHYs rather than adding a second', () => {
    const twice = withDpi(withDpi(TINY, 72), 600);
    expect(chunks(twice).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(pngInfo(twice).dpi).toBe(600);
  });

  it('refuses bytes that are not a PNG', () => {
    expect(() => withDpi(new Uint8Array(40), 300)).toThrow(TypeError);
  });
});
