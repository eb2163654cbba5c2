import * as tf from '@tensorflow/tfjs';
import { layerOf, type Activation, type ModelSpec } from '../../contract/layers.js';
import type { Sequences, WeightTensor } from '../sequence-model.js';
import type { FusedLossName } from './types.js';

/**
 * The tfjs side of the equivalence tests: the same stack built from tf.layers (SimpleRNN, LSTM, GRU without
 * reset_after, Dense) with the fused model's weights set into it, and — where tfjs has no layer (GRU with
 * reset_after) — the Keras cell written in tf ops. Its loss and `tf.variableGrads` are the reference.
 * Test-only: it imports tfjs and holds tensors until `dispose()`.
 */
export class TfjsOracle {
  readonly variables: tf.Variable[] = [];
  private readonly appliers: ((h: tf.Tensor, state: tf.Tensor[] | null) => tf.Tensor)[] = [];
  private readonly stateCounts: number[] = [];
  private readonly disposers: (() => void)[] = [];

  /** Builds the stack for inputs [rows, steps, features] and loads `weights` (Keras order and shapes). */
  constructor(model: ModelSpec, rows: number, steps: number, features: number, weights: readonly WeightTensor[]) {
    let next = 0;
    const take = (): tf.Tensor => {
      const w = weights[next++]!;
      return tf.tensor(Array.from(w.values), [...w.shape], 'float32');
    };
    let probe: tf.Tensor = tf.zeros([rows, steps, features]);
    for (const spec of model.layers) {
      const l = layerOf(spec);
      if (l.kind === 'gru' && l.config.resetAfter) {
        const c = l.config;
        const vars = [tf.variable(take()), tf.variable(take())];
        if (c.useBias) vars.push(tf.variable(take()));
        this.variables.push(...vars);
        this.stateCounts.push(c.stateful ? 1 : 0);
        this.appliers.push((x, state) => gruResetAfter(x, state?.[0] ?? null, vars, c.units, c.activation, c.recurrentActivation, c.returnSequences));
        this.disposers.push(() => tf.dispose(vars));
        probe = tf.zeros(c.returnSequences ? [rows, steps, c.units] : [rows, c.units]);
        continue;
      }
      if (l.kind !== 'dense' && l.kind !== 'simpleRNN' && l.kind !== 'lstm' && l.kind !== 'gru') throw new TypeError(`TfjsOracle: ${l.kind} is not built here`);
      let layer: tf.layers.Layer;
      const c = l.config;
      switch (l.kind) {
        case 'dense':
          layer = tf.layers.dense({ units: c.units, activation: tfActivation(c.activation), useBias: c.useBias });
          break;
        case 'simpleRNN':
          layer = tf.layers.simpleRNN({ units: c.units, activation: tfActivation(c.activation), useBias: c.useBias, returnSequences: l.config.returnSequences });
          break;
        case 'lstm':
          layer = tf.layers.lstm({ units: c.units, activation: tfActivation(c.activation), recurrentActivation: tfActivation(l.config.recurrentActivation), useBias: c.useBias, returnSequences: l.config.returnSequences });
          break;
        case 'gru':
          // tfjs' GRU is Keras' reset_after=False (reset_after=True is built by hand above).
          layer = tf.layers.gru({ units: c.units, activation: tfActivation(c.activation), recurrentActivation: tfActivation(l.config.recurrentActivation), useBias: c.useBias, returnSequences: l.config.returnSequences });
          break;
      }
      probe = layer.apply(probe) as tf.Tensor; // builds the weights
      const count = layer.getWeights().length;
      const values = Array.from({ length: count }, take);
      layer.setWeights(values);
      tf.dispose(values);
      this.variables.push(...layer.trainableWeights.map((w) => w.read() as tf.Variable));
      const stateful = l.kind !== 'dense' && l.config.stateful;
      this.stateCounts.push(stateful ? (l.kind === 'lstm' ? 2 : 1) : 0);
      this.appliers.push((x, state) => layer.apply(x, state ? { initialState: state } : {}) as tf.Tensor);
      this.disposers.push(() => layer.dispose());
    }
    probe.dispose();
  }

