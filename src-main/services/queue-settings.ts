import { hostname } from 'node:os';
import type { QueueStatus } from '../contract/api.js';
import type { SwitchableRunner } from '../runner/switchable-runner.js';
import type { QueuePool } from '../queue/queue-pool.js';

/**
 * Settings → "Run trials on workers": connects the app's runner to `rnnlab worker` processes through a Redis
 * server (the desk stays the only SQLite writer), or back to local threads, and lists the connected workers.
 * BullMQ and its Redis driver load only when a URL is set. Refusals are one line naming the URL (password hidden).
 */
export class QueueSettings {
  private pool: QueuePool | null = null;
  private url: string | null = null;

  constructor(
    private readonly runner: SwitchableRunner,
    /** Absolute path of the app's database: its tag prefixes the job ids, as for `rnnlab run --queue`. */
    private readonly dbPath: string,
  ) {}

  /** Sends later runs to the workers on `url` (null: local threads); answers the new status. */
  async connect(url: string | null): Promise<QueueStatus> {
    if (url === null) {
      await this.runner.use(null);
      this.pool = null;
      this.url = null;
      return this.status();
    }
    const [{ QueuePool }, { databaseTag }] = await Promise.all([import('../queue/queue-pool.js'), import('../queue/workers-list.js')]);
    const pool = await QueuePool.open({ url, dbTag: databaseTag(this.dbPath), desk: `${hostname()}/${process.pid}` });
    try {
      await this.runner.use(pool);
    } catch (e) {
      await pool.close();
      throw e;
    }
    this.pool = pool;
    this.url = url;
    return this.status();
  }

  /** Where trials run now, and the workers connected to that Redis (name, host, cores, kernels, code, trials, heartbeat). */
  async status(): Promise<QueueStatus> {
    if (!this.pool || this.url === null) return { url: null, workers: [], code: null };
    const [{ redactUrl }, { codeHash }] = await Promise.all([import('../queue/connection.js'), import('../queue/code-hash.js')]);
    const workers = await this.pool.workers();
    return { url: redactUrl(this.url), workers, code: codeHash() };
  }
}
