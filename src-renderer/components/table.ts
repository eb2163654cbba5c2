/** A column of {@link DataTable}: how to read, format and align one cell of a row. */
export interface Column<R> {
  readonly key: string;
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  readonly value: (row: R) => string;
  /** Long text that may wrap onto several lines (cells stay on one line otherwise). */
  readonly wrap?: boolean;
  /** Long text cut to the column's width with an ellipsis; the full text (or `title`) shows as a tooltip. */
  readonly truncate?: boolean;
  /** Optional title attribute (e.g. an error message). */
  readonly title?: (row: R) => string | undefined;
}
