import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of RNN Lab's package.json, found by walking up from `from` (a module URL): the same answer
 * from sources (src-main/…), the build (dist/src-main/…) and the Electron bundle (out/main/…).
 */
export function appRoot(from: string | URL): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rnnlab') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find RNN Lab's package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
