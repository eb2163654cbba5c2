import { createRng } from '../common/rng.js';

/** The seed's sine-like series: t·sin(t)/3 + 2·sin(5t). */
export const sineLike = (t: number): number => (t * Math.sin(t)) / 3 + 2 * Math.sin(5 * t);

/** Windows of a series: inputs [n, steps, 1] and one-step-ahead targets [n, steps, 1], with each window's start t. */
export interface Windows {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly starts: Float64Array;
  readonly n: number;
  readonly steps: number;
}

/** The window starting at t0: x_i = f(t0 + i·res), y_i = f(t0 + (i + 1)·res), i < steps. */
export function windowAt(t0: number, steps: number, resolution: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(steps);
  const y = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    x[i] = sineLike(t0 + i * resolution);
    y[i] = sineLike(t0 + (i + 1) * resolution);
  }
  return { x, y };
}

/**
 * `n` windows at random starts on the grid t ∈ [tMin, tMax] (resolution `res`), as the seed's next_batch:
 * start = tMin + U·(tMax − tMin − steps·res), snapped to the grid; drawn from a seeded generator (stream name `stream`).
 */
export function sineWindows(
  o: { tMin: number; tMax: number; resolution: number; steps: number },
  n: number,
  seed: number,
  stream: string,
): Windows {
  const rng = createRng(seed, stream);
  const x = new Float64Array(n * o.steps);
  const y = new Float64Array(n * o.steps);
  const starts = new Float64Array(n);
  const span = o.tMax - o.tMin - (o.steps + 1) * o.resolution;
  for (let k = 0; k < n; k++) {
    const t0 = o.tMin + Math.round((rng.next() * span) / o.resolution) * o.resolution;
    const w = windowAt(t0, o.steps, o.resolution);
    x.set(w.x, k * o.steps);
    y.set(w.y, k * o.steps);
    starts[k] = t0;
  }
  return { x, y, starts, n, steps: o.steps };
}

/** Variable-length sequences: values uniform in [0, 1) padded with zeros to maxSteps; target = sum of valid steps. */
export interface VarlenSums {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lengths: Int32Array;
  readonly n: number;
  readonly steps: number;
}

/** `n` seeded variable-length sequences with lengths uniform in [minSteps, maxSteps]. */
export function varlenSums(n: number, minSteps: number, maxSteps: number, seed: number): VarlenSums {
  const rng = createRng(seed, 'varlen');
  const x = new Float64Array(n * maxSteps);
  const y = new Float64Array(n);
  const lengths = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const len = minSteps + rng.int(maxSteps - minSteps + 1);
    lengths[k] = len;
    let sum = 0;
    for (let t = 0; t < len; t++) {
      const v = rng.next();
      x[k * maxSteps + t] = v;
      sum += v;
    }
    y[k] = sum;
  }
  return { x, y, lengths, n, steps: maxSteps };
}
