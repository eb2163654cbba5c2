import type { Command } from 'commander';
import { integer } from './options.js';

/** Registers `rnnlab worker`: a process that runs trial jobs from a Redis queue until Ctrl-C. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run trials for desks elsewhere: take trial jobs from a Redis queue (rnnlab run … --queue URL) until Ctrl-C')
    .requiredOption('--queue <url>', 'the Redis the desks enqueue to: redis://host:6379, rediss:// for TLS (user and password in the URL)')
    .option('--concurrency <n>', 'trials at once, each on its own thread', integer('--concurrency', 1), 1)
    .option('--threads <n>', 'threads per trial: above 1, a large stateless model splits each batch over them (data-parallel); give at most cores ÷ concurrency, and only when nothing else trains on this machine', integer('--threads', 1, 1024), 1)
    .option('--name <name>', 'how desks and the app name this worker (default: host-pid)')
    .option('--lock-duration <ms>', 'job lock, ms: a worker silent this long is taken as dead and its trial runs elsewhere', integer('--lock-duration', 1000), 60_000)
    .option('--stalled-interval <ms>', 'how often to look for trials of dead workers, ms', integer('--stalled-interval', 500), 30_000)
    .action(async (o: { queue: string; concurrency: number; threads: number; name?: string; lockDuration: number; stalledInterval: number }) => {
      // Loaded here, not at start: other commands never load BullMQ and its Redis driver.
      const [{ redactUrl }, { defaultWorkerName }, { startQueueWorker }] = await Promise.all([
        import('../queue/connection.js'),
        import('../queue/worker-identity.js'),
        import('../queue/worker.js'),
      ]);
      const log = (line: string) => process.stderr.write(`rnnlab worker: ${line}\n`);
      const worker = await startQueueWorker({
        url: o.queue,
        name: o.name ?? defaultWorkerName(),
        concurrency: o.concurrency,
        threads: o.threads,
        lockDurationMs: o.lockDuration,
        stalledIntervalMs: o.stalledInterval,
        log,
      });
      log(`waiting for trials on ${redactUrl(o.queue)} (Ctrl-C stops; running trials go back to the queue)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      log('stopping');
      await worker.close();
    });
}
