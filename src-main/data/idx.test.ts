import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIdx } from './idx.js';
import { bundledDigits, idxDigits } from './mnist.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-idx-'));

/** An IDX file of bytes with the given dims (big-endian header, as MNIST's). */
function idx(dims: number[], data: number[], magicType = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(magicType, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('IDX loader', () => {
  it('reads images and labels, plain and gzip, scaling pixels to [0, 1]', () => {
    const pixels = Array.from({ length: 2 * 784 }, (_, i) => i % 256);
    const images = file('images-idx3-ubyte.gz', gzipSync(idx([2, 28, 28], pixels)));
    const labels = file('labels-idx1-ubyte', idx([2], [7, 3]));
    const digits = idxDigits(images, labels);
    expect(digits.count).toBe(2);
    expect([...digits.labels]).toEqual([7, 3]);
    expect(digits.images[255]).toBe(1);
    expect(digits.images[784 + 1]).toBeCloseTo(((784 + 1) % 256) / 255, 12); // one float64 division either way
  });

  it('names a truncated file, a wrong magic number and mismatched counts', () => {
    const truncated = file('trunc', idx([3, 28, 28], Array(100).fill(0)));
    expect(() => readIdx(truncated)).toThrow(/trunc: truncated: the header promises 2352 bytes .* holds 100/);
    const wrong = file('wrong', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]));
    expect(() => readIdx(wrong)).toThrow(/wrong: not an IDX file \(wrong magic number\)/);
    const floats = file('floats', idx([1], [0], 0x0d));
    expect(() => readIdx(floats)).toThrow(/element type 0xd is not unsigned bytes/);
    const images = file('i1', idx([1, 28, 28], Array(784).fill(0)));
    const labels = file('l2', idx([2], [1, 2]));
    expect(() => idxDigits(images, labels)).toThrow(/2 labels for 1 images/);
    expect(() => readIdx(join(dir, 'missing'))).toThrow(/IDX file not found/);
  });

  it('loads the bundled digits: about 1,000 per class, pixels in [0, 1]', () => {
    const digits = bundledDigits();
    expect(digits.count).toBeGreaterThan(9000);
    const perClass = Array.from({ length: 10 }, (_, d) => digits.labels.filter((l) => l === d).length);
    for (const n of perClass) expect(n).toBeGreaterThan(800);
    expect(Math.max(...digits.images.subarray(0, 784 * 5))).toBeLessThanOrEqual(1);
  });
});
