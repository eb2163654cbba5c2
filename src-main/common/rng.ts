import seedrandom from 'seedrandom';

/** A seeded source of uniform [0, 1) doubles and standard normals. */
export interface Rng {
  /** Uniform double in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** A generator seeded by `seed` and a stream name, so different uses of one seed never share numbers. */
export function createRng(seed: number, stream = 'init'): Rng {
  const uniform = seedrandom.alea(`${seed}/${stream}`);
  let spare: number | undefined;
  return {
    next: () => uniform(),
    int: (n) => Math.floor(uniform() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * The seed of repeat `repeat` of configuration `config` under master seed `seed`: a 31-bit integer
 * from a splitmix32-style hash, so neighbouring repeats get unrelated seeds.
 */
export function deriveSeed(seed: number, config: number, repeat: number): number {
  let h = (seed ^ Math.imul(config + 1, 0x9e3779b9) ^ Math.imul(repeat + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aad5) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  return h & 0x7fffffff;
}

/** Fisher–Yates permutation of 0..n−1 drawn from `rng`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
