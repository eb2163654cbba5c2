import type { Vec } from './types.js';

/**
 * A matrix view into a flat vector: `rows` × `cols`, element (i, j) at `data[offset + i·stride + j]`.
 * Row-major with a row `stride` ≥ `cols`, so a view can be a block of steps of a time-major buffer, or a column
 * block of a wider matrix (a GRU's z|r columns of its recurrent kernel: `cols` 2u, `stride` 3u).
 *
 * A layer makes its views once and re-points them in place with {@link Mat.select} (step t of a time-major
 * buffer, or the rows of this batch) right before a product, so its hot loops allocate nothing: on a
 * shampoo-sized step (LSTM(4), batch 1), a dozen small allocations per step measured 10–20 % slower.
 */
export class Mat {
  // Declared, not class fields: a class field starts as undefined, which makes V8 store these numbers tagged
  // instead of as small integers (measured ~5 % slower on a shampoo-sized step, where every product reads them).
  declare readonly data: Vec;
  declare readonly cols: number;
  /** Distance in `data` between the starts of consecutive rows. */
  declare readonly stride: number;
  /** Where row 0 of the view starts in `data`, and the rows it shows (both moved by {@link select}). */
  declare offset: number;
  declare rows: number;
  /** The offset the view was made at: row `first` of {@link select} starts at `origin + first·stride`. */
  declare private readonly origin: number;

  constructor(data: Vec, offset: number, rows: number, cols: number, stride: number = cols) {
    this.data = data;
    this.cols = cols;
    this.stride = stride;
    this.offset = offset;
    this.rows = rows;
    this.origin = offset;
  }

  /** Points the view at `count` rows starting `first` rows past where it was made, and returns it. */
  select(first: number, count: number): this {
    this.offset = this.origin + first * this.stride;
    this.rows = count;
    return this;
  }
}

/** The view of `rows` × `cols` values of `data` from `offset`, rows `stride` apart (default `cols`: contiguous). */
export function mat(data: Vec, offset: number, rows: number, cols: number, stride: number = cols): Mat {
  return new Mat(data, offset, rows, cols, stride);
}

/**
 * The view of the first `rows` rows of a layer's input (`cols` wide): `view` itself re-pointed when it already
 * views `data` (the usual case: each layer reads the same buffer every batch), else a new view.
 */
export function inputView(view: Mat | null, data: Vec, rows: number, cols: number): Mat {
  return view !== null && view.data === data ? view.select(0, rows) : mat(data, 0, rows, cols);
}
