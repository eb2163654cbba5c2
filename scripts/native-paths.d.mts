/** The module ids of the kernels' two loaders (native-addon.ts, wasm-kernels.ts). */
export const KERNEL_LOADERS: RegExp;
/** `source` of loader `id` with its '../../../native/' paths starting at `prefix` instead; throws when it holds none. */
export function moveNativePaths(source: string, id: string, prefix: string): string;
