// Builds the Node side (CLI, services, runner, workers) to dist/ with tsc and copies the SQL migrations beside it.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('src-main/store/migrations', 'dist/src-main/store/migrations', { recursive: true });
