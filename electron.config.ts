/**
 * Build configuration of the desktop app (electron-vite).
 * - `electron-vite build --config electron.config.ts` builds main, preload and renderer when Electron is installed;
 * - `scripts/build-renderer.ts` builds the same renderer with plain Vite for web mode, where Electron's binary
 *   could not be downloaded (electron-vite needs the electron package to pick its targets).
 */
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { UserConfig } from 'vite';
import { KERNEL_LOADERS, moveNativePaths } from './scripts/native-paths.mjs';

const root = import.meta.dirname;
// The bundle's folder at the package root: out/, or another one for the bundle test (testing/electron-bundle.test.ts),
// which must not replace out/renderer while other tests serve it. Chunks in <out>/main find native/ two folders up.
const out = resolve(root, process.env.RNNLAB_ELECTRON_OUT ?? 'out');

/** The renderer (Svelte + ECharts), shared by Electron and web mode. Output: out/renderer. */
export const rendererConfig: UserConfig = {
  root: resolve(root, 'src-renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: resolve(out, 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: resolve(root, 'src-renderer/index.html'),
      // zod's sources carry `@__PURE__` comments Rollup cannot place; harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
};

/** The store's SQL migrations beside the bundle's chunks (store/migrate.ts reads `./migrations/` next to itself). */
const copyMigrations = {
  name: 'rnnlab-copy-migrations',
  closeBundle() {
    cpSync(resolve(root, 'src-main/store/migrations'), resolve(out, 'main/migrations'), { recursive: true });
  },
};

/**
 * The kernels' builds seen from the bundle (scripts/native-paths.mjs): its chunks sit in <out>/main/, two folders
 * below the package root, in the repository and in the packaged app (whose files include native/'s builds).
 */
const kernelPaths = {
  name: 'rnnlab-kernel-paths',
  transform(code: string, id: string) {
    return KERNEL_LOADERS.test(id) ? { code: moveNativePaths(code, id, '../../native/'), map: null } : null;
  },
};

export default defineConfig({
  main: {
    plugins: [copyMigrations, kernelPaths],
    build: {
      outDir: resolve(out, 'main'),
      // The worker threads' entries beside backend-host: the trial pool starts `./trial-worker.js` and a
      // data-parallel trial `./worker.js`, each relative to the module that starts it (here: a chunk in out/main).
      lib: {
        entry: {
          main: resolve(root, 'src-main/shell/main.ts'),
          'backend-host': resolve(root, 'src-main/shell/backend-host.ts'),
          'trial-worker': resolve(root, 'src-main/runner/trial-worker.ts'),
          worker: resolve(root, 'src-main/runner/data-parallel/worker.ts'),
        },
      },
      rollupOptions: { external: ['better-sqlite3', 'piscina', '@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'] },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS.
    build: {
      outDir: resolve(out, 'preload'),
      lib: { entry: resolve(root, 'src-main/shell/preload.ts') },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
});
