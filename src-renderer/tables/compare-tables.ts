import { CORRECTION_LABELS, type CompareEstimate, type CompareGroup, type CompareResult, type CompareRow } from '../../src-main/contract/api.js';
import { fmt, fmtP } from '../charts/format.js';
import type { Column } from '../components/table.js';

/** Short names of the tests for narrow columns. */
const SHORT_TEST: Readonly<Record<CompareRow['primary']['test'], string>> = { wilcoxon: 'Wilcoxon', mannWhitney: 'Mann–Whitney', pairedT: 'paired t', welch: 'Welch', correctedT: 'corrected t' };

/** `0.62 [0.10, 0.91]`: an estimate with its CI; '—' when it could not be estimated. */
export function fmtEstimate(e: CompareEstimate, digits = 2): string {
  if (!Number.isFinite(e.estimate)) return '—';
  return `${fmt(e.estimate, digits)} [${fmt(e.low, digits)}, ${fmt(e.high, digits)}]`;
}

/** A percentage of an estimate and CI: `83 % [60, 100]`. */
export function fmtShare(e: CompareEstimate): string {
  if (!Number.isFinite(e.estimate)) return '—';
  const pct = (x: number) => (!Number.isFinite(x) ? '—' : String(Math.round(x * 100)));
  return `${pct(e.estimate)} % [${pct(e.low)}, ${pct(e.high)}]`;
}

/** `p = 0.012` or `p < 0.001`. */
export const pText = (p: number) => (fmtP(p).startsWith('<') ? `p ${fmtP(p)}` : `p = ${fmtP(p)}`);

/** Adjusted p with a star when it is significant at the page's α. */
export const fmtAdjusted = (t: CompareRow['primary']) => `${fmtP(t.adjustedP)}${t.significant ? ' ✱' : ''}`;

/** Columns of the groups' summary: n, mean, std, SEM, 95 % CI, median, IQR, min, max, baselines. */
export function summaryColumns(): Column<CompareGroup>[] {
  return [
    { key: 'label', label: 'group', truncate: true, value: (g) => g.label, title: (g) => g.title },
    { key: 'n', label: 'n', numeric: true, value: (g) => String(g.summary.count) },
    { key: 'mean', label: 'mean', numeric: true, value: (g) => fmt(g.summary.mean) },
    { key: 'std', label: 'std', numeric: true, value: (g) => fmt(g.summary.std) },
    { key: 'sem', label: 'SEM', numeric: true, value: (g) => fmt(g.summary.sem) },
    { key: 'ci', label: '95% CI', numeric: true, value: (g) => `${fmt(g.summary.ciLow)} – ${fmt(g.summary.ciHigh)}` },
    { key: 'q50', label: 'median', numeric: true, value: (g) => fmt(g.summary.q50) },
    { key: 'iqr', label: 'IQR', numeric: true, value: (g) => fmt(g.summary.q75 - g.summary.q25) },
    { key: 'min', label: 'min', numeric: true, value: (g) => fmt(g.summary.min) },
    { key: 'max', label: 'max', numeric: true, value: (g) => fmt(g.summary.max) },
    { key: 'baselines', label: 'baseline', numeric: true, value: (g) => Object.entries(g.baselines).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || '—' },
  ];
}

/**
 * Columns of a table of comparison rows (against the reference, or all pairs): the groups, the rank test and design, its
 * raw and adjusted p (✱ = significant), the t test's adjusted p, and the effect sizes with their CIs.
 */
export function rowColumns(result: CompareResult, pairs: boolean): Column<CompareRow>[] {
  const adj = CORRECTION_LABELS[result.correction];
  const group = (i: number) => result.groups[i]!;
  return [
    { key: 'a', label: pairs ? 'A' : 'group', truncate: true, value: (r) => group(r.a).label, title: (r) => group(r.a).title },
    ...(pairs ? [{ key: 'b', label: 'B', truncate: true, value: (r: CompareRow) => group(r.b).label, title: (r: CompareRow) => group(r.b).title }] : []),
    { key: 'test', label: 'test (design)', value: (r) => `${SHORT_TEST[r.primary.test]} (${r.design})`, title: (r) => r.pairing },
    { key: 'p', label: 'p', numeric: true, value: (r) => fmtP(r.primary.pValue) },
    { key: 'padj', label: `p (${adj})`, numeric: true, value: (r) => fmtAdjusted(r.primary), title: (r) => r.reading },
    { key: 'tp', label: `t test p (${adj})`, numeric: true, value: (r) => `${fmtP(r.secondary.adjustedP)} (${SHORT_TEST[r.secondary.test]})`, title: (r) => `raw p ${fmtP(r.secondary.pValue)}` },
    { key: 'diff', label: 'mean diff [95% CI]', numeric: true, value: (r) => fmtEstimate(r.meanDiff, 3) },
    { key: 'g', label: "Hedges' g", numeric: true, value: (r) => fmtEstimate(r.hedgesG) },
    { key: 'delta', label: "Cliff's δ", numeric: true, value: (r) => fmtEstimate(r.cliffsDelta) },
    { key: 'beats', label: 'P(A beats B)', numeric: true, value: (r) => fmtShare(r.pABeatsB) },
  ];
}

/** One cell of the all-pairs matrix: row group i against column group j. */
export interface MatrixCell {
  readonly text: string;
  readonly title: string;
  readonly significant: boolean;
}

/**
 * The all-pairs matrix: cell [i][j] (i ≠ j) shows the adjusted p of i vs j (✱ when significant) and how often
 * i beats j; null on the diagonal and where no row was tested.
 */
export function pairMatrix(result: CompareResult): (MatrixCell | null)[][] {
  const k = result.groups.length;
  const cells: (MatrixCell | null)[][] = Array.from({ length: k }, () => Array.from({ length: k }, () => null));
  for (const r of result.allPairs) {
    const share = r.pABeatsB.estimate;
    const pct = (x: number) => (!Number.isFinite(x) ? '—' : `${Math.round(x * 100)} %`);
    const p = fmtAdjusted(r.primary);
    const title = `${r.reading} (${r.pairing})`;
    cells[r.a]![r.b] = { text: `${p} · ${pct(share)}`, title, significant: r.primary.significant };
    cells[r.b]![r.a] = { text: `${p} · ${pct(1 - share)}`, title, significant: r.primary.significant };
  }
  return cells;
}
