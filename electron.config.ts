/**
 * Build configuration of the desktop app (electron-vite).
 * - `electron-vite build --config electron.config.ts` builds main, preload and renderer when Electron is installed;
 * - `scripts/build-renderer.ts` builds the same renderer with plain Vite for web mode, where Electron's binary
 *   could not be downloaded (electron-vite needs the electron package to pick its targets).
 */
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { UserConfig } from 'vite';

const root = import.meta.dirname;

/** The renderer (Svelte + ECharts), shared by Electron and web mode. Output: out/renderer. */
export const rendererConfig: UserConfig = {
  root: resolve(root, 'src-renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: resolve(root, 'out/renderer'),
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

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: { main: resolve(root, 'src-main/shell/main.ts'), 'backend-host': resolve(root, 'src-main/shell/backend-host.ts') } },
      rollupOptions: { external: ['better-sqlite3', 'piscina', '@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'] },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS.
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src-main/shell/preload.ts') },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
});
