import { readDataFile } from './read-file.js';
import { gunzipSync } from 'node:zlib';
import { LabError } from '../contract/errors.js';

/** An IDX array (the MNIST file format): unsigned bytes and their dimensions. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/**
 * Reads an IDX file of unsigned bytes (magic 0x00000803 for images, 0x00000801 for labels), gzip-compressed or
 * not (detected by the gzip magic). Throws LabError naming the file (and `field`, the spec field that gave it) for a
 * missing file, a wrong magic number, a non-byte element type, and a truncated header or body.
 */
export function readIdx(path: string, field = 'data.images / data.labels'): IdxArray {
  let bytes: Buffer = readDataFile(path, field, 'IDX');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new LabError('DATA_INVALID', `${path}: corrupt gzip data (${(error as Error).message}); download the file again`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new LabError('DATA_INVALID', `${path}: not an IDX file (wrong magic number); point ${field} at an MNIST file such as train-images-idx3-ubyte / train-labels-idx1-ubyte (.gz allowed)`);
  }
  if (bytes[2] !== 0x08) {
    throw new LabError('DATA_INVALID', `${path}: IDX element type 0x${bytes[2]!.toString(16)} is not unsigned bytes (0x08); only MNIST-style byte files are supported`);
  }
  const rank = bytes[3]!;
  const header = 4 + 4 * rank;
  if (rank < 1 || bytes.length < header) throw new LabError('DATA_INVALID', `${path}: truncated IDX header (${bytes.length} bytes); the file is cut short: download it again`);
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length < header + size) {
    throw new LabError('DATA_INVALID', `${path}: truncated: the header promises ${size} bytes of data (dims ${dims.join('×')}), the file holds ${bytes.length - header}; it is cut short: download it again`);
  }
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + header, size) };
}
