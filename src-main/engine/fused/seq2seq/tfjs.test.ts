import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { randomPairs, randomWeights, seq2seqRequest, smallArchitecture } from '../../../../testing/fused/seq2seq-fixtures.js';
import type { PairTensors, Seq2seqArchitecture } from '../../seq2seq/types.js';
import { seq2seqWeightLayout } from '../../seq2seq/types.js';
import { FusedSeq2seqModel } from './model.js';

// The same encoder–decoder in plain tf ops (float32, tfjs cpu backend), one pair at a time with the encoder
// over the pair's real steps (masking as truncation); its distributions, loss and tf.grads gradients are the
// oracle of the fused model (float64). Bounds: probabilities and loss ≤ 1e-5; each gradient tensor
// ‖Δ‖∞ ≤ 1e-6 and ≤ 1e-4·‖g‖∞ (W₁'s gradient is ≈1e-5 in size, so an absolute bound alone would say nothing;
// measured: Δ ≈ 1e-10 … 3e-8, relative ≤ 1.2e-5, float32 rounding).

/** Log-probabilities [targetLength − 1, V] of pair i, in tf ops, from weight tensors in layout order. */
function tfLogProbs(a: Seq2seqArchitecture, ws: tf.Tensor[], p: PairTensors, i: number): tf.Tensor2D {
  const names = seq2seqWeightLayout(a).map((w) => w.name);
  const w = (name: string) => ws[names.indexOf(name)]!;
  const lstm = (prefix: string, x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] => {
    const z = tf.add(tf.add(tf.matMul(x, w(`${prefix}.kernel`) as tf.Tensor2D), tf.matMul(h, w(`${prefix}.recurrentKernel`) as tf.Tensor2D)), w(`${prefix}.bias`));
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    const cNew = tf.add(tf.mul(tf.sigmoid(zf!), c), tf.mul(tf.sigmoid(zi!), tf.tanh(zc!))) as tf.Tensor2D;
    return [tf.mul(tf.sigmoid(zo!), tf.tanh(cNew)) as tf.Tensor2D, cNew];
  };
  const run = (prefix: string, xs: tf.Tensor2D[], u: number) => {
    let h = tf.zeros([1, u]) as tf.Tensor2D;
    let c = tf.zeros([1, u]) as tf.Tensor2D;
    const out: tf.Tensor2D[] = [];
    for (const x of xs) {
      [h, c] = lstm(prefix, x, h, c);
      out.push(h);
    }
    return { out, h, c };
  };
  const len = p.sourceLengths[i]!;
  let xs = Array.from({ length: len }, (_, t) => tf.oneHot([p.source[i * p.sourceSteps + t]!], a.sourceVocab).toFloat() as tf.Tensor2D);
  const finals: [tf.Tensor2D, tf.Tensor2D][] = [];
  a.encoderUnits.forEach((u, l) => {
    if (!a.bidirectionalEncoder) {
      const f = run(`encoder[${l}]`, xs, u);
      finals.push([f.h, f.c]);
      xs = f.out;
      return;
    }
    const f = run(`encoder[${l}].forward`, xs, u);
    const b = run(`encoder[${l}].backward`, [...xs].reverse(), u);
    const bOut = [...b.out].reverse();
    finals.push([tf.concat([f.h, b.h], 1), tf.concat([f.c, b.c], 1)]);
    xs = f.out.map((o, t) => tf.concat([o, bOut[t]!], 1));
  });
  const H = tf.concat(xs, 0); // [len, E]
  const L = a.decoderUnits.length;
  let states = finals;
  const rows: tf.Tensor2D[] = [];
  for (let t = 0; t < p.targetLengths[i]! - 1; t++) {
    let x = tf.oneHot([p.target[i * p.targetSteps + t]!], a.targetVocab).toFloat() as tf.Tensor2D;
    if (a.attention === 'bahdanau') {
      const s = states[L - 1]![0];
      const pre = tf.tanh(tf.add(tf.matMul(s, w('attention.queryKernel') as tf.Tensor2D), tf.matMul(H, w('attention.keyKernel') as tf.Tensor2D))) as tf.Tensor2D;
      const e: tf.Tensor2D = tf.reshape(tf.matMul(pre, w('attention.scoreKernel') as tf.Tensor2D), [1, len]);
      const alpha = tf.softmax(e) as tf.Tensor2D;
      x = tf.concat([x, tf.matMul(alpha, H)], 1) as tf.Tensor2D;
    }
    states = states.map(([h, c], l) => {
      const next = lstm(`decoder[${l}]`, x, h, c);
      x = next[0];
      return next;
    });
    const logits = tf.add(tf.matMul(states[L - 1]![0], w('output.kernel') as tf.Tensor2D), w('output.bias'));
    rows.push(tf.logSoftmax(logits) as tf.Tensor2D);
  }
  return tf.concat(rows, 0);
}

