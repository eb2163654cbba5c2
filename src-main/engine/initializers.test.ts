import { describe, expect, it } from 'vitest';
import { ModelSpec, type Initializer } from '../contract/layers.js';
import { initialWeights } from './init.js';

// Every weight initialiser of the contract, through initialWeights (the only way weights are made).
// Statistical checks use one seeded draw of N values; each bound is 5 standard errors of the statistic, so a
// correct initialiser fails with probability < 6e-7 for any seed (the seed is fixed, so the test is deterministic).
const N = 1_000_000;
const Z = 5;

/** A Dense kernel [fanIn, fanOut] drawn with `init` (fanIn · fanOut values), seeded. */
function kernel(init: Initializer, fanIn: number, fanOut: number, seed = 1): Float64Array {
  const model = ModelSpec.parse({ layers: [{ dense: { units: fanOut, kernelInitializer: init, useBias: false } }] });
  return initialWeights(model, fanIn, seed)[0]!.values;
}

function moments(v: Float64Array): { mean: number; variance: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    s += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = s / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { mean, variance: ss / (v.length - 1), min, max };
}

/** Uniform(−a, a): mean 0 (se a/√(3N)), variance a²/3 (se a²·√(4/45)/√N), extremes within a(1 − 1e-4) of ±a, flat. */
function expectUniform(v: Float64Array, a: number): void {
  const n = v.length;
  const m = moments(v);
  expect(m.min).toBeGreaterThanOrEqual(-a);
  expect(m.max).toBeLessThanOrEqual(a);
  // P(no value within a·1e-4 of an edge) = (1 − 5e-5)^N ≈ e^(−50).
  expect(m.max).toBeGreaterThan(a * (1 - 1e-4));
  expect(m.min).toBeLessThan(-a * (1 - 1e-4));
  expect(Math.abs(m.mean)).toBeLessThan((Z * a) / Math.sqrt(3 * n));
  expect(Math.abs(m.variance - a ** 2 / 3)).toBeLessThan((Z * a ** 2 * Math.sqrt(4 / 45)) / Math.sqrt(n));
  // Ten equal bins each hold N/10 ± 5·√(N·0.1·0.9) values.
  const bins = new Array<number>(10).fill(0);
  for (const x of v) bins[Math.min(9, Math.floor(((x + a) / (2 * a)) * 10))]!++;
  for (const b of bins) expect(Math.abs(b - n / 10)).toBeLessThan(Z * Math.sqrt(n * 0.1 * 0.9));
}

