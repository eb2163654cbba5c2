import type { Command } from 'commander';
import { toMarkdown } from '../export/tables.js';

/** Registers `rnnlab workers --queue URL`: the workers connected to a queue (what the app's settings would list). */
export function registerWorkersCommand(program: Command): void {
  program
    .command('workers')
    .description('list the `rnnlab worker` processes connected to a Redis queue: name, host, cores, kernels, trials done, current trial, last heartbeat')
    .requiredOption('--queue <url>', 'the Redis the workers take trials from: redis://host:6379, rediss:// for TLS')
    .option('--json', 'print JSON')
    .action(async (o: { queue: string; json?: boolean }) => {
      // Loaded here, not at start: other commands never load BullMQ and its Redis driver.
      const [{ connectRedis, redactUrl }, { listWorkers }] = await Promise.all([import('../queue/connection.js'), import('../queue/workers-list.js')]);
      const redis = await connectRedis(o.queue);
      try {
        const workers = await listWorkers(redis);
        if (o.json) process.stdout.write(`${JSON.stringify(workers)}\n`);
        else if (workers.length === 0) process.stdout.write(`no worker is connected to ${redactUrl(o.queue)}; start one with: rnnlab worker --queue ${redactUrl(o.queue)}\n`);
        else {
          process.stdout.write(
            toMarkdown({
              columns: ['worker', 'host', 'cores', 'kernels', 'code', 'trials done', 'running', 'last heartbeat'],
              rows: workers.map((w) => [w.worker, w.host, w.cores, w.kernelTier, w.code, w.trialsDone, w.current.length ? w.current.map((t) => `#${t}`).join(' ') : '—', w.heartbeatAt]),
            }),
          );
        }
      } finally {
        redis.disconnect();
      }
    });
}
