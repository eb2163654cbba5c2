import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpec } from '../../contract/layers.js';
import { buildTfjsModel } from './build.js';

// One LSTM unit on 2 inputs. Keras layout: kernel [input, 4u] and recurrent kernel [u, 4u], gate order i, f, c, o.
const KERNEL = [0.1, 0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8];
const RECURRENT = [0.9, -0.1, 0.2, -0.3];
const BIAS = [0, 1, 0, 0]; // unit forget bias
const X = [[0.5, -1], [1, 2]];

// Worked out by hand (step 1) and with a scalar calculator (both steps):
// z_i = 0.5·0.1 + (−1)(−0.5) = 0.55 → i = σ(0.55) = 0.63413; z_f = 0.05 − 0.6 + 1 = 0.5 (+ forget bias) → f = 0.62246;
// z_c = 0.15 + 0.7 = 0.85 → g = tanh(0.85) = 0.69107; z_o = 0.2 − 0.8 = −0.6 → o = 0.35434;
// c1 = f·0 + i·g = 0.43823; h1 = o·tanh(c1) = 0.14605 (h is the layer's output; c enters through tanh(c1)).
const H1 = 0.1460525576363457;
const H2 = 0.13138533678856218;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The same step, written out as scalars (the independent oracle). */
function handStep(h: number, c: number, x: readonly number[]): [number, number] {
  const z = [0, 1, 2, 3].map((g) => x[0]! * KERNEL[g]! + x[1]! * KERNEL[4 + g]! + h * RECURRENT[g]! + BIAS[g]!);
  const c2 = sigmoid(z[1]!) * c + sigmoid(z[0]!) * Math.tanh(z[2]!);
  return [sigmoid(z[3]!) * Math.tanh(c2), c2];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LSTM step with fixed weights', () => {
  it('the scalar formulas give the hand-computed numbers', () => {
    const [h1, c1] = handStep(0, 0, X[0]!);
    expect(h1).toBeCloseTo(0.14605, 5);
    expect(c1).toBeCloseTo(0.43823, 5);
    expect(handStep(h1, c1, X[1]!)[0]).toBeCloseTo(H2, 12);
  });

  it('the tfjs layer built with Keras semantics gives the same outputs (float32, tolerance 1e-6)', () => {
    const spec = ModelSpec.parse({ layers: [{ lstm: { units: 1, returnSequences: true } }] });
    const model = buildTfjsModel(spec, { batchSize: 1, steps: 2, features: 2 }, [
      { name: 'kernel', shape: [2, 4], values: Float64Array.from(KERNEL) },
      { name: 'recurrentKernel', shape: [1, 4], values: Float64Array.from(RECURRENT) },
      { name: 'bias', shape: [4], values: Float64Array.from(BIAS) },
    ]);
    const out = tf.tidy(() => (model.predict(tf.tensor3d([X])) as tf.Tensor).dataSync());
    expect(Math.abs(out[0]! - H1)).toBeLessThan(1e-6);
    expect(Math.abs(out[1]! - H2)).toBeLessThan(1e-6);
    model.dispose();
  });
});
