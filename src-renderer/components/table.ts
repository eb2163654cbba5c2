/** A column of {@link DataTable}: how to read, format and align one cell of a row. */
export interface Column<R> {
  readonly key: string;
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  readonly value: (row: R) => string;
  /** Optional title attribute (e.g. an error message). */
  readonly title?: (row: R) => string | undefined;
}
