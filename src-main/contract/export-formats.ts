import { z } from 'zod';

/**
 * The table export formats: one record each (label, file extension, MIME type), read by the CLI's --format,
 * the API's exportTable and the renderer's buttons. The writers are in `export/tables.ts`, keyed by the same ids
 * (a mapped type: a format without a writer is a compile error). `binary` formats are bytes, not text.
 */
export const TABLE_FORMATS = [
  { id: 'csv', label: 'CSV', extension: 'csv', mime: 'text/csv', binary: false },
  { id: 'md', label: 'Markdown', extension: 'md', mime: 'text/markdown', binary: false },
  { id: 'latex', label: 'LaTeX', extension: 'tex', mime: 'application/x-latex', binary: false },
  { id: 'json', label: 'JSON', extension: 'json', mime: 'application/json', binary: false },
  // A workbook: one sheet per table, numbers as numbers (what a spreadsheet or pandas.read_excel reads back).
  { id: 'xlsx', label: 'XLSX', extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', binary: true },
] as const satisfies readonly { id: string; label: string; extension: string; mime: string; binary: boolean }[];

type FormatId = (typeof TABLE_FORMATS)[number]['id'];
/** The ids of {@link TABLE_FORMATS}, as a schema. */
export const TableFormat = z.enum(TABLE_FORMATS.map((f) => f.id) as [FormatId, ...FormatId[]]);
export type TableFormat = z.infer<typeof TableFormat>;
/** The formats written as text (the rest are files of bytes, such as XLSX). */
export type TextTableFormat = Extract<(typeof TABLE_FORMATS)[number], { binary: false }>['id'];

/** The record of a format id. */
export const tableFormat = (id: TableFormat): (typeof TABLE_FORMATS)[number] => TABLE_FORMATS.find((f) => f.id === id)!;
