import { describe, expect, it } from 'vitest';
import type { WeightTensor } from '../../../contract/results.js';
import { randomPairs, randomWeights, seq2seqRequest, smallArchitecture } from '../../../../testing/fused/seq2seq-fixtures.js';
import type { PairTensors, Seq2seqArchitecture } from '../../seq2seq/types.js';
import { FusedSeq2seqModel } from './model.js';

// An independent float64 reference of the teacher-forced forward pass, one pair at a time in plain loops: the
// encoder runs over the pair's real steps only (masking as truncation), the backward direction over them
// reversed; no time-major buffers, no batching, no kernels of the engine.

type W = Map<string, WeightTensor>;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** One Keras LSTM step (gates i, f, c, o): x [in], h, c [u]; kernel [in, 4u], recurrent [u, 4u], bias [4u]. */
function lstmStep(w: W, prefix: string, x: number[], h: number[], c: number[]): [number[], number[]] {
  const k = w.get(`${prefix}.kernel`)!.values;
  const r = w.get(`${prefix}.recurrentKernel`)!.values;
  const bias = w.get(`${prefix}.bias`)!.values;
  const u = h.length;
  const z = Array.from({ length: 4 * u }, (_, j) => {
    let s = bias[j]!;
    for (let i = 0; i < x.length; i++) s += x[i]! * k[i * 4 * u + j]!;
    for (let i = 0; i < u; i++) s += h[i]! * r[i * 4 * u + j]!;
    return s;
  });
  const cNew = Array.from({ length: u }, (_, j) => sigmoid(z[u + j]!) * c[j]! + sigmoid(z[j]!) * Math.tanh(z[2 * u + j]!));
  const hNew = cNew.map((cv, j) => sigmoid(z[3 * u + j]!) * Math.tanh(cv));
  return [hNew, cNew];
}

/** An LSTM over a sequence of input vectors from zero state: its outputs and final [h, c]. */
function lstmSequence(w: W, prefix: string, xs: number[][], u: number): { out: number[][]; h: number[]; c: number[] } {
  let h = new Array<number>(u).fill(0);
  let c = new Array<number>(u).fill(0);
  const out: number[][] = [];
  for (const x of xs) {
    [h, c] = lstmStep(w, prefix, x, h, c);
    out.push(h);
  }
  return { out, h, c };
}

const oneHot = (id: number, n: number): number[] => Array.from({ length: n }, (_, j) => (j === id ? 1 : 0));

/** Distributions of pair i at steps t = 0 … targetLength − 2: [step][class]. */
function referenceDistributions(a: Seq2seqArchitecture, weights: readonly WeightTensor[], p: PairTensors, i: number): number[][] {
  const w: W = new Map(weights.map((x) => [x.name, x]));
  const len = p.sourceLengths[i]!;
  let xs = Array.from({ length: len }, (_, t) => oneHot(p.source[i * p.sourceSteps + t]!, a.sourceVocab));
  const finals: { h: number[]; c: number[] }[] = [];
  a.encoderUnits.forEach((u, l) => {
    if (!a.bidirectionalEncoder) {
      const f = lstmSequence(w, `encoder[${l}]`, xs, u);
      finals.push({ h: f.h, c: f.c });
      xs = f.out;
      return;
    }
    const f = lstmSequence(w, `encoder[${l}].forward`, xs, u);
    const b = lstmSequence(w, `encoder[${l}].backward`, [...xs].reverse(), u);
    const bOut = [...b.out].reverse();
    finals.push({ h: [...f.h, ...b.h], c: [...f.c, ...b.c] });
    xs = f.out.map((o, t) => [...o, ...bOut[t]!]);
  });
  const H = xs; // the top encoder layer's outputs h_j, j < len
  let states = finals.map((s) => ({ h: s.h, c: s.c }));
  const out: number[][] = [];
  const L = a.decoderUnits.length;
  for (let t = 0; t < p.targetLengths[i]! - 1; t++) {
    let x = oneHot(p.target[i * p.targetSteps + t]!, a.targetVocab);
    if (a.attention === 'bahdanau') {
      const W1 = w.get('attention.queryKernel')!.values;
      const W2 = w.get('attention.keyKernel')!.values;
      const v = w.get('attention.scoreKernel')!.values;
      const A = a.attentionUnits;
      const s = states[L - 1]!.h;
      const e = H.map((hj) => {
        let score = 0;
        for (let k = 0; k < A; k++) {
          let pre = 0;
          for (let q = 0; q < s.length; q++) pre += s[q]! * W1[q * A + k]!;
          for (let q = 0; q < hj.length; q++) pre += hj[q]! * W2[q * A + k]!;
          score += v[k]! * Math.tanh(pre);
        }
        return score;
      });
      const max = Math.max(...e);
      const ex = e.map((x) => Math.exp(x - max));
      const sum = ex.reduce((p, x) => p + x, 0);
      const alpha = ex.map((x) => x / sum);
      const ctx = H[0]!.map((_, q) => H.reduce((acc, hj, j) => acc + alpha[j]! * hj[q]!, 0));
      x = [...x, ...ctx];
    }
    states = states.map((st, l) => {
      const [h, c] = lstmStep(w, `decoder[${l}]`, x, st.h, st.c);
      x = h;
      return { h, c };
    });
    const ok = w.get('output.kernel')!.values;
    const ob = w.get('output.bias')!.values;
    const V = a.targetVocab;
    const top = states[L - 1]!.h;
    const logits = Array.from({ length: V }, (_, j) => top.reduce((acc, hv, q) => acc + hv * ok[q * V + j]!, ob[j]!));
    const m = Math.max(...logits);
    const ex = logits.map((z) => Math.exp(z - m));
    const sum = ex.reduce((p, z) => p + z, 0);
    out.push(ex.map((z) => z / sum));
  }
  return out;
}

