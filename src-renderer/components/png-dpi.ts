/**
 * Stamps a PNG with its resolution (a pHYs chunk), so a 2100 px wide figure opens as 7 in at 300 dpi in a word
 * processor or LaTeX rather than at the viewer's 72 or 96 dpi. Canvas PNGs carry no pHYs; the few lines here (a
 * CRC-32 and one chunk) are smaller than any library that does it, and are checked against a PNG decoder's reading.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as PNG uses) of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * The PNG `png` with a pHYs chunk of `dpi` dots per inch right after IHDR (any pHYs it had is replaced).
 * Throws TypeError for bytes that are not a PNG.
 */
export function withDpi(png: Uint8Array, dpi: number): Uint8Array<ArrayBuffer> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new TypeError('withDpi(): not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrEnd = 8 + 8 + view.getUint32(8) + 4;
  // Drop an existing pHYs anywhere after IHDR.
  const chunks: Uint8Array[] = [png.subarray(0, ihdrEnd)];
  for (let at = ihdrEnd; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    if (type !== 'pHYs') chunks.push(png.subarray(at, at + 12 + len));
    at += 12 + len;
  }
  const perMetre = Math.round(dpi / 0.0254);
  const phys = new Uint8Array(21);
  const pv = new DataView(phys.buffer);
  pv.setUint32(0, 9);
  phys.set([112, 72, 89, 115], 4); // 'pHYs'
  pv.setUint32(8, perMetre);
  pv.setUint32(12, perMetre);
  phys[16] = 1; // unit: metre
  pv.setUint32(17, crc32(phys.subarray(4, 17)));
  chunks.splice(1, 0, phys);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Width, height and (when stamped) dots per inch of a PNG, read from its IHDR and pHYs chunks. */
export function pngInfo(png: Uint8Array): { width: number; height: number; dpi: number | null } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let dpi: number | null = null;
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    if (type === 'pHYs' && png[at + 16] === 1) dpi = Math.round(view.getUint32(at + 8) * 0.0254);
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return { width: view.getUint32(16), height: view.getUint32(20), dpi };
}
