/**
 * Indices that keep at most about `max` of `n` points by a fixed stride, always keeping the first and last
 * (long training runs have 10⁵ epochs; drawing every one would stall the page for no visible gain).
 */
export function strideIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  const stride = Math.max(1, Math.ceil(n / Math.max(2, max)));
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** `values` at `indices`. */
export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}
