import { CORRECTION_LABELS, TEST_LABELS, type CompareResult, type CompareRow } from '../contract/compare.js';
import type { Table } from './tables.js';

/** "5 paired repeats" / "unpaired" / "mixed designs": what a caption says of n and the design. */
function designText(result: CompareResult): string {
  const n = [...new Set(result.groups.map((g) => g.summary.count))];
  const per = n.length === 1 ? `n = ${n[0]} per group` : `n = ${Math.min(...n)}–${Math.max(...n)} per group`;
  return `${per}, ${result.design === 'mixed' ? 'paired and unpaired rows' : result.design}`;
}

/** The summary of each group: n, mean, std, SEM, 95 % CI, median, IQR, min, max, and each baseline. */
export function compareSummaryTable(result: CompareResult): Table {
  const baselineNames = [...new Set(result.groups.flatMap((g) => Object.keys(g.baselines)))];
  return {
    title: `${result.metric} by group (${designText(result)})`,
    columns: ['group', 'n', 'mean', 'std', 'SEM', '95% CI low', '95% CI high', 'median', 'IQR', 'min', 'max', ...baselineNames.map((b) => `baseline: ${b}`)],
    rows: result.groups.map((g) => {
      const s = g.summary;
      return [g.label, s.count, s.mean, s.std, s.sem, s.ciLow, s.ciHigh, s.q50, s.q75 - s.q25, s.min, s.max, ...baselineNames.map((b) => g.baselines[b] ?? null)];
    }),
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The columns every test row carries, after the two groups' names. */
function rowColumns(result: CompareResult): string[] {
  const adj = CORRECTION_LABELS[result.correction];
  return [
    'design', 'test', 'statistic', 'p', `p (${adj})`, `significant (α = ${result.alpha})`,
    't test', 'p (t)', `p (t, ${adj})`,
    'mean diff', 'mean diff CI low', 'mean diff CI high',
    "Hedges' g", 'g CI low', 'g CI high',
    "Cliff's δ", 'δ CI low', 'δ CI high',
    'P(A beats B)', 'P CI low', 'P CI high',
    'reading',
  ];
}

function rowCells(r: CompareRow): (string | number | null)[] {
  return [
    r.design, TEST_LABELS[r.primary.test], finite(r.primary.statistic), finite(r.primary.pValue), finite(r.primary.adjustedP), r.primary.significant ? 'yes' : 'no',
    TEST_LABELS[r.secondary.test], finite(r.secondary.pValue), finite(r.secondary.adjustedP),
    finite(r.meanDiff.estimate), finite(r.meanDiff.low), finite(r.meanDiff.high),
    finite(r.hedgesG.estimate), finite(r.hedgesG.low), finite(r.hedgesG.high),
    finite(r.cliffsDelta.estimate), finite(r.cliffsDelta.low), finite(r.cliffsDelta.high),
    finite(r.pABeatsB.estimate), finite(r.pABeatsB.low), finite(r.pABeatsB.high),
    r.reading,
  ];
}

const bootstrapText = (result: CompareResult) =>
  `effect-size CIs: ${result.bootstrap.method} bootstrap, ${result.bootstrap.resamples} resamples, seed ${result.bootstrap.seed}`;

/** Every group (A) against the reference (B): tests, raw and adjusted p, effect sizes with CIs, the reading. */
export function compareReferenceTable(result: CompareResult): Table {
  const ref = result.groups[result.reference]?.label ?? '';
  return {
    title: `${result.metric}: each group against ${ref} (${CORRECTION_LABELS[result.correction]}-adjusted over ${result.againstReference.length} tests, α = ${result.alpha}; ${designText(result)}; ${bootstrapText(result)})`,
    columns: ['group (A)', 'reference (B)', ...rowColumns(result)],
    rows: result.againstReference.map((r) => [result.groups[r.a]!.label, result.groups[r.b]!.label, ...rowCells(r)]),
  };
}

/** All pairs A < B, the same columns as the reference table, corrected over all pairs. */
export function comparePairsTable(result: CompareResult): Table {
  return {
    title: `${result.metric}: all pairs (${CORRECTION_LABELS[result.correction]}-adjusted over ${result.allPairs.length} tests, α = ${result.alpha}; ${designText(result)}; ${bootstrapText(result)})`,
    columns: ['group A', 'group B', ...rowColumns(result)],
    rows: result.allPairs.map((r) => [result.groups[r.a]!.label, result.groups[r.b]!.label, ...rowCells(r)]),
  };
}

/** Friedman + Nemenyi: each group's average rank (best first) and its Nemenyi p against every other; empty without ranks. */
export function compareRanksTable(result: CompareResult): Table {
  const r = result.ranks;
  if (!r) return { title: `${result.metric}: no Friedman ranks (${result.notes.find((n) => n.startsWith('Friedman') || n.startsWith('the Nemenyi')) ?? 'not computed'})`, columns: ['group', 'average rank'], rows: [] };
  return {
    title:
      `${result.metric}: Friedman χ²(${r.df}) = ${r.chiSquare.toFixed(3)}, p = ${r.pValue.toPrecision(3)} (Iman–Davenport F p = ${r.fPValue.toPrecision(3)}) over N = ${r.blocks} paired repeats; ` +
      `Nemenyi CD = ${r.cd.toFixed(3)} at α = ${r.alpha} (rank 1 = best)`,
    columns: ['group', 'average rank', ...r.order.map((j) => `Nemenyi p vs ${result.groups[j]!.label}`)],
    rows: r.order.map((i) => [result.groups[i]!.label, r.averageRanks[i]!, ...r.order.map((j) => (i === j ? null : r.pValues[i]![j]!))]),
  };
}

/** Every table of a comparison, in page order (summary, against the reference, all pairs, ranks when computed). */
export function compareTables(result: CompareResult): Table[] {
  return [
    compareSummaryTable(result),
    ...(result.againstReference.length ? [compareReferenceTable(result)] : []),
    ...(result.allPairs.length ? [comparePairsTable(result)] : []),
    ...(result.ranks ? [compareRanksTable(result)] : []),
  ];
}