  /**
   * The model's output for x (row-major [rows, steps, features]); `states` are the carried states of the
   * stateful layers in order ([h] or [h, c] each), as constants.
   */
  forward(x: tf.Tensor, states: readonly Float64Array[]): tf.Tensor {
    let h = x;
    let s = 0;
    for (const [i, apply] of this.appliers.entries()) {
      const n = this.stateCounts[i]!;
      const state = n === 0 ? null : states.slice(s, s + n).map((v) => tf.tensor2d(Array.from(v), [x.shape[0]!, v.length / x.shape[0]!]));
      s += n;
      h = apply(h, state);
    }
    return h;
  }

  /** Loss and gradients (in weight order) of one batch, computed by tf.variableGrads. */
  lossAndGradients(x: Sequences, y: Float64Array, loss: FusedLossName, states: readonly Float64Array[]): { loss: number; grads: Float32Array[] } {
    return tf.tidy(() => {
      const xt = tf.tensor3d(Array.from(x.data), [x.n, x.steps, x.features]);
      const f = (): tf.Scalar => this.loss(this.forward(xt, states), y, loss);
      const { value, grads } = tf.variableGrads(f, this.variables);
      return { loss: value.dataSync()[0]!, grads: this.variables.map((v) => grads[v.name]!.dataSync() as Float32Array) };
    });
  }

  /** The scalar loss of `out` against row-major targets `y` (class indices for the sparse loss). */
  loss(out: tf.Tensor, y: Float64Array, loss: FusedLossName): tf.Scalar {
    const classes = out.shape[out.shape.length - 1]!;
    if (loss === 'sparseCategoricalCrossentropy') {
      const oneHot = tf.oneHot(tf.tensor1d(Array.from(y), 'int32'), classes).reshape(out.shape);
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(out)), -1))) as tf.Scalar;
    }
    const target = tf.tensor(Array.from(y), out.shape);
    if (loss === 'categoricalCrossentropy') return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(out)), -1))) as tf.Scalar;
    const d = tf.sub(out, target);
    return tf.mean(loss === 'mse' ? tf.square(d) : tf.abs(d)) as tf.Scalar;
  }

  dispose(): void {
    for (const d of this.disposers) d();
  }
}

function tfActivation(a: Activation): 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear' | 'softmax' {
  return a;
}

function applyActivation(a: Activation, x: tf.Tensor): tf.Tensor {
  switch (a) {
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'hardSigmoid':
      return tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
    case 'relu':
      return tf.relu(x);
    case 'linear':
      return x;
    case 'softmax':
      return tf.softmax(x);
  }
}

/** Keras GRU with reset_after=True in tf ops (tfjs-layers has no such GRU). */
function gruResetAfter(
  x: tf.Tensor, h0: tf.Tensor | null, vars: tf.Variable[], units: number, act: Activation, rec: Activation, returnSequences: boolean,
): tf.Tensor {
  const [rows, steps] = x.shape as [number, number, number];
  const [w, r, b] = vars as [tf.Variable, tf.Variable, tf.Variable | undefined];
  let h = h0 ?? tf.zeros([rows, units]);
  const outs: tf.Tensor[] = [];
  const bIn = b ? tf.slice(b, [0, 0], [1, 3 * units]).reshape([3 * units]) : null;
  const bRec = b ? tf.slice(b, [1, 0], [1, 3 * units]).reshape([3 * units]) : null;
  for (let t = 0; t < steps; t++) {
    const xt = tf.slice(x, [0, t, 0], [rows, 1, x.shape[2]!]).reshape([rows, x.shape[2]!]);
    let xw = tf.matMul(xt, w);
    let hr = tf.matMul(h, r);
    if (bIn && bRec) {
      xw = tf.add(xw, bIn);
      hr = tf.add(hr, bRec);
    }
    const [xz, xr, xh] = tf.split(xw, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const [rz, rr, rh] = tf.split(hr, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const z = applyActivation(rec, tf.add(xz, rz));
    const rg = applyActivation(rec, tf.add(xr, rr));
    const hh = applyActivation(act, tf.add(xh, tf.mul(rg, rh)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
    outs.push(h);
  }
  return returnSequences ? tf.stack(outs, 1) : h;
}
