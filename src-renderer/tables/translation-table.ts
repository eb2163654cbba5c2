import type { Column } from '../components/table.js';
import type { RepeatArtifacts } from '../state/artifacts.js';

/** One held-out pair of a translator with each repeat's greedy translation (null where a repeat lacks it). */
export interface HeldOutRow {
  readonly source: string;
  readonly reference: string;
  readonly translations: readonly ({ readonly text: string; readonly correct: boolean } | null)[];
}

type Loose = Record<string, unknown>;

/** A repeat's stored held-out translations (well-formed entries only), in stored order. */
function samplesOf(a: RepeatArtifacts): { source: string; reference: string; translation: string }[] {
  const list = a.artifacts.samples;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const s = raw as Loose;
    return typeof s.source === 'string' && typeof s.reference === 'string' && typeof s.translation === 'string' ? [{ source: s.source, reference: s.reference, translation: s.translation }] : [];
  });
}

/**
 * The held-out pairs table of a translator: one row per stored pair (every repeat stores the same first
 * held-out pairs, the split being the master seed's), one translation per repeat in `repeats`' order, marked
 * right when it equals the reference exactly.
 */
export function heldOutRows(repeats: readonly RepeatArtifacts[]): HeldOutRow[] {
  const rows = new Map<string, { source: string; reference: string; translations: ({ text: string; correct: boolean } | null)[] }>();
  repeats.forEach((r, k) => {
    for (const s of samplesOf(r)) {
      const key = `${s.source}\u0000${s.reference}`;
      const row = rows.get(key) ?? { source: s.source, reference: s.reference, translations: repeats.map(() => null) };
      row.translations[k] = { text: s.translation, correct: s.translation === s.reference };
      rows.set(key, row);
    }
  });
  return [...rows.values()];
}

/** Columns: English, reference, then each repeat's translation prefixed ✓ (exact) or ✗. */
export function heldOutColumns(repeats: readonly RepeatArtifacts[]): Column<HeldOutRow>[] {
  return [
    { key: 'source', label: 'English', value: (r) => r.source, wrap: true },
    { key: 'reference', label: 'Reference', value: (r) => r.reference, wrap: true },
    ...repeats.map((a, k): Column<HeldOutRow> => ({
      key: `repeat-${a.repeat}`,
      label: `Repeat ${a.repeat}`,
      wrap: true,
      value: (r) => {
        const t = r.translations[k];
        return t ? `${t.correct ? '✓' : '✗'} ${t.text}` : '—';
      },
    })),
  ];
}

/** Exact matches per repeat among the shown pairs, e.g. `[2, 0, 1]`. */
export const exactCounts = (rows: readonly HeldOutRow[], repeats: number): number[] =>
  Array.from({ length: repeats }, (_, k) => rows.filter((r) => r.translations[k]?.correct).length);
