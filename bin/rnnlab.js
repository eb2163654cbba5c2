#!/usr/bin/env node
// The `rnnlab` command: runs the compiled CLI (built by `npm install`'s prepare step, or `npm run build`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/src-main/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('rnnlab: not built yet; run `npm run build` (npm install does it) and try again');
  process.exit(1);
}
await import(entry.href);
