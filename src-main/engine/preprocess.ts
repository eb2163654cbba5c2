/**
 * Series preprocessing of the seed's protocol (Brownlee): differencing, supervised framing, min–max scaling.
 * Hand-written because each step is a few lines and must match pandas/sklearn exactly, including
 * the seed's details (missing lags filled with 0, scaler fitted per column on training rows only).
 */

/** d[i] = x[i + interval] − x[i]; length n − interval. Throws RangeError if the series is too short. */
export function difference(x: ArrayLike<number>, interval = 1): Float64Array {
  if (x.length <= interval) throw new RangeError(`difference: a series of ${x.length} values is too short for interval ${interval}`);
  const out = new Float64Array(x.length - interval);
  for (let i = 0; i < out.length; i++) out[i] = x[i + interval]! - x[i]!;
  return out;
}

/**
 * Inverse of one differenced value: the value at raw index t is yhat + raw[t − interval].
 * `history` is the raw series (only indices < t are read).
 */
export function undifference(yhat: number, history: ArrayLike<number>, t: number, interval = 1): number {
  const base = history[t - interval];
  if (base === undefined) throw new RangeError(`undifference: index ${t - interval} is outside the history`);
  return yhat + base;
}

/**
 * Supervised framing (pandas `shift` + `fillna(0)`): row i holds [v[i−lag], …, v[i−1], v[i]];
 * the first `lag` columns are inputs (oldest first), the last is the target. Returns rows × (lag + 1).
 */
export function supervised(v: ArrayLike<number>, lag = 1): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let i = 0; i < v.length; i++) {
    const row = new Float64Array(lag + 1);
    // The seed's column order is shift(1), …, shift(lag), then the value; with lag 1 that's [v[i−1], v[i]].
    for (let k = 1; k <= lag; k++) row[k - 1] = i - k >= 0 ? v[i - k]! : 0;
    row[lag] = v[i]!;
    rows.push(row);
  }
  return rows;
}

/** A per-column min–max scaler (sklearn `MinMaxScaler(feature_range=(min, max))`). */
export interface MinMaxScaler {
  readonly dataMin: Float64Array;
  readonly dataMax: Float64Array;
  readonly min: number;
  readonly max: number;
}

/** Fits per-column minima and maxima on `rows` (the training rows only). */
export function fitMinMax(rows: readonly Float64Array[], min = -1, max = 1): MinMaxScaler {
  const first = rows[0];
  if (!first) throw new RangeError('fitMinMax: no rows to fit on');
  const dataMin = Float64Array.from(first);
  const dataMax = Float64Array.from(first);
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      if (row[j]! < dataMin[j]!) dataMin[j] = row[j]!;
      if (row[j]! > dataMax[j]!) dataMax[j] = row[j]!;
    }
  }
  return { dataMin, dataMax, min, max };
}

// sklearn treats a constant column's range as 1 so it maps to `min` instead of dividing by zero.
const rangeOf = (s: MinMaxScaler, j: number) => s.dataMax[j]! - s.dataMin[j]! || 1;

/** Scales value `x` of column `j`. */
export function scaleValue(s: MinMaxScaler, j: number, x: number): number {
  return ((x - s.dataMin[j]!) / rangeOf(s, j)) * (s.max - s.min) + s.min;
}

/** Inverse of {@link scaleValue}. */
export function unscaleValue(s: MinMaxScaler, j: number, y: number): number {
  return ((y - s.min) / (s.max - s.min)) * rangeOf(s, j) + s.dataMin[j]!;
}

/** Scales every row (new arrays). */
export function scaleRows(s: MinMaxScaler, rows: readonly Float64Array[]): Float64Array[] {
  return rows.map((row) => row.map((x, j) => scaleValue(s, j, x)));
}

/** A per-column standardizer (sklearn `StandardScaler`): mean and population standard deviation per column. */
export interface StandardScaler {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Fits per-column means and population standard deviations (ddof 0, as sklearn) on `rows` (the training rows
 * only). A constant column gets std 1 (sklearn's choice), so it maps to 0 instead of dividing by zero.
 */
export function fitStandardize(rows: readonly Float64Array[]): StandardScaler {
  const first = rows[0];
  if (!first) throw new RangeError('fitStandardize: no rows to fit on');
  const mean = new Float64Array(first.length);
  const std = new Float64Array(first.length);
  for (const row of rows) for (let j = 0; j < row.length; j++) mean[j] = mean[j]! + row[j]!;
  for (let j = 0; j < mean.length; j++) mean[j] = mean[j]! / rows.length;
  // Two passes (sum of squared deviations), not E[x²] − E[x]², which cancels badly for large means.
  for (const row of rows) for (let j = 0; j < row.length; j++) std[j] = std[j]! + (row[j]! - mean[j]!) ** 2;
  for (let j = 0; j < std.length; j++) std[j] = Math.sqrt(std[j]! / rows.length) || 1;
  return { mean, std };
}

/** Standardizes value `x` of column `j`: (x − mean) / std. */
export const standardizeValue = (s: StandardScaler, j: number, x: number): number => (x - s.mean[j]!) / s.std[j]!;

/** Inverse of {@link standardizeValue}. */
export const unstandardizeValue = (s: StandardScaler, j: number, y: number): number => y * s.std[j]! + s.mean[j]!;
