// `npm start`: the desktop app when Electron's binary is installed; otherwise web mode (a localhost server plus
// a Chromium/Chrome app window when one is installed), saying which it did.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => execFileSync(npm, args, { stdio: 'inherit' });

let electron;
try {
  electron = require('electron'); // the binary's path; throws when the package or its binary is missing
  if (typeof electron !== 'string' || !existsSync(electron)) electron = undefined;
} catch {
  electron = undefined;
}

if (electron) {
  console.log('RNN Lab: starting the desktop app (Electron)');
  run(['run', 'build']);
  run(['run', 'build:electron']);
  spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("RNN Lab: Electron's binary is not installed on this machine, so starting web mode");
  run(['run', 'build']);
  run(['run', 'build:ui']);
  const server = spawn(process.execPath, ['dist/src-main/server/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.on('SIGINT', () => server.kill('SIGINT'));
  server.on('exit', (code) => process.exit(code ?? 0));
}
