/** Midranks of a sample and the sizes of its tie groups. */
export interface Ranking {
  /** ranks[i] is the 1-based midrank of values[i] (tied values share the mean of their ranks). */
  readonly ranks: Float64Array;
  /** Size of every group of equal values (1 for an untied value), in ascending order of value. */
  readonly tieSizes: readonly number[];
}

/**
 * Midranks ("average" ranks, as scipy's `rankdata`) of `values`, smallest value → rank 1. Written here because
 * d3-array's `rank` gives min-ranks for ties and jstat's `rank` does not report tie groups, which every rank
 * test needs for its variance correction.
 */
export function midranks(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const ranks = new Float64Array(values.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && values[order[j]!] === values[order[i]!]) j++;
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = midrank;
    tieSizes.push(j - i);
    i = j;
  }
  return { ranks, tieSizes };
}

/** Σ(t³ − t) over tie groups: the tie term of the rank tests' variance corrections. */
export function tieTerm(tieSizes: readonly number[]): number {
  let s = 0;
  for (const t of tieSizes) s += t ** 3 - t;
  return s;
}

/** True when some value occurs more than once. */
export function hasTies(tieSizes: readonly number[]): boolean {
  return tieSizes.some((t) => t > 1);
}
