import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../common/rng.js';
import { argsFor } from '../fused/kernel-tier.js';
import { FlatOptimizer } from '../fused/optimizers.js';
import { LaneKernels } from '../fused/lockstep/lane-kernels.js';
import { columnSumsLanes, fillRowsLanes, mulLanes } from '../fused/lockstep/lane-products.js';
import type { Vec } from '../fused/types.js';
import { loadNativeAddon, type NativeAddon } from './native-addon.js';

// The native tier's exact kernels (native/src/exact-kernel.inc) promise the JS loops' bits, not an approximation:
// Adam (optimizers.ts) and the lockstep lane products (lockstep/lane-products.ts, the backward cell loop of
// lockstep/lstm-dense.ts). Every value is compared with Object.is (no tolerance), on every instruction set this
// CPU runs, float64 and float32 storage, lane counts that fill the vectors and that leave a partial one.
const loaded = loadNativeAddon();
const addon: NativeAddon | null = typeof loaded === 'string' ? null : loaded;

type Ctor = Float64ArrayConstructor | Float32ArrayConstructor;

function random(Type: Ctor, n: number, rng: Rng, scale = 1): Vec {
  const v = new Type(n);
  for (let i = 0; i < n; i++) v[i] = (rng.next() * 2 - 1) * scale;
  return v;
}

function expectSame(actual: Vec, expected: Vec, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what}: element ${i} is ${actual[i]}, the JS loop gives ${expected[i]}`);
  }
}

describe.skipIf(addon === null)('native exact kernels give the JS loops\' bits', () => {
  const isas = addon?.info().supported ?? [];
  const onEachIsa = (body: (isa: string, Type: Ctor) => void) => {
    for (const isa of isas) {
      for (const Type of [Float64Array, Float32Array] as const) {
        it(`${isa}, ${Type.name}`, () => {
          addon!.useIsa(isa);
          try {
            body(isa, Type);
          } finally {
            addon!.useIsa(isas[0]!);
          }
        });
      }
    }
  };

  describe("V8's Math.exp, Math.tanh and Math.expm1 (the lane kernels' own), 400,000 values", () => {
    onEachIsa((_isa, Type) => {
      if (Type !== Float64Array) return; // doubles in, doubles out: one run per ISA
      const rng = createRng(3, 'v8-math');
      const n = 400_000;
      const x = new Float64Array(n);
      // Every branch of fdlibm's range reduction: tiny, |x| < ½ln2, < 1.5 ln2, moderate, beyond 56 ln2, the
      // overflow / underflow thresholds, arbitrary bit patterns (NaN, ∞, subnormals, huge).
      const bits = new DataView(new ArrayBuffer(8));
      for (let i = 0; i < n; i++) {
        const scale = [1e-300, 1e-9, 0.3, 1, 2.5, 25, 45, 720][i % 9];
        if (scale === undefined) {
          bits.setUint32(0, rng.int(2 ** 32));
          bits.setUint32(4, rng.int(2 ** 32));
          x[i] = bits.getFloat64(0);
        } else x[i] = (rng.next() * 2 - 1) * scale;
      }
      x.set([0, -0, 1, -1, Infinity, -Infinity, NaN, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 22, -22, 2 ** -28, 2 ** -54, 5e-324, 0.34657359027997264, 1.0397207708399179, 38.816242111356935]);
      const y = new Float64Array(n);
      const args = argsFor(addon!);
      for (const [code, f] of [[0, Math.exp], [1, Math.tanh], [2, Math.expm1]] as const) {
        args[0] = code;
        args[1] = n;
        addon!.v8Math!(x, y);
        expectSame(y, x.map(f), `${f.name}`);
      }
    });
  });

  describe('Adam (tfjs and Keras epsilon), 1,003 parameters over 25 steps', () => {
    onEachIsa((_isa, Type) => {
      const precision = Type === Float64Array ? 'f64' : 'f32';
      for (const mode of ['tfjs', 'keras'] as const) {
        const rng = createRng(11, 'adam');
        const n = 1003;
        const spec = { adam: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } };
        const js = new FlatOptimizer(spec, n, precision, mode);
        const native = new FlatOptimizer(spec, n, precision, mode);
        const pJs = random(Type, n, rng);
        const pNative = Type.from(pJs);
        for (let step = 0; step < 25; step++) {
          // Gradients over many magnitudes, with zeros and a −0 (√v + ε and the −0 product paths).
          const g = random(Type, n, rng, 10 ** ((step % 7) - 4));
          g[0] = 0;
          g[1] = -0;
          js.step(pJs, g);
          native.step(pNative, g, addon);
        }
        expectSame(pNative, pJs, `${mode} parameters after 25 steps`);
      }
    });
  });

  describe('lane products: mulLanes (every transpose, depths 0–9), fillRowsLanes, columnSumsLanes', () => {
    onEachIsa((_isa, Type) => {
      const rng = createRng(5, 'lanes');
      for (const lanes of [1, 3, 8, 15, 16, 17]) {
        const arrays = { c: random(Type, 600 * lanes, rng), a: random(Type, 400 * lanes, rng), b: random(Type, 400 * lanes, rng) };
        const k = new LaneKernels(addon, lanes, [arrays.c, arrays.a, arrays.b]);
        expect(k.onNative).toBe(true);
        k.bind();
        for (const [m, n, depth] of [[1, 16, 4], [3, 5, 0], [1, 1, 1], [4, 7, 9], [2, 16, 1], [5, 3, 6]] as const) {
          for (const [aT, bT] of [[false, false], [true, false], [false, true], [true, true]]) {
            for (const acc of [false, true]) {
              // A (m × depth) and B (depth × n), row-major or transposed, at offsets; C with a row stride > n.
              const aRow = aT ? 1 : depth + 1;
              const aCol = aT ? m + 2 : 1;
              const bRow = bT ? 1 : n + 3;
              const bCol = bT ? depth + 1 : 1;
              const expected = Type.from(arrays.c);
              mulLanes(expected, 7, n + 2, arrays.a, 3, aRow, aCol, arrays.b, 5, bRow, bCol, m, n, depth, acc, lanes);
              k.mul(arrays.c, 7, n + 2, arrays.a, 3, aRow, aCol, arrays.b, 5, bRow, bCol, m, n, depth, acc);
              expectSame(arrays.c, expected, `mulLanes ${lanes} lanes ${m}×${depth}·${depth}×${n} aT ${aT} bT ${bT} acc ${acc}`);
            }
          }
        }
        const expected = Type.from(arrays.c);
        fillRowsLanes(expected, 4, 6, 5, arrays.a, 9, lanes);
        k.fillRows(arrays.c, 4, 6, 5, arrays.a, 9);
        expectSame(arrays.c, expected, `fillRowsLanes ${lanes} lanes`);
        columnSumsLanes(expected, 2, arrays.b, 1, 23, 7, lanes);
        k.columnSums(arrays.c, 2, arrays.b, 1, 23, 7);
        expectSame(arrays.c, expected, `columnSumsLanes ${lanes} lanes`);
      }
    });
  });

  it('refuses views outside the bound arrays and arrays it was not given', () => {
    const c = new Float64Array(16);
    const k = new LaneKernels(addon, 8, [c, new Float64Array(8), new Float64Array(8)]);
    k.bind();
    expect(() => k.mul(c, 0, 2, c, 0, 1, 1, c, 0, 1, 1, 2, 2, 1, false)).toThrow(/outside its array/);
    expect(() => k.fillRows(new Float64Array(8), 0, 1, 1, c, 0)).toThrow(/not given to the constructor/);
  });
});
