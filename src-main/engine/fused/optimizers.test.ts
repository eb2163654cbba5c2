import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '../../contract/spec.js';
import type { Sequences } from '../sequence-model.js';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { FusedModel } from './model.js';
import { TfjsOracle } from '../../../testing/fused/tfjs-oracle.js';

// Ten optimizer steps from identical weights, fused (Float64) against tf.train.* on tf.layers (float32).
// Bound: 1e-5 absolute per parameter (DESIGN.md's tfjs bound; weights are O(0.1–1)): float32 rounding of the
// gradients (≈ 1e-7 relative) carried through ten updates; worst measured ≈ 2e-7.
const STEPS = 10;
const TOLERANCE = 1e-5;
const worst: Record<string, number> = {};

const optimizers: Record<string, { spec: Optimizer; tfjs: () => tf.Optimizer }> = {
  'adam (Keras defaults)': { spec: { adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }, tfjs: () => tf.train.adam(0.001, 0.9, 0.999, 1e-7) },
  'adam lr 0.01': { spec: { adam: { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 } }, tfjs: () => tf.train.adam(0.01, 0.8, 0.99, 1e-7) },
  sgd: { spec: { sgd: { learningRate: 0.1, momentum: 0, nesterov: false } }, tfjs: () => tf.train.sgd(0.1) },
  'sgd momentum': { spec: { sgd: { learningRate: 0.05, momentum: 0.9, nesterov: false } }, tfjs: () => tf.train.momentum(0.05, 0.9, false) },
  'sgd nesterov': { spec: { sgd: { learningRate: 0.05, momentum: 0.9, nesterov: true } }, tfjs: () => tf.train.momentum(0.05, 0.9, true) },
  rmsprop: { spec: { rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 } }, tfjs: () => tf.train.rmsprop(0.001, 0.9, 0, 1e-7) },
  'rmsprop momentum': { spec: { rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0.5, epsilon: 1e-7 } }, tfjs: () => tf.train.rmsprop(0.001, 0.9, 0.5, 1e-7) },
};

const shapes = {
  'LSTM(3) → Dense(2), batch 4 × 3 steps': { layers: [{ lstm: { units: 3 } }, { dense: { units: 2 } }], batchSize: 4, steps: 3, features: 2 },
  'stateful LSTM(4) → Dense(1), batch 1 × 1 step (shampoo)': { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }], batchSize: 1, steps: 1, features: 1 },
  'GRU(3) seq → Dense(1) per step, batch 2': { layers: [{ gru: { units: 3, returnSequences: true } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 2 },
};

/** Rows start..start+rows of x (and their targets). */
function slice(x: Sequences, y: Float64Array, width: number, start: number, rows: number): [Sequences, Float64Array] {
  const per = x.steps * x.features;
  return [
    { data: x.data.slice(start * per, (start + rows) * per), n: rows, steps: x.steps, features: x.features },
    y.slice(start * width, (start + rows) * width),
  ];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe(`${STEPS} optimizer steps agree with tfjs`, () => {
  afterAll(() => console.log(`optimizer steps, max |Δw| per case (bound ${TOLERANCE}):`, worst));
  for (const [shapeName, s] of Object.entries(shapes)) {
    for (const [optName, o] of Object.entries(optimizers)) {
      it(`${optName} on ${shapeName}`, () => {
        const request = makeRequest(s.layers, s, { optimizer: o.spec, seed: 3 });
        const model = new FusedModel(request);
        const n = STEPS * s.batchSize;
        const x = randomSequences(n, s.steps, s.features, 11);
        const y = randomTargets(n * model.targetWidth, 12);
        const oracle = new TfjsOracle(request.model, s.batchSize, s.steps, s.features, model.getWeights());
        const optimizer = o.tfjs();
        for (let b = 0; b < STEPS; b++) {
          const [xb, yb] = slice(x, y, model.targetWidth, b * s.batchSize, s.batchSize);
          // The carried state enters each batch as a constant, in both engines.
          const states = model.getStates();
          model.trainEpochSync(xb, yb, undefined, false);
          tf.tidy(() => {
            const xt = tf.tensor3d(Array.from(xb.data), [xb.n, xb.steps, xb.features]);
            optimizer.minimize(() => oracle.loss(oracle.forward(xt, states), yb, 'mse'), false, oracle.variables);
          });
        }
        let err = 0;
        model.getWeights().forEach((w, i) => {
          const ref = oracle.variables[i]!.dataSync();
          for (let k = 0; k < w.values.length; k++) err = Math.max(err, Math.abs(w.values[k]! - ref[k]!));
        });
        optimizer.dispose();
        oracle.dispose();
        worst[`${optName} on ${shapeName}`] = err;
        expect(err).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  }
});

describe('FlatOptimizer', () => {
  it("adamEpsilon 'keras' applies lr·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v + ε), 'tfjs' lr·m̂/(√v̂ + ε)", async () => {
    const { FlatOptimizer } = await import('./optimizers.js');
    const spec = { adam: { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.01 } };
    const g = Float64Array.of(0.5);
    const keras = new FlatOptimizer(spec, 1, 'f64', 'keras');
    const tfjs = new FlatOptimizer(spec, 1, 'f64', 'tfjs');
    const wk = Float64Array.of(1);
    const wt = Float64Array.of(1);
    keras.step(wk, g);
    tfjs.step(wt, g);
    const m = 0.1 * 0.5;
    const v = 0.001 * 0.25;
    // The same float64 formula written out: 14 decimals is a few ulps of a value of order 1.
    expect(wk[0]).toBeCloseTo(1 - ((0.1 * Math.sqrt(0.001)) / 0.1) * (m / (Math.sqrt(v) + 0.01)), 14);
    expect(wt[0]).toBeCloseTo(1 - (0.1 * (m / 0.1)) / (Math.sqrt(v / 0.001) + 0.01), 14);
  });
});
