import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { QueuePool } from '../queue/queue-pool.js';
import { databasePath } from './db-path.js';

/** `--queue`, shared by run and resume: run the trials on `rnnlab worker` processes through Redis. */
export const queueOption = () =>
  new Option('--queue <url>', 'run the trials on `rnnlab worker` processes through this Redis (redis://host:6379, rediss:// for TLS)');

/**
 * Connects the desk to the queue for the database `db` and says on stderr which workers are there (and which of
 * them run other code, and so will refuse these trials). LabError naming the URL when Redis cannot be reached.
 */
export async function openQueuePool(url: string, db: string | undefined): Promise<QueuePool> {
  // Loaded here, not at start: commands without --queue never load BullMQ and its Redis driver.
  const [{ codeHash }, { redactUrl }, { QueuePool }, { databaseTag }] = await Promise.all([
    import('../queue/code-hash.js'),
    import('../queue/connection.js'),
    import('../queue/queue-pool.js'),
    import('../queue/workers-list.js'),
  ]);
  const pool = await QueuePool.open({ url, dbTag: databaseTag(resolve(databasePath(db))), desk: `${hostname()}/${process.pid}` });
  const workers = await pool.workers();
  const own = codeHash();
  const other = workers.filter((w) => w.code !== own);
  if (workers.length === 0) process.stderr.write(`rnnlab: no worker is connected to ${redactUrl(url)} yet; trials wait until one runs: rnnlab worker --queue ${redactUrl(url)}\n`);
  else process.stderr.write(`rnnlab: ${workers.length} worker${workers.length === 1 ? '' : 's'} on ${redactUrl(url)}: ${workers.map((w) => `${w.worker} (${w.host}, ${w.cores} cores, ${w.kernelTier})`).join(', ')}\n`);
  if (other.length) process.stderr.write(`rnnlab: warning: ${other.map((w) => w.worker).join(', ')} run${other.length === 1 ? 's' : ''} other RNN Lab code (${other[0]!.code}, here ${own}) and will refuse these trials\n`);
  return pool;
}
