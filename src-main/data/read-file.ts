import { readFileSync, statSync } from 'node:fs';
import { LabError, toLabError } from '../contract/errors.js';

/** Largest data file read into memory (a bigger one is refused with the fix instead of exhausting memory). */
export const MAX_DATA_FILE_BYTES = 1024 ** 3;

/**
 * The bytes of a data file, after checks that each give one line naming the path and the spec field:
 * missing, a folder, a device or pipe, unreadable (permissions), larger than {@link MAX_DATA_FILE_BYTES}.
 * `field` is the spec path that names the file, e.g. 'data.path'; `what` says what kind of file, e.g. 'CSV'.
 */
export function readDataFile(path: string, field: string, what: string): Buffer {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LabError('FILE_NOT_FOUND', `${path}: is a folder, not a file; point ${field} at the ${what} file inside it`);
    // A device (/dev/zero) reports size 0 and is read for ever; a pipe is gone after the check reads it, yet every
    // repeat reads the data again: only regular files will do.
    if (!stat.isFile()) throw new LabError('FILE_NOT_FOUND', `${path}: is a device, pipe or socket, not a file; point ${field} at the ${what} file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof LabError) throw error;
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new LabError('FILE_NOT_FOUND', `${path}: ${what} file not found; check ${field} in the spec (relative paths start at the spec's folder)`);
    }
    throw toLabError(error, path);
  }
  if (size > MAX_DATA_FILE_BYTES) {
    throw new LabError('DATA_INVALID', `${path}: ${(size / 1024 ** 3).toFixed(1)} GiB is more than the ${MAX_DATA_FILE_BYTES / 1024 ** 3} GiB RNN Lab reads into memory; use a sample of it`);
  }
  try {
    return readFileSync(path);
  } catch (error) {
    throw toLabError(error, path);
  }
}
