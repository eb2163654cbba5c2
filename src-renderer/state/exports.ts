import type { MethodInput, TableFormat } from '../../src-main/contract/api.js';
import { api, saveBlob, saveText } from '../api/index.js';
import { attempt, errors } from './errors.svelte.js';

type TableKind = MethodInput<'exportTable'>['table'];

/** Asks the Node side for a table in a format and saves it (dialog or download); errors go to the banner. */
export async function exportTable(
  table: TableKind,
  format: TableFormat,
  experimentIds: readonly number[],
  options: { metric?: string; reference?: number; correction?: 'holm' | 'bonferroni' | 'bh'; alpha?: number } = {},
): Promise<void> {
  await attempt(async () => {
    const out = await api.call('exportTable', {
      table, format, experimentIds: [...experimentIds],
      ...(options.metric ? { metric: options.metric } : {}),
      ...(options.reference !== undefined ? { reference: options.reference } : {}),
      ...(options.correction ? { correction: options.correction } : {}),
      ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
    });
    // Binary formats (XLSX) arrive base64-encoded in the JSON reply: saved as the bytes they are.
    if (out.encoding === 'base64') await saveBlob(out.filename, new Blob([base64Bytes(out.text)], { type: out.mime }));
    else await saveText(out.filename, out.text, out.mime);
  }, `Exporting the ${table} table`);
}

/** The bytes of a base64 text. */
export function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Saves a chart picture (PNG blob or SVG text). */
export async function savePicture(filename: string, data: Blob | string, mime: string): Promise<void> {
  await attempt(() => (typeof data === 'string' ? saveText(filename, data, mime) : saveBlob(filename, data)), `Saving ${filename}`);
}

/** Reports a chart picture that could not be rendered. */
export function pictureFailed(error: unknown): void {
  errors.report(error, 'Exporting the chart');
}
