import type { Redis } from 'ioredis';

// JSON loses what a trial's outcome must keep bit for bit: Float64Array weights (JSON writes them as objects) and
// NaN / ±Infinity / -0 (JSON writes null or 0). Tagged values carry them; every other number is written by JSON in
// its shortest round-trip form, which parses back to the same double.



function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Float64Array) return { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { $num: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const tagged = value as Partial<Record<'$f64' | '$num', string>>;
  if (typeof tagged.$f64 === 'string' && Object.keys(value).length === 1) {
    const bytes = Buffer.from(tagged.$f64, 'base64');
    // Copy into a fresh, aligned buffer (a Buffer's offset into its pool need not be a multiple of 8).
    return new Float64Array(new Uint8Array(bytes).buffer);
  }
  if (typeof tagged.$num === 'string' && Object.keys(value).length === 1) return tagged.$num === '-0' ? -0 : Number(tagged.$num);
  return value;
}

/** A value (a trial outcome, an epochs event) as a JSON string that {@link decodeValue} turns back bit for bit. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** The value written by {@link encodeValue}, typed as the caller knows it was. */
export function decodeValue<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}


/** Encoded results longer than this (characters) travel as a list of chunks of this size instead of one job value. */
export const CHUNK_CHARS = 256 * 1024;
/** How long an unread outcome's chunks stay in Redis, s (a desk away for longer re-runs the trial). */
const CHUNK_TTL_S = 7 * 24 * 3600;

/** Writes `text` as a Redis list of ≤ {@link CHUNK_CHARS} pieces under `key` (replacing it); returns the count. */
export async function putChunks(redis: Redis, key: string, text: string): Promise<number> {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) pieces.push(text.slice(i, i + CHUNK_CHARS));
  await redis.multi().del(key).rpush(key, ...pieces).expire(key, CHUNK_TTL_S).exec();
  return pieces.length;
}

/** Reads the `count` chunks under `key` one by one (never one giant reply) and joins them; throws if some are gone. */
export async function getChunks(redis: Redis, key: string, count: number): Promise<string> {
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) {
    const piece = await redis.lindex(key, i);
    if (piece === null) throw new Error(`outcome chunk ${i + 1}/${count} of ${key} is gone from Redis`);
    pieces.push(piece);
  }
  return pieces.join('');
}
