import { Matrix, QrDecomposition } from 'ml-matrix';
import type { Initializer, ModelSpec } from '../contract/layers.js';
import { layerOf, outputWidth, weightShapes } from '../contract/layers.js';
import { createRng, type Rng } from '../common/rng.js';
import type { WeightTensor } from './sequence-model.js';

/** Names (`layers[<index>].<kind>.<weight>`) and shapes of a model's weights, in Keras order. */
export function weightLayout(model: ModelSpec, inputFeatures: number): { name: string; shape: readonly number[] }[] {
  const out: { name: string; shape: readonly number[] }[] = [];
  let features = inputFeatures;
  model.layers.forEach((layer, index) => {
    const l = layerOf(layer);
    for (const w of weightShapes(l, features)) out.push({ name: `layers[${index}].${l.kind}.${w.name}`, shape: w.shape });
    features = outputWidth(l, features);
  });
  return out;
}

/**
 * Seeded initial weights with Keras' initialisers, in Keras order and layout. Both engines start from
 * these arrays (set into tfjs layers, copied into the fused engine), so one seed gives one start.
 */
export function initialWeights(model: ModelSpec, inputFeatures: number, seed: number): WeightTensor[] {
  const rng = createRng(seed, 'init');
  const out: WeightTensor[] = [];
  let features = inputFeatures;
  model.layers.forEach((layer, index) => {
    const l = layerOf(layer);
    for (const w of weightShapes(l, features)) {
      out.push({ name: `layers[${index}].${l.kind}.${w.name}`, shape: w.shape, values: initialize(w.init, w.shape, rng, w.forgetUnits ?? 0) });
    }
    features = outputWidth(l, features);
  });
  return out;
}

/**
 * One tensor's seeded values with a Keras initialiser (row-major, fans from the shape as Keras computes them);
 * `forgetUnits` > 0 sets the forget block [u, 2u) to 1 (unit_forget_bias). Draws from `rng` in place.
 */
export function initialize(init: Initializer, shape: readonly number[], rng: Rng, forgetUnits: number): Float64Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const fanIn = shape.length >= 2 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : shape[0]!;
  const fanOut = shape[shape.length - 1]!;
  let values: Float64Array;
  switch (init) {
    case 'zeros':
      values = new Float64Array(size);
      break;
    case 'ones':
      values = new Float64Array(size).fill(1);
      break;
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      values = Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * limit);
      break;
    }
    case 'randomUniform':
      // Keras RandomUniform default (Embedding): uniform(−0.05, 0.05).
      values = Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * 0.05);
      break;
    case 'lecunUniform': {
      const limit = Math.sqrt(3 / fanIn);
      values = Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * limit);
      break;
    }
    case 'heNormal': {
      // Keras draws from a normal truncated at 2σ; redraw outside it.
      const std = Math.sqrt(2 / fanIn) / 0.87962566103423978;
      values = Float64Array.from({ length: size }, () => {
        let z = rng.normal();
        while (Math.abs(z) > 2) z = rng.normal();
        return z * std;
      });
      break;
    }
    case 'orthogonal':
      values = orthogonal(fanIn, fanOut, rng);
      break;
  }
  if (forgetUnits > 0) values.fill(1, forgetUnits, 2 * forgetUnits);
  return values;
}

/** Keras' Orthogonal(gain=1): QR of a normal matrix, signs fixed by diag(R), transposed when wide. */
function orthogonal(rows: number, cols: number, rng: Rng): Float64Array {
  const tall = Math.max(rows, cols);
  const narrow = Math.min(rows, cols);
  const a = new Matrix(tall, narrow);
  for (let i = 0; i < tall; i++) for (let j = 0; j < narrow; j++) a.set(i, j, rng.normal());
  const qr = new QrDecomposition(a);
  const q = qr.orthogonalMatrix.subMatrix(0, tall - 1, 0, narrow - 1);
  const r = qr.upperTriangularMatrix;
  for (let j = 0; j < narrow; j++) {
    const sign = Math.sign(r.get(j, j)) || 1;
    for (let i = 0; i < tall; i++) q.set(i, j, q.get(i, j) * sign);
  }
  const m = rows < cols ? q.transpose() : q;
  return Float64Array.from(m.to1DArray());
}
