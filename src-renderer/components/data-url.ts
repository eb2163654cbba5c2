/**
 * A `data:` URL (as `getDataURL` returns) as a Blob, decoded here because the page's CSP does not let
 * `fetch` read data: URLs.
 */
export function dataUrlToBlob(url: string): Blob {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw new TypeError(`dataUrlToBlob(): expected a data: URL, got "${url.slice(0, 30)}…"`);
  const [, mime = 'application/octet-stream', b64, payload = ''] = match;
  if (!b64) return new Blob([decodeURIComponent(payload)], { type: mime });
  const bin = atob(payload);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