/** max |AᵀA − I| of a column-major view: `rows` × `cols` row-major matrix, columns orthonormal when tall. */
function gramError(v: Float64Array, rows: number, cols: number, of: 'columns' | 'rows'): number {
  const [count, length] = of === 'columns' ? [cols, rows] : [rows, cols];
  const at = (k: number, i: number) => (of === 'columns' ? v[i * cols + k]! : v[k * cols + i]!);
  let worst = 0;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b < count; b++) {
      let dot = 0;
      for (let i = 0; i < length; i++) dot += at(a, i) * at(b, i);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe('weight initialisers (Keras definitions)', () => {
  it('zeros and ones are exact', () => {
    expect(kernel('zeros', 30, 20).every((x) => x === 0)).toBe(true);
    expect(kernel('ones', 30, 20).every((x) => x === 1)).toBe(true);
    const dense = ModelSpec.parse({ layers: [{ dense: { units: 5, biasInitializer: 'ones' } }] });
    expect([...initialWeights(dense, 3, 1)[1]!.values]).toEqual([1, 1, 1, 1, 1]);
  });

  it('glorotUniform is uniform on ±√(6 / (fanIn + fanOut)) (unequal fans, so a swapped or missing fan shows)', () => {
    expectUniform(kernel('glorotUniform', 500, N / 500), Math.sqrt(6 / (500 + N / 500)));
  });

  it('lecunUniform is uniform on ±√(3 / fanIn)', () => {
    expectUniform(kernel('lecunUniform', 500, N / 500), Math.sqrt(3 / 500));
  });

  it('randomUniform (Keras RandomUniform default, the Embedding initialiser) is uniform on ±0.05', () => {
    expectUniform(kernel('randomUniform', 1000, N / 1000), 0.05);
    const embedding = ModelSpec.parse({ layers: [{ embedding: { inputDim: 1000, outputDim: 100 } }] });
    expectUniform(initialWeights(embedding, 1, 3)[0]!.values, 0.05);
  });

  it('heNormal is a normal truncated at 2σ, σ = √(2 / fanIn) / 0.8796…, so that its variance is 2 / fanIn', () => {
    const fanIn = 500;
    const v = kernel('heNormal', fanIn, N / fanIn);
    const n = v.length;
    const sigma = Math.sqrt(2 / fanIn) / 0.87962566103423978;
    // The standard normal truncated to [−2, 2]: Φ(2) = 0.97725, φ(2) = e^−2/√(2π).
    const mass = 2 * 0.9772498680518208 - 1;
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    const m2 = 1 - (4 * phi2) / mass; // E[Z²] = 0.77374 = 0.87962566², hence the divisor above
    const m4 = 3 - ((2 * 8 + 6 * 2) * phi2) / mass; // E[Z⁴] = 3 − (2a³ + 6a)·φ(a)/(2Φ(a) − 1)
    expect(Math.sqrt(m2)).toBeCloseTo(0.87962566103423978, 12);
    const m = moments(v);
    expect(Math.max(m.max, -m.min)).toBeLessThanOrEqual(2 * sigma);
    // About 226 of the N values are expected within 0.1 % of each edge: the truncation is at 2σ, not below.
    expect(m.max).toBeGreaterThan(2 * sigma * (1 - 1e-3));
    expect(m.min).toBeLessThan(-2 * sigma * (1 - 1e-3));
    expect(Math.abs(m.mean)).toBeLessThan((Z * Math.sqrt(2 / fanIn)) / Math.sqrt(n));
    expect(Math.abs(m.variance - 2 / fanIn)).toBeLessThan((Z * sigma ** 2 * Math.sqrt(m4 - m2 ** 2)) / Math.sqrt(n));
    // Shape: the share within ±σ is (2Φ(1) − 1) / (2Φ(2) − 1) = 0.71523 (a uniform of that variance would give 0.66).
    const p = (2 * 0.8413447460685429 - 1) / mass;
    const within = v.filter((x) => Math.abs(x) <= sigma).length / n;
    expect(Math.abs(within - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / n));
  });

  it('orthogonal gives QᵀQ = I (tall, square) and QQᵀ = I (wide recurrent kernels) to 1e-12', () => {
    // Householder QR in float64: orthogonality error ≈ n·ε ≈ 1e-14 for these sizes; 1e-12 leaves a 100× margin.
    expect(gramError(kernel('orthogonal', 64, 16), 64, 16, 'columns')).toBeLessThanOrEqual(1e-12);
    expect(gramError(kernel('orthogonal', 32, 32), 32, 32, 'columns')).toBeLessThanOrEqual(1e-12);
    expect(gramError(kernel('orthogonal', 32, 32), 32, 32, 'rows')).toBeLessThanOrEqual(1e-12);
    expect(gramError(kernel('orthogonal', 12, 40), 12, 40, 'rows')).toBeLessThanOrEqual(1e-12);
    // The recurrent kernels' default: LSTM [u, 4u], GRU [u, 3u], SimpleRNN [u, u].
    const model = ModelSpec.parse({ layers: [{ lstm: { units: 8, returnSequences: true } }, { gru: { units: 6, returnSequences: true } }, { simpleRNN: { units: 5 } }] });
    const w = initialWeights(model, 3, 4);
    const recurrent = w.filter((t) => t.name.endsWith('recurrentKernel'));
    expect(recurrent.map((t) => t.shape)).toEqual([[8, 32], [6, 18], [5, 5]]);
    for (const t of recurrent) expect(gramError(t.values, t.shape[0]!, t.shape[1]!, 'rows'), t.name).toBeLessThanOrEqual(1e-12);
  });

  it('every initialiser is a pure function of the seed; another seed, or another layer, draws other values', () => {
    const random: Initializer[] = ['glorotUniform', 'orthogonal', 'heNormal', 'lecunUniform', 'randomUniform'];
    for (const init of random) {
      expect(kernel(init, 20, 12, 7), init).toEqual(kernel(init, 20, 12, 7));
      expect(kernel(init, 20, 12, 8), init).not.toEqual(kernel(init, 20, 12, 7));
    }
    for (const init of ['zeros', 'ones'] as const) expect(kernel(init, 20, 12, 8)).toEqual(kernel(init, 20, 12, 7));
    const twin = ModelSpec.parse({ layers: [{ dense: { units: 4, useBias: false } }, { dense: { units: 4, useBias: false } }] });
    const [a, b] = initialWeights(twin, 4, 7);
    expect(a!.values).not.toEqual(b!.values);
  });

  it('LSTM unit_forget_bias: the forget block of the bias starts at 1, whatever the bias initialiser; not in GRU', () => {
    const u = 3;
    const bias = (lstm: Record<string, unknown>) => {
      const w = initialWeights(ModelSpec.parse({ layers: [{ lstm: { units: u, ...lstm } }] }), 2, 5);
      return w.find((t) => t.name.endsWith('.bias'))!.values;
    };
    const block = (v: Float64Array, g: number) => [...v.slice(g * u, (g + 1) * u)];
    expect([...bias({})]).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect([...bias({ unitForgetBias: false })]).toEqual(new Array(4 * u).fill(0));
    const random = bias({ biasInitializer: 'randomUniform' });
    expect(block(random, 1)).toEqual([1, 1, 1]);
    for (const g of [0, 2, 3]) for (const x of block(random, g)) expect(Math.abs(x)).toBeLessThanOrEqual(0.05);
    expect(new Set([0, 2, 3].flatMap((g) => block(random, g))).size).toBe(3 * u);
    const bi = initialWeights(ModelSpec.parse({ layers: [{ bidirectional: { layer: { lstm: { units: u } } } }] }), 2, 5);
    for (const t of bi.filter((w) => w.name.endsWith('.bias'))) expect(block(t.values, 1), t.name).toEqual([1, 1, 1]);
    const gru = initialWeights(ModelSpec.parse({ layers: [{ gru: { units: u } }] }), 2, 5).find((t) => t.name.endsWith('.bias'))!;
    expect(gru.shape).toEqual([2, 3 * u]);
    expect(gru.values.every((x) => x === 0)).toBe(true);
  });
});
