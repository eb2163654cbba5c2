import * as tf from '@tensorflow/tfjs';

/**
 * Variable-length batches on tfjs (TF1 dynamic_rnn semantics, as the fused engine): the layers of a built
 * Sequential are applied one by one with a [rows, steps] mask. tfjs' RNNs hold their state past the length but
 * output the held state there, so sequence outputs are multiplied by the mask (zeros past the length); with
 * returnSequences=false the output is the held state, i.e. the state at step length−1. Bidirectional passes
 * the mask to both directions, and tfjs reverses it with the input, so the backward direction starts at step
 * length−1. Per-step losses average over valid steps only.
 */

/** The [n, steps] float mask of `lengths` (1 for t < length). */
export function lengthMask(lengths: ArrayLike<number>, n: number, steps: number): tf.Tensor2D {
  const m = new Float32Array(n * steps);
  for (let i = 0; i < n; i++) for (let t = 0; t < lengths[i]! && t < steps; t++) m[i * steps + t] = 1;
  return tf.tensor2d(m, [n, steps]);
}

/** Whether a layer is an RNN or a Bidirectional wrapper (the layers that take a mask). */
function takesMask(layer: tf.layers.Layer): boolean {
  return layer instanceof tf.RNN || layer.getClassName() === 'Bidirectional';
}

/** Whether a layer's output keeps the time axis (RNN returnSequences, Bidirectional of one). */
function returnsSequences(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig() as { returnSequences?: boolean; layer?: { config?: { returnSequences?: boolean } } };
  return config.returnSequences === true || config.layer?.config?.returnSequences === true;
}

/** The model's output for `x` under `mask` (float [n, steps]); `training` switches dropout on. */
export function maskedForward(model: tf.Sequential, x: tf.Tensor, mask: tf.Tensor2D, training: boolean): tf.Tensor {
  const boolMask = tf.cast(mask, 'bool');
  let h = x;
  for (const layer of model.layers) {
    if (takesMask(layer)) {
      h = layer.apply(h, { mask: boolMask }) as tf.Tensor;
      if (returnsSequences(layer)) h = tf.mul(h, tf.expandDims(mask, 2));
    } else {
      h = layer.apply(h, { training }) as tf.Tensor;
    }
  }
  return h;
}

/**
 * The loss of `out` ([n, outputs] or [n, steps, outputs]) against `y` (same layout; sparse: class indices, one
 * per row or step), averaged over valid steps for sequence outputs. Losses: mse, mae, categoricalCrossentropy,
 * sparseCategoricalCrossentropy (on softmax outputs, clipped at 1e-7 as Keras does).
 */
export function maskedLoss(out: tf.Tensor, y: tf.Tensor, loss: string, mask: tf.Tensor2D): tf.Scalar {
  const classes = out.shape[out.shape.length - 1]!;
  let perRow: tf.Tensor; // one value per row (or per row and step)
  switch (loss) {
    case 'mse':
      perRow = tf.mean(tf.square(tf.sub(out, y)), -1);
      break;
    case 'mae':
      perRow = tf.mean(tf.abs(tf.sub(out, y)), -1);
      break;
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy': {
      const target = loss === 'sparseCategoricalCrossentropy' ? tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), classes).reshape(out.shape) : y;
      perRow = tf.neg(tf.sum(tf.mul(target, tf.log(tf.clipByValue(out, 1e-7, 1 - 1e-7))), -1));
      break;
    }
    default:
      throw new TypeError(`tfjs engine: loss ${loss} is not implemented for variable-length batches`);
  }
  if (out.rank !== 3) return tf.mean(perRow) as tf.Scalar;
  return tf.div(tf.sum(tf.mul(perRow, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}
