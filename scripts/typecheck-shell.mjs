// Type-checks the Electron shell (main + preload) with Electron's own types. The `electron` package brings them
// even without its binary (`.ci/run` installs it with ELECTRON_SKIP_BINARY_DOWNLOAD=1); where npm dropped the
// package because its binary download failed, this says so and how to get the types, instead of failing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (!existsSync('node_modules/electron/electron.d.ts')) {
  // CI installs the types on purpose, so there a missing package is a failure, not a skip.
  if (process.env.RNNLAB_REQUIRE_ELECTRON_TYPES) {
    console.error('typecheck:shell: the electron package is missing; CI installs it with ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    process.exit(1);
  }
  console.log('typecheck:shell skipped: the electron package is not installed; `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install` brings its types');
  process.exit(0);
}
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.shell.json'], { stdio: 'inherit' });