const cases: [string, Partial<Seq2seqArchitecture>][] = [
  ['plain', {}],
  ['bidirectional encoder, Bahdanau attention, 2-layer stacks', { encoderUnits: [2, 2], decoderUnits: [4, 4], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 3 }],
];

describe('fused seq2seq vs the same model in tf ops (float32)', () => {
  for (const [name, overrides] of cases) {
    it(`${name}: distributions, loss and every weight's gradient`, async () => {
      await tf.setBackend('cpu');
      const a = smallArchitecture(overrides);
      const weights = randomWeights(a, 21, 1);
      const pairs = randomPairs(4, 5, 5, a.sourceVocab, a.targetVocab, 13, 1);
      const model = new FusedSeq2seqModel(seq2seqRequest(a, weights, 4), { kernels: 'js' });
      const forced = await model.forcedDistributions(pairs);
      const loss = model.lossAndGradients(pairs);
      const grads = model.getGradients();
      const ws = weights.map((x) => tf.tensor(Array.from(x.values), [...x.shape], 'float32'));
      const Td = pairs.targetSteps - 1;
      const V = a.targetVocab;
      let worst = 0;
      for (let i = 0; i < pairs.n; i++) {
        const probs = tf.tidy(() => tf.exp(tfLogProbs(a, ws, pairs, i)).arraySync() as number[][]);
        probs.forEach((row, t) => row.forEach((p, j) => (worst = Math.max(worst, Math.abs(p - forced[(i * Td + t) * V + j]!)))));
      }
      expect(worst).toBeLessThanOrEqual(1e-5);
      const lossOf = (...vars: tf.Tensor[]) => {
        const per = Array.from({ length: pairs.n }, (_, i) => {
          const lp = tfLogProbs(a, vars, pairs, i);
          const labels = Array.from({ length: pairs.targetLengths[i]! - 1 }, (_, t) => pairs.target[i * pairs.targetSteps + t + 1]!);
          return tf.neg(tf.sum(tf.mul(lp, tf.oneHot(labels, V).toFloat())));
        });
        const count = Array.from(pairs.targetLengths).reduce((s, l) => s + l - 1, 0);
        return tf.div(tf.addN(per), count) as tf.Scalar;
      };
      const { value, grads: tfGrads } = tf.tidy(() => {
        const { value: v, grads: g } = tf.valueAndGrads(lossOf)(ws);
        return { value: v.dataSync()[0]!, grads: g.map((t) => Array.from(t.dataSync())) };
      });
      expect(Math.abs(value - loss)).toBeLessThanOrEqual(1e-5);
      grads.forEach((g, k) => {
        const worstGrad = Math.max(...Array.from(g.values, (x, j) => Math.abs(x - tfGrads[k]![j]!)));
        const size = Math.max(...Array.from(g.values, Math.abs));
        expect(worstGrad, g.name).toBeLessThanOrEqual(1e-6);
        expect(worstGrad / size, g.name).toBeLessThanOrEqual(1e-4);
      });
      tf.dispose(ws);
    });
  }
});
