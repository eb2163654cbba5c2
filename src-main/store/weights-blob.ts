import type { WeightTensor } from '../contract/results.js';

/** A trial's weights as stored: the layout (names, shapes) as JSON and every value as float64 in one blob. */
export interface WeightsBlob {
  readonly layout: string;
  readonly data: Buffer;
}

/** Packs weight tensors (in order) into a layout and one little-endian float64 blob: exact, nothing rounded. */
export function packWeights(weights: readonly WeightTensor[]): WeightsBlob {
  const total = weights.reduce((n, w) => n + w.values.length, 0);
  const all = new Float64Array(total);
  let at = 0;
  for (const w of weights) {
    all.set(w.values, at);
    at += w.values.length;
  }
  return { layout: JSON.stringify(weights.map((w) => ({ name: w.name, shape: w.shape }))), data: Buffer.from(all.buffer, all.byteOffset, all.byteLength) };
}

/** The tensors of {@link packWeights}'s output, bit for bit (the blob is copied: SQLite's buffer may be unaligned). */
export function unpackWeights(layout: string, data: Uint8Array): WeightTensor[] {
  const all = new Float64Array(new Uint8Array(data).buffer);
  let at = 0;
  return (JSON.parse(layout) as { name: string; shape: number[] }[]).map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = all.slice(at, at + size);
    at += size;
    return { name, shape, values };
  });
}
