import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInputs, buildStatus, STAMP, writeStamp } from '../scripts/build-inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary copy of the real build inputs (timestamps kept) and of the real stamp. */
function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-stamp-'));
  temps.push(dir);
  for (const f of buildInputs(ROOT)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f), { preserveTimestamps: true });
  }
  mkdirSync(join(dir, 'dist'));
  cpSync(join(ROOT, STAMP), join(dir, STAMP), { preserveTimestamps: true });
  return dir;
}

/** Sets a file's modification time to `ms` (a touch, without changing the content). */
const touch = (path: string, ms: number) => utimesSync(path, ms / 1000, ms / 1000);

describe('dist/ freshness (the globalSetup rebuilds a stale build before any test runs)', () => {
  it('the globalSetup left the real dist/ fresh, built without tests or testing/ helpers', () => {
    expect(buildStatus(ROOT)).toEqual({ fresh: true });
    expect(existsSync(join(ROOT, 'dist/testing'))).toBe(false);
    const built = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? built(join(dir, e.name)) : [e.name]));
    expect(built(join(ROOT, 'dist')).filter((f) => f.includes('.test.'))).toEqual([]);
  });

  it('a temporary copy of the repository is fresh, and stale once one of its sources is touched', () => {
    const dir = copyOfRepository();
    expect(buildStatus(dir)).toEqual({ fresh: true });
    touch(join(dir, 'src-main/engine/fused/gemm.ts'), Date.now() + 1000);
    expect(buildStatus(dir)).toEqual({ fresh: false, reason: 'src-main/engine/fused/gemm.ts changed after the last build started' });
  });

  it('reports a missing stamp, an added or removed source and a changed config; ignores tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnlab-stamp-'));
    temps.push(dir);
    const past = Date.now() - 60_000;
    const write = (f: string) => {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), '// x\n');
      touch(join(dir, f), past);
    };
    ['src-main/a.ts', 'src-main/a.test.ts', 'src-main/store/migrations/0001_init.sql', 'bench/b.ts', 'tsconfig.json'].forEach(write);
    expect(buildStatus(dir)).toMatchObject({ fresh: false, reason: expect.stringMatching(/never built/) });
    mkdirSync(join(dir, 'dist'));
    writeStamp(dir, past + 1000);
    expect(buildInputs(dir)).toEqual(['bench/b.ts', 'src-main/a.ts', 'src-main/store/migrations/0001_init.sql', 'tsconfig.json']);
    expect(buildStatus(dir)).toEqual({ fresh: true });

    touch(join(dir, 'src-main/a.test.ts'), Date.now()); // tests are not build inputs
    expect(buildStatus(dir)).toEqual({ fresh: true });
    touch(join(dir, 'src-main/store/migrations/0001_init.sql'), Date.now()); // copied into dist/
    expect(buildStatus(dir)).toMatchObject({ fresh: false, reason: expect.stringContaining('0001_init.sql changed') });
    touch(join(dir, 'src-main/store/migrations/0001_init.sql'), past);
    touch(join(dir, 'tsconfig.json'), Date.now());
    expect(buildStatus(dir)).toMatchObject({ fresh: false, reason: expect.stringContaining('tsconfig.json changed') });
    touch(join(dir, 'tsconfig.json'), past);

    write('src-main/new.ts'); // old timestamp (a copied or renamed file): caught by the input list, not the clock
    expect(buildStatus(dir)).toEqual({ fresh: false, reason: 'src-main/new.ts is new since the last build' });
    rmSync(join(dir, 'src-main/new.ts'));
    rmSync(join(dir, 'bench/b.ts'));
    expect(buildStatus(dir)).toEqual({ fresh: false, reason: 'bench/b.ts was removed since the last build' });
  });
});
