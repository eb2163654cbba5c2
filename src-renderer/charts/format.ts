/** Number formatting shared by tables and chart tooltips: three decimals, a dash for missing values. */

/** `x` with `digits` decimals (default 3); '—' for null, undefined or non-finite values. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

/** A p-value: three decimals, or '< 0.001' below that. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A duration given in milliseconds, as seconds with one decimal ('12.3 s') or minutes ('4 min 05 s'). */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${String(rest).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m - h * 60).padStart(2, '0')} min`;
}

/** mean ± std with three decimals, '—' before any value exists. */
export function fmtMeanStd(mean: number | null, std: number | null): string {
  if (mean === null || !Number.isFinite(mean)) return '—';
  return std === null || !Number.isFinite(std) ? fmt(mean) : `${fmt(mean)} ± ${fmt(std)}`;
}
