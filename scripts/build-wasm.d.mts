/** Path of the built module. */
export const WASM: string;
/** The AssemblyScript compiler flags of the build. */
export const ASC_FLAGS: readonly string[];
/** True when the built module exists and is newer than every source in native/wasm. */
export function wasmFresh(): boolean;
/** Builds the module; null on success, else the reason (one line). Never throws. */
export function buildWasm(): string | null;
