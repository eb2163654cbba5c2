/** Small statistics for charts (the authoritative summaries come from the server's describe()). */

import { deviation, mean as d3mean, quantile as d3quantile } from 'd3-array';

// d3-array's mean, deviation (n − 1, Welford's one-pass update) and quantile (R-7, numpy's default) — the same
// library the Node side's describe() uses, so screen and exports agree.

/** Arithmetic mean; NaN for an empty list. */
export const mean = (values: readonly number[]): number => d3mean(values) ?? NaN;

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export const std = (values: readonly number[]): number => deviation(values) ?? 0;

/** Quantile `q` ∈ [0, 1] with linear interpolation (pandas/numpy default); NaN for an empty list. */
export const quantile = (values: readonly number[], q: number): number => d3quantile(values, q) ?? NaN;

/** The five numbers a boxplot draws: [min, q1, median, q3, max]. */
export function fiveNumbers(values: readonly number[]): [number, number, number, number, number] {
  return [quantile(values, 0), quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75), quantile(values, 1)];
}

/**
 * A deterministic horizontal offset in [−width/2, width/2) for point `index` of group `group`
 * (a hash, so the same data always draws the same picture and tests can pin it).
 */
export function jitter(group: number, index: number, width = 0.3): number {
  let h = (Math.imul(group + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return (h / 2 ** 32 - 0.5) * width;
}

/**
 * A "nice" axis extent covering [lo, hi] with about `ticks` intervals of 1, 2 or 5 × 10^k,
 * padded so points on the edge stay visible. Returns [min, max].
 */
export function niceExtent(lo: number, hi: number, ticks = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi < lo) [lo, hi] = [hi, lo];
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].find((m) => m * mag >= raw)! * mag;
  let min = Math.floor(lo / unit) * unit;
  let max = Math.ceil(hi / unit) * unit;
  // Points exactly on an edge would be clipped by the grid: give them room (except a floor at 0).
  if (lo - min < unit * 1e-6 && lo !== 0) min -= unit;
  if (max - hi < unit * 1e-6) max += unit;
  // Rounding noise (0.1 + 0.2) would print as 0.30000000000000004 on the axis.
  const digits = Math.max(0, -Math.floor(Math.log10(unit)));
  return [Number(min.toFixed(digits)), Number(max.toFixed(digits))];
}

/**
 * A tick interval for a fixed axis extent [min, max]: the smallest 1, 2 or 5 × 10^k step that gives at most
 * `ticks` + 1 intervals and lands on both ends (ECharts' own choice on a fixed extent can be a step like 0.03
 * that meets neither end); (max − min) / `ticks` when no such step exists.
 */
export function niceInterval(min: number, max: number, ticks = 5): number {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const onGrid = (v: number, step: number) => Math.abs(v / step - Math.round(v / step)) < 1e-6;
  let mag = 10 ** Math.floor(Math.log10(span / (ticks + 1)));
  for (let guard = 0; guard < 4; guard++, mag *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * mag;
      if (span / step <= ticks + 1 + 1e-9 && onGrid(min, step) && onGrid(max, step)) return step;
    }
  }
  return span / ticks;
}
