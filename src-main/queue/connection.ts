import { Redis } from 'ioredis';
import { LabError } from '../contract/errors.js';

/** The BullMQ queue every desk and worker of a Redis server shares. */
export const QUEUE_NAME = 'rnnlab-trials';

/** How long a first connection may take before the URL is reported unreachable, ms. */
const CONNECT_TIMEOUT_MS = 5_000;

/** `redis://user:secret@host:6379` → `redis://user:***@host:6379`: URLs are printed, passwords never. */
export function redactUrl(url: string): string {
  return url.replace(/^(\w+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/**
 * Checks a `--queue` URL's form: `redis://` or `rediss://` (TLS), with optional user, password and db number, all
 * passed through to ioredis. Throws LabError('REQUEST_INVALID') naming the option and the form otherwise.
 */
export function checkQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LabError('REQUEST_INVALID', `--queue ${redactUrl(url)}: not a URL; give redis://host:6379 (or rediss:// for TLS)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new LabError('REQUEST_INVALID', `--queue ${redactUrl(url)}: use redis://host:port or rediss://host:port (TLS), not ${parsed.protocol}//`);
  }
  return url;
}

/**
 * Opens an ioredis connection for BullMQ (`maxRetriesPerRequest: null`, as BullMQ requires, so commands wait through
 * a reconnect instead of failing) and waits until it answers. Throws LabError('REQUEST_INVALID') naming the URL
 * (password hidden) when Redis cannot be reached within 5 s.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(checkQueueUrl(url), { maxRetriesPerRequest: null, lazyConnect: true });
  // ioredis reports each failed reconnect as an 'error' event; without a listener Node would print each one.
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(lastError || 'timed out')), CONNECT_TIMEOUT_MS))),
    ]);
  } catch (error) {
    redis.disconnect();
    const why = lastError || (error instanceof Error ? error.message : String(error));
    throw new LabError('REQUEST_INVALID', `--queue ${redactUrl(url)}: cannot reach Redis (${why}); start redis-server there or check the URL`);
  } finally {
    clearTimeout(timer);
  }
  return redis;
}
