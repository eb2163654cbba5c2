// Builds the renderer with plain Vite from the shared config in electron.config.ts (web mode; no Electron needed).
import { build } from 'vite';
import { rendererConfig } from '../electron.config.ts';

await build({ ...rendererConfig, configFile: false, logLevel: 'warn' });
