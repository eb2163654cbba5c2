import { stringify } from 'csv-stringify/sync';

/** A table to export: column names and rows of cells (numbers stay numbers until formatted). */
export interface Table {
  readonly title?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

import type { TableFormat, TextTableFormat } from '../contract/export-formats.js';
import { toXlsx } from './xlsx.js';
export type { TableFormat, TextTableFormat } from '../contract/export-formats.js';

/** A number for people: up to `digits` decimals, no trailing noise; integers stay integers. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

const cellText = (cell: string | number | null, digits: number) =>
  cell === null ? '' : typeof cell === 'number' ? formatNumber(cell, digits) : cell;

/** CSV (RFC 4180) with full-precision numbers, for programs to read. */
export function toCsv(table: Table): string {
  return stringify([table.columns as string[], ...table.rows.map((r) => r.map((c) => (c === null ? '' : c)))]);
}

/** A GitHub-flavoured Markdown table; numbers right-aligned with `digits` decimals. */
export function toMarkdown(table: Table, digits = 3): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const numeric = table.columns.map((_, j) => table.rows.some((r) => typeof r[j] === 'number'));
  const lines = [
    `| ${table.columns.map(escape).join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...table.rows.map((r) => `| ${r.map((c) => escape(cellText(c, digits))).join(' | ')} |`),
  ];
  return `${table.title ? `**${escape(table.title)}**\n\n` : ''}${lines.join('\n')}\n`;
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '{': '\\{', '}': '\\}',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};

/** A LaTeX `tabular` with booktabs rules (\toprule, \midrule, \bottomrule); needs `\usepackage{booktabs}`. */
export function toLatex(table: Table, digits = 3): string {
  const escape = (s: string) => s.replace(/[\\&%$#_{}~^]/g, (ch) => LATEX_SPECIALS[ch]!);
  const align = table.columns.map((_, j) => (table.rows.some((r) => typeof r[j] === 'number') ? 'r' : 'l')).join('');
  const row = (cells: readonly string[]) => `${cells.join(' & ')} \\\\`;
  return [
    '\\begin{table}[ht]',
    '\\centering',
    ...(table.title ? [`\\caption{${escape(table.title)}}`] : []),
    `\\begin{tabular}{${align}}`,
    '\\toprule',
    row(table.columns.map(escape)),
    '\\midrule',
    ...table.rows.map((r) => row(r.map((c) => escape(cellText(c, digits))))),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n');
}

/** JSON: `{ title, columns, rows: [{ column: value, … }] }` with full precision (NaN and ±inf become null). */
export function toJson(table: Table): string {
  const rows = table.rows.map((r) =>
    Object.fromEntries(table.columns.map((c, j) => [c, typeof r[j] === 'number' && !Number.isFinite(r[j]) ? null : (r[j] ?? null)])),
  );
  return `${JSON.stringify({ ...(table.title ? { title: table.title } : {}), columns: table.columns, rows }, null, 2)}\n`;
}

/** The writer of each text format (contract/export-formats.ts lists them). */
const TEXT_WRITERS: { readonly [F in TextTableFormat]: (table: Table) => string } = { csv: toCsv, md: (t) => toMarkdown(t), latex: (t) => toLatex(t), json: toJson };

/** Formats a table in one of the contract's text formats (csv, md, latex, json). */
export function formatTable(table: Table, format: TextTableFormat): string {
  return TEXT_WRITERS[format](table);
}

/** A written export: text, or the bytes of a binary format. */
export type Written = { readonly text: string } | { readonly bytes: Uint8Array };

/**
 * The writer of every format: text formats write the first table (one table per file, as on screen); XLSX writes
 * every table, one sheet each, named by `sheets`.
 */
const WRITERS: { readonly [F in TableFormat]: (tables: readonly Table[], sheets: readonly string[]) => Written | Promise<Written> } = {
  csv: (t) => ({ text: toCsv(t[0]!) }),
  md: (t) => ({ text: toMarkdown(t[0]!) }),
  latex: (t) => ({ text: toLatex(t[0]!) }),
  json: (t) => ({ text: toJson(t[0]!) }),
  xlsx: async (t, sheets) => ({ bytes: await toXlsx(t, sheets) }),
};

/**
 * Writes tables in any of the contract's TABLE_FORMATS. Text formats take one table (the first; pass one), XLSX
 * takes several (one sheet each, named by `sheets` or their titles).
 */
export async function writeTables(tables: readonly Table[], format: TableFormat, sheets: readonly string[] = []): Promise<Written> {
  if (tables.length === 0) throw new Error('writeTables: no table to write');
  return WRITERS[format](tables, sheets);
}
