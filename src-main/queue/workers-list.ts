import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { QueueStatus } from '../contract/api.js';
import { WORKER_KEYS } from './job-data.js';

/** A connected worker as its heartbeat describes it (the contract's type: the app's Settings page lists these). */
export type WorkerStatus = QueueStatus['workers'][number];

/** Every worker whose heartbeat has not expired, by name (SCAN, not KEYS: never blocks a shared server). */
export async function listWorkers(redis: Redis): Promise<WorkerStatus[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', WORKER_KEYS, 'COUNT', 200);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  const rows = await Promise.all(keys.map((key) => redis.hgetall(key)));
  return rows
    .filter((r) => r.worker)
    .map((r) => ({
      worker: r.worker!,
      host: r.host ?? '?',
      cores: Number(r.cores ?? 0),
      kernelTier: r.kernelTier ?? '?',
      code: (JSON.parse(r.versions ?? '{}') as { code?: string }).code ?? '?',
      trialsDone: Number(r.trialsDone ?? 0),
      current: (r.current ?? '').split(',').filter(Boolean).map(Number),
      heartbeatAt: r.heartbeatAt ?? '',
    }))
    .sort((a, b) => a.worker.localeCompare(b.worker));
}

/**
 * A short tag naming one desk database (host and absolute path, hashed): job ids start with it, so desks with
 * different databases can share a Redis server without their trial ids colliding.
 */
export function databaseTag(absolutePath: string): string {
  return createHash('sha256').update(`${hostname()}\n${absolutePath}`).digest('hex').slice(0, 10);
}