const architectures: [string, Partial<Seq2seqArchitecture>][] = [
  ['plain', {}],
  ['attention', { attention: 'bahdanau', attentionUnits: 4 }],
  ['2-layer plain', { encoderUnits: [3, 4], decoderUnits: [3, 4] }],
  ['bidirectional + attention', { encoderUnits: [2], decoderUnits: [4], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 3 }],
  ['2-layer bidirectional + attention', { encoderUnits: [2, 3], decoderUnits: [4, 6], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 5 }],
];

describe('fused seq2seq forward vs a plain float64 reference', () => {
  for (const [name, overrides] of architectures) {
    it(`${name}: forcedDistributions equal the reference ≤ 1e-12, and a session fed the references reproduces them`, async () => {
      const a = smallArchitecture(overrides);
      const weights = randomWeights(a, 11, 1);
      // 7 pairs with batch size 3: three batches, the last partial; lengths vary (padding in both).
      const pairs = randomPairs(7, 5, 6, a.sourceVocab, a.targetVocab, 5, 1);
      const model = new FusedSeq2seqModel(seq2seqRequest(a, weights, 3), { kernels: 'js' });
      const forced = await model.forcedDistributions(pairs);
      const Td = pairs.targetSteps - 1;
      const V = a.targetVocab;
      let worst = 0;
      for (let i = 0; i < pairs.n; i++) {
        const ref = referenceDistributions(a, weights, pairs, i);
        ref.forEach((row, t) => row.forEach((p, j) => (worst = Math.max(worst, Math.abs(p - forced[(i * Td + t) * V + j]!)))));
      }
      expect(worst).toBeLessThanOrEqual(1e-12);

      // Fidelity: one session for all 7 rows, fed target[t] at step t.
      const session = model.startDecoding(pairs);
      let worstStep = 0;
      for (let t = 0; t < Td; t++) {
        const tokens = Int32Array.from({ length: pairs.n }, (_, i) => pairs.target[i * pairs.targetSteps + t]!);
        const { probs, attention } = session.step(tokens);
        for (let i = 0; i < pairs.n; i++) {
          if (t >= pairs.targetLengths[i]! - 1) continue;
          for (let j = 0; j < V; j++) worstStep = Math.max(worstStep, Math.abs(probs[i * V + j]! - forced[(i * Td + t) * V + j]!));
        }
        if (a.attention === 'none') {
          expect(attention).toBeNull();
          continue;
        }
        // Attention rows: sum 1 over j < length, exactly 0 on padding.
        for (let i = 0; i < pairs.n; i++) {
          const row = Array.from(attention!.subarray(i * pairs.sourceSteps, (i + 1) * pairs.sourceSteps));
          const len = pairs.sourceLengths[i]!;
          expect(row.slice(len).every((x) => x === 0)).toBe(true);
          expect(row.slice(0, len).every((x) => x > 0)).toBe(true);
          expect(Math.abs(row.reduce((s, x) => s + x, 0) - 1)).toBeLessThanOrEqual(1e-14);
        }
      }
      expect(worstStep).toBeLessThanOrEqual(1e-12);
    });
  }

  it('evaluate is the mean loss and argmax accuracy over the real characters', async () => {
    const a = smallArchitecture({ attention: 'bahdanau' });
    const weights = randomWeights(a, 2, 1);
    const pairs = randomPairs(5, 4, 5, a.sourceVocab, a.targetVocab, 9, 1);
    const model = new FusedSeq2seqModel(seq2seqRequest(a, weights, 2), { kernels: 'js' });
    let loss = 0;
    let hits = 0;
    let count = 0;
    for (let i = 0; i < pairs.n; i++) {
      referenceDistributions(a, weights, pairs, i).forEach((row, t) => {
        const label = pairs.target[i * pairs.targetSteps + t + 1]!;
        loss -= Math.log(row[label]!);
        hits += row.indexOf(Math.max(...row)) === label ? 1 : 0;
        count++;
      });
    }
    const scores = await model.evaluate(pairs);
    expect(Math.abs(scores.loss - loss / count)).toBeLessThanOrEqual(1e-12);
    expect(scores.charAccuracy).toBe(hits / count);
  });
});
