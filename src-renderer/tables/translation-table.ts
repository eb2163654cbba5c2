import type { Column } from '../components/table.js';
import type { RepeatArtifacts } from '../state/artifacts.js';

/** One held-out pair of a translator with each repeat's greedy translation (null where a repeat lacks it). */
export interface HeldOutRow {
  readonly source: string;
  readonly reference: string;
  readonly translations: readonly HeldOutTranslation[];
}

/** One repeat's translation of a held-out pair, with its α (attention models; rows: written characters). */
export type HeldOutTranslation = { readonly text: string; readonly correct: boolean; readonly attention: readonly (readonly number[])[] | null } | null;

/** A stored α: rows of finite numbers, or null when absent or malformed (a view then draws no map). */
function alphaOf(raw: unknown): number[][] | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const ok = raw.every((row) => Array.isArray(row) && row.every((a) => typeof a === 'number' && Number.isFinite(a)));
  return ok ? (raw as number[][]) : null;
}

type Loose = Record<string, unknown>;

/** A repeat's stored held-out translations (well-formed entries only), in stored order. */
function samplesOf(a: RepeatArtifacts): { source: string; reference: string; translation: string; attention: number[][] | null }[] {
  const list = a.artifacts.samples;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const s = raw as Loose;
    return typeof s.source === 'string' && typeof s.reference === 'string' && typeof s.translation === 'string' ? [{ source: s.source, reference: s.reference, translation: s.translation, attention: alphaOf(s.attention) }] : [];
  });
}

/**
 * The held-out pairs table of a translator: one row per stored pair (every repeat stores the same first
 * held-out pairs, the split being the master seed's), one translation per repeat in `repeats`' order, marked
 * right when it equals the reference exactly.
 */
export function heldOutRows(repeats: readonly RepeatArtifacts[]): HeldOutRow[] {
  const rows = new Map<string, { source: string; reference: string; translations: HeldOutTranslation[] }>();
  repeats.forEach((r, k) => {
    for (const s of samplesOf(r)) {
      const key = `${s.source}\u0000${s.reference}`;
      const row = rows.get(key) ?? { source: s.source, reference: s.reference, translations: repeats.map(() => null) };
      row.translations[k] = { text: s.translation, correct: s.translation === s.reference, attention: s.attention };
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

/** Whether any repeat stored α for a shown pair (an attention model): the page then offers the heatmap. */
export const hasAttention = (rows: readonly HeldOutRow[]): boolean => rows.some((r) => r.translations.some((t) => t?.attention));

/**
 * The heatmap input of one pair and repeat: source characters, written characters (the end marker ⏎ where α has
 * a row for it) and α; null when that repeat stored none.
 */
export function pairAttention(row: HeldOutRow, k: number): { source: string[]; output: string[]; alpha: readonly (readonly number[])[] } | null {
  const t = row.translations[k];
  if (!t?.attention) return null;
  const output = [...t.text];
  if (t.attention.length > output.length) output.push('\n');
  return { source: [...row.source], output, alpha: t.attention };
}
