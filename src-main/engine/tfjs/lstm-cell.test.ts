import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpec } from '../../contract/layers.js';
import { buildTfjsModel } from './build.js';

// One LSTM unit on 2 inputs. Keras layout: kernel [input, 4u] and recurrent kernel [u, 4u], gate order i, f, c, o.
const KERNEL = [0.1, 0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8];
const RECURRENT = [0.9, -0.1, 0.2, -0.3];
const BIAS = [0, 1, 0, 0]; // unit forget bias
const X = [[0.5, -1], [1, 2]];

// Step 1 (x = [0.5, −1], h0 = c0 = 0), worked out by hand:
// z_i = 0.5·0.1 + (−1)(−0.5) = 0.55 → i = σ(0.55) = 0.63414; z_f = 0.5·0.2 + (−1)·0.6 + 1 (forget bias) = 0.5 → f = 0.62246;
// z_c = 0.15 + 0.7 = 0.85 → g = tanh(0.85) = 0.69107; z_o = 0.2 − 0.8 = −0.6 → o = 0.35434;
// c1 = f·0 + i·g = 0.43823; h1 = o·tanh(c1) = 0.14605 (h is the layer's output; c enters through tanh(c1)).
// Step 2 is worked out gate by gate in its own test below. Full float64 values of h1, c1, h2:
const H1 = 0.1460525576363457;
const C1 = 0.43823174668202614;
const H2 = 0.13138533678856218;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One step written as a loop over the gates (what the tfjs layer is compared with). */
function handStep(h: number, c: number, x: readonly number[]): [number, number] {
  const z = [0, 1, 2, 3].map((g) => x[0]! * KERNEL[g]! + x[1]! * KERNEL[4 + g]! + h * RECURRENT[g]! + BIAS[g]!);
  const c2 = sigmoid(z[1]!) * c + sigmoid(z[0]!) * Math.tanh(z[2]!);
  return [sigmoid(z[3]!) * Math.tanh(c2), c2];
}

// Tolerances: 5 decimals for numbers rounded by hand (|Δ| < 5e-6); 1e-15 between float64 evaluations of the same
// formulas (a dozen operations on values of order 1, ε = 1.1e-16 each, in a different order).
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LSTM step with fixed weights', () => {
  it('step 1: the scalar formulas give the hand-computed numbers', () => {
    const [h1, c1] = handStep(0, 0, X[0]!);
    expect(h1).toBeCloseTo(0.14605, 5);
    expect(c1).toBeCloseTo(0.43823, 5);
    expect(Math.abs(h1 - H1)).toBeLessThan(1e-15);
    expect(Math.abs(c1 - C1)).toBeLessThan(1e-15);
  });

  it('step 2, worked out gate by gate from h1 and c1 (x = [1, 2]), gives H2, and so does handStep', () => {
    const h1 = H1;
    // z = x·kernel[:, gate] + h1·recurrent[gate] + bias[gate], gates i, f, c, o.
    const zi = 1 * 0.1 + 2 * -0.5 + 0.9 * h1; //      −0.9 + 0.9·h1 = −0.76855
    const zf = 1 * 0.2 + 2 * 0.6 + -0.1 * h1 + 1; //   2.4 − 0.1·h1 =  2.38539
    const zc = 1 * 0.3 + 2 * -0.7 + 0.2 * h1; //      −1.1 + 0.2·h1 = −1.07079
    const zo = 1 * 0.4 + 2 * 0.8 + -0.3 * h1; //       2.0 − 0.3·h1 =  1.95618
    expect([zi, zf, zc, zo].map((z) => Number(z.toFixed(5)))).toEqual([-0.76855, 2.38539, -1.07079, 1.95618]);
    const i = 1 / (1 + Math.exp(0.76855)); //   σ(−0.76855) = 0.31679
    const f = 1 / (1 + Math.exp(-2.38539)); //  σ(2.38539)  = 0.91571
    const g = Math.tanh(-1.07079); //           tanh(−1.07079) = −0.78976
    const o = 1 / (1 + Math.exp(-1.95618)); //  σ(1.95618)  = 0.87612
    expect([i, f, g, o].map((v) => Number(v.toFixed(5)))).toEqual([0.31679, 0.91571, -0.78976, 0.87612]);
    const c2 = 0.91571 * 0.43823 + 0.31679 * -0.78976; // f·c1 + i·g = 0.40129 − 0.25019 = 0.15110
    const h2 = 0.87612 * Math.tanh(0.1511); //           o·tanh(c2) = 0.87612 · 0.14996 = 0.13139
    expect(c2).toBeCloseTo(0.1511, 4); // from 5-decimal inputs: |Δ| < 5e-5
    expect(h2).toBeCloseTo(0.13139, 4);
    expect(Math.abs(h2 - H2)).toBeLessThan(5e-5); // the float64 value, to the precision of the 5-decimal working
    const [h2Loop, c2Loop] = handStep(H1, C1, X[1]!);
    expect(Math.abs(h2Loop - H2)).toBeLessThan(1e-15);
    expect(Math.abs(c2Loop - 0.15110240049221368)).toBeLessThan(1e-15);
  });

  it('the tfjs layer built with Keras semantics gives the same outputs (float32, tolerance 1e-6)', () => {
    const spec = ModelSpec.parse({ layers: [{ lstm: { units: 1, returnSequences: true } }] });
    const model = buildTfjsModel(spec, { batchSize: 1, steps: 2, features: 2 }, [
      { name: 'kernel', shape: [2, 4], values: Float64Array.from(KERNEL) },
      { name: 'recurrentKernel', shape: [1, 4], values: Float64Array.from(RECURRENT) },
      { name: 'bias', shape: [4], values: Float64Array.from(BIAS) },
    ]);
    const out = tf.tidy(() => (model.predict(tf.tensor3d([X])) as tf.Tensor).dataSync());
    // float32: ε ≈ 6e-8 per operation on values below 1, about twenty operations per step → ≤ 1e-6.
    expect(Math.abs(out[0]! - H1)).toBeLessThan(1e-6);
    expect(Math.abs(out[1]! - H2)).toBeLessThan(1e-6);
    model.dispose();
  });
});
