import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rnnlab } from '../../testing/cli/run-cli.js';
import { freePort } from '../../testing/queue/redis-server.js';

// A wrong --queue is one line naming the URL (its password hidden) and the fix, before anything is stored. No Redis
// is needed: nothing listens on the port these URLs name.
describe('--queue refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-queue-opts-'));

  it('an unreachable Redis: one line, the password hidden, nothing stored', async () => {
    const db = join(dir, 'never.db');
    const port = await freePort();
    const r = rnnlab(['run', 'experiments/shampoo-lstm.json', '--repeats', '1', '--epochs', '1', '--db', db, '--queue', `redis://lab:s3cret@127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^rnnlab: --queue redis://lab:\\*\\*\\*@127\\.0\\.0\\.1:${port}: cannot reach Redis \\(.*ECONNREFUSED.*\\); start redis-server there or check the URL\\n$`));
    expect(r.stderr).not.toContain('s3cret');
    expect(existsSync(db)).toBe(false);
  });

  it('a URL that is not redis:// or rediss://, for the desk and the worker alike', () => {
    for (const args of [['run', 'experiments/shampoo-lstm.json', '--db', join(dir, 'x.db'), '--queue', 'http://127.0.0.1:6379'], ['worker', '--queue', 'localhost']]) {
      const r = rnnlab(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^rnnlab: --queue \S+: (use redis:\/\/host:port or rediss:\/\/host:port \(TLS\), not http:\/\/|not a URL; give redis:\/\/host:6379)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
