/** Path of the built addon. */
export const ADDON: string;
/** True when the built addon exists and is newer than every source in native/. */
export function nativeFresh(): boolean;
/** Builds the addon; null on success, else the reason (one line). Never throws. */
export function buildNative(options?: { quiet?: boolean }): string | null;
