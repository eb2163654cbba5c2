// Bundles the worker threads' entries (the trial worker, the data-parallel replica) into dist/workers/ with
// esbuild: one file per entry plus shared chunks, with their npm packages inside. A worker thread starts by
// loading its modules; from tsc's output that is ≈115 modules of ours and zod's, csv-parse's, … files, each
// resolved and compiled alone (≈120 ms a worker, measured), from the bundle ≈50 ms. Kept outside: TF.js (loaded
// only by trials on the tfjs engine, through import()) and .node files.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { KERNEL_LOADERS, moveNativePaths } from './native-paths.mjs';

/** From dist/workers/ the kernels' native/ is one folder up (dist/native). */
const kernelPaths = {
  name: 'rnnlab-kernel-paths',
  setup(b) {
    b.onLoad({ filter: KERNEL_LOADERS }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: moveNativePaths(source, args.path, '../native/'), loader: 'ts' };
    });
  },
};

/** Builds dist/workers/{trial-worker,worker}.js (the pool and the data-parallel trainer start these when they exist). */
export async function bundleWorkers() {
  await build({
    entryPoints: { 'trial-worker': 'src-main/runner/trial-worker.ts', worker: 'src-main/runner/data-parallel/worker.ts' },
    outdir: 'dist/workers',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@tensorflow/*', '*.node'],
    // CommonJS packages bundled into ESM call require() for Node's builtins: give them one.
    banner: { js: "import { createRequire as __rnnlabRequire } from 'node:module'; const require = __rnnlabRequire(import.meta.url);" },
    plugins: [kernelPaths],
    logLevel: 'warning',
  });
}
