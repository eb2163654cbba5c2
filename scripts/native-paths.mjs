// The kernels' loaders (src-main/engine/kernels/native-addon.ts, wasm-kernels.ts) name native/ three folders up:
// right from src-main/engine/kernels/ and from tsc's dist/src-main/engine/kernels/. A bundle moves their code to
// another depth (dist/workers/: one folder; the Electron bundle's <out>/main/: two), so each bundler rewrites the
// path in those two files, and only there (scripts/bundle-workers.mjs, electron.config.ts).

/** The module ids of the two loaders. */
export const KERNEL_LOADERS = /engine[\\/]kernels[\\/](native-addon|wasm-kernels)\.ts$/;

/**
 * `source` (of the loader `id`) with its native/ paths starting at `prefix` (e.g. '../native/') instead of
 * '../../../native/'; throws when it holds none (the loader changed and the bundle would not find the kernels).
 */
export function moveNativePaths(source, id, prefix) {
  const moved = source.replace(/(['"`])\.\.\/\.\.\/\.\.\/native\//g, `$1${prefix}`);
  if (moved === source) throw new Error(`native-paths: no native/ path found in ${id}`);
  return moved;
}
