import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { DataFileStamp } from '../contract/results.js';
import { DATA_PATH_FIELDS, type DataSource } from '../contract/spec.js';

/** SHA-256 of a file, read in 1 MiB pieces (data files may be large). */
function sha256(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Hashes of files whose size and modified time differ from their stamp, by path, size and time: the results page
 * asks on every load, and a changed 1 GB file must not be read again each time.
 */
const recentHashes = new Map<string, string>();
function hashOf(path: string, size: number, mtimeMs: number): string {
  const key = `${path}\0${size}\0${mtimeMs}`;
  let hash = recentHashes.get(key);
  if (hash === undefined) {
    hash = sha256(path);
    if (recentHashes.size >= 256) recentHashes.delete(recentHashes.keys().next().value!);
    recentHashes.set(key, hash);
  }
  return hash;
}

/** Stamps of the files a data spec reads (its path fields; paths already resolved). */
export function stampFiles(data: DataSource): DataFileStamp[] {
  const fields = DATA_PATH_FIELDS[data.kind] as readonly string[];
  return fields.flatMap((field) => {
    const path = (data as Record<string, unknown>)[field];
    if (typeof path !== 'string') return [];
    const stat = statSync(path);
    return [{ field: `data.${field}`, path, size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256(path) }];
  });
}

/**
 * The stamped files that are gone or differ now, each with a one-line reason. Size and modified time equal
 * means unchanged (no hashing); otherwise the content decides, so a `touch` alone is not a change.
 */
export function changedFiles(stamps: readonly DataFileStamp[]): { stamp: DataFileStamp; reason: string }[] {
  return stamps.flatMap((stamp) => {
    let stat;
    try {
      stat = statSync(stamp.path);
    } catch {
      return [{ stamp, reason: 'is gone' }];
    }
    if (stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs) return [];
    if (stat.isFile() && hashOf(stamp.path, stat.size, stat.mtimeMs) === stamp.sha256) return [];
    return [{ stamp, reason: stat.size === stamp.size ? 'has changed (same size, other contents)' : `has changed (${stamp.size} → ${stat.size} bytes)` }];
  });
}
