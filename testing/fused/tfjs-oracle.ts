import * as tf from '@tensorflow/tfjs';
import { layerOf, recurrentOf, type Activation, type LayerOf, type ModelSpec } from '../../src-main/contract/layers.js';
import type { Sequences, WeightTensor } from '../../src-main/engine/sequence-model.js';
import type { FusedLossName } from '../../src-main/engine/fused/types.js';

/**
 * The tfjs side of the equivalence tests: the same stack built from tf.layers (SimpleRNN, LSTM, GRU without
 * reset_after, Dense) with the fused model's weights set into it, and — where tfjs has no layer (GRU with
 * reset_after) — the Keras cell written in tf ops; Embedding, Bidirectional (tf.layers.bidirectional) and
 * Dropout of rate 0 (the identity). Variable lengths become a tfjs mask, whose RNNs hold state past the length
 * but output the held state there, so sequence outputs are multiplied by the mask (our zeros) and the per-step
 * loss averages over valid steps. Its loss and `tf.variableGrads` are the reference.
 * Test-only: it imports tfjs and holds tensors until `dispose()`.
 */
export class TfjsOracle {
  readonly variables: tf.Variable[] = [];
  private readonly appliers: ((h: tf.Tensor, state: tf.Tensor[] | null, mask: tf.Tensor | null) => tf.Tensor)[] = [];
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
        this.appliers.push((x, state, mask) => gruResetAfter(x, state?.[0] ?? null, vars, c.units, c.activation, c.recurrentActivation, c.returnSequences, mask));
        this.disposers.push(() => tf.dispose(vars));
        probe = tf.zeros(c.returnSequences ? [rows, steps, c.units] : [rows, c.units]);
        continue;
      }
      if (l.kind === 'dropout') {
        if (l.config.rate !== 0) throw new TypeError('TfjsOracle: tfjs dropout is not seeded; only rate 0 (the identity) is checked');
        this.stateCounts.push(0);
        this.appliers.push((x) => x);
        this.disposers.push(() => undefined);
        continue;
      }
      let layer: tf.layers.Layer;
      let sequenceOut = false;
      if (l.kind === 'embedding') {
        const e = tf.layers.embedding({ inputDim: l.config.inputDim, outputDim: l.config.outputDim });
        probe = e.apply(tf.zeros([rows, steps])) as tf.Tensor;
        e.setWeights([take()]);
        this.variables.push(...e.trainableWeights.map((w) => w.read() as tf.Variable));
        this.stateCounts.push(0);
        this.appliers.push((x) => e.apply(tf.reshape(x, [x.shape[0]!, x.shape[1]!])) as tf.Tensor);
        this.disposers.push(() => e.dispose());
        continue;
      }
      if (l.kind === 'bidirectional') {
        const inner = recurrentOf(l.config.layer);
        if (inner.kind === 'gru' && inner.config.resetAfter) throw new TypeError('TfjsOracle: tfjs has no GRU with reset_after');
        layer = tf.layers.bidirectional({ layer: tfLayer(inner as LayerOf) as tf.RNN, mergeMode: l.config.mergeMode });
        sequenceOut = inner.config.returnSequences;
      } else {
        layer = tfLayer(l);
        sequenceOut = (l.kind === 'simpleRNN' || l.kind === 'lstm' || l.kind === 'gru') && l.config.returnSequences;
      }
      const recurrent = l.kind !== 'dense';
      probe = layer.apply(probe) as tf.Tensor; // builds the weights
      const count = layer.getWeights().length;
      const values = Array.from({ length: count }, take);
      layer.setWeights(values);
      tf.dispose(values);
      this.variables.push(...layer.trainableWeights.map((w) => w.read() as tf.Variable));
      const stateful = (l.kind === 'simpleRNN' || l.kind === 'lstm' || l.kind === 'gru') && l.config.stateful;
      this.stateCounts.push(stateful ? (l.kind === 'lstm' ? 2 : 1) : 0);
      this.appliers.push((x, state, mask) => {
        const kwargs: Record<string, unknown> = {};
        if (state) kwargs['initialState'] = state;
        if (mask && recurrent) kwargs['mask'] = mask;
        const out = layer.apply(x, kwargs) as tf.Tensor;
        // tfjs outputs the held state past the length; our semantics (dynamic_rnn) output zeros there.
        return mask && sequenceOut ? tf.mul(out, tf.expandDims(tf.cast(mask, 'float32'), 2)) : out;
      });
      this.disposers.push(() => layer.dispose());
    }
    probe.dispose();
  }

  /**
   * The model's output for x (row-major [rows, steps, features]); `states` are the carried states of the
   * stateful layers in order ([h] or [h, c] each), as constants; `mask` [rows, steps] (bool) marks valid steps.
   */
  forward(x: tf.Tensor, states: readonly Float64Array[], mask: tf.Tensor | null = null): tf.Tensor {
    let h = x;
    let s = 0;
    for (const [i, apply] of this.appliers.entries()) {
      const n = this.stateCounts[i]!;
      const state = n === 0 ? null : states.slice(s, s + n).map((v) => tf.tensor2d(Array.from(v), [x.shape[0]!, v.length / x.shape[0]!]));
      s += n;
      h = apply(h, state, mask);
    }
    return h;
  }

  /** Loss and gradients (in weight order) of one batch, computed by tf.variableGrads. */
  lossAndGradients(x: Sequences, y: Float64Array, loss: FusedLossName, states: readonly Float64Array[]): { loss: number; grads: Float32Array[] } {
    return tf.tidy(() => {
      const xt = tf.tensor3d(Array.from(x.data), [x.n, x.steps, x.features]);
      const lengths = x.lengths;
      const mask = lengths ? tf.tensor2d(Array.from({ length: x.n * x.steps }, (_, i) => (i % x.steps < lengths[Math.floor(i / x.steps)]! ? 1 : 0)), [x.n, x.steps], 'bool') : null;
      const f = (): tf.Scalar => {
        const out = this.forward(xt, states, mask);
        return mask && out.rank === 3 ? this.maskedLoss(out, y, loss, mask) : this.loss(out, y, loss);
      };
      const { value, grads } = tf.variableGrads(f, this.variables);
      return { loss: value.dataSync()[0]!, grads: this.variables.map((v) => grads[v.name]!.dataSync() as Float32Array) };
    });
  }

  /**
   * A per-step loss averaged over the valid steps only (mask [rows, steps]): MSE/MAE over valid steps × outputs,
   * the cross-entropies over valid steps (one value per step, as Keras averages them).
   */
  maskedLoss(out: tf.Tensor, y: Float64Array, loss: FusedLossName, mask: tf.Tensor): tf.Scalar {
    if (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') {
      const classes = out.shape[2]!;
      const target = loss === 'sparseCategoricalCrossentropy' ? tf.oneHot(tf.tensor1d(Array.from(y), 'int32'), classes).reshape(out.shape) : tf.tensor(Array.from(y), out.shape);
      const valid = tf.cast(mask, 'float32');
      const perStep = tf.neg(tf.sum(tf.mul(target, tf.log(out)), -1));
      return tf.div(tf.sum(tf.mul(perStep, valid)), tf.sum(valid)) as tf.Scalar;
    }
    const m = tf.expandDims(tf.cast(mask, 'float32'), 2);
    const d = tf.sub(out, tf.tensor(Array.from(y), out.shape));
    const e = loss === 'mse' ? tf.square(d) : tf.abs(d);
    const count = tf.mul(tf.sum(m), out.shape[2]!);
    return tf.div(tf.sum(tf.mul(e, m)), count) as tf.Scalar;
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

/** The tf.layers layer of a Dense or recurrent spec (weights are set by the caller). */
function tfLayer(l: LayerOf): tf.layers.Layer {
  switch (l.kind) {
    case 'dense':
      return tf.layers.dense({ units: l.config.units, activation: tfActivation(l.config.activation), useBias: l.config.useBias });
    case 'simpleRNN':
      return tf.layers.simpleRNN({ units: l.config.units, activation: tfActivation(l.config.activation), useBias: l.config.useBias, returnSequences: l.config.returnSequences });
    case 'lstm':
      return tf.layers.lstm({ units: l.config.units, activation: tfActivation(l.config.activation), recurrentActivation: tfActivation(l.config.recurrentActivation), useBias: l.config.useBias, returnSequences: l.config.returnSequences });
    case 'gru':
      // tfjs' GRU is Keras' reset_after=False (reset_after=True is built by hand in gruResetAfter).
      return tf.layers.gru({ units: l.config.units, activation: tfActivation(l.config.activation), recurrentActivation: tfActivation(l.config.recurrentActivation), useBias: l.config.useBias, returnSequences: l.config.returnSequences });
    default:
      throw new TypeError(`TfjsOracle: no plain tf.layers layer for ${l.kind}`);
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
  mask: tf.Tensor | null,
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
    const next = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
    if (mask) {
      // Past the length: state held, output zero (dynamic_rnn).
      const m = tf.reshape(tf.cast(tf.slice(mask, [0, t], [rows, 1]), 'float32'), [rows, 1]);
      h = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), h));
      outs.push(tf.mul(m, h));
    } else {
      h = next;
      outs.push(h);
    }
  }
  return returnSequences ? tf.stack(outs, 1) : h;
}
