import { describe, expect, it } from 'vitest';
import { LabError } from '../../../contract/errors.js';
import { randomPairs, randomWeights, seq2seqRequest, smallArchitecture } from '../../../../testing/fused/seq2seq-fixtures.js';
import { resolveKernelTier } from '../../kernels/tiers.js';
import type { PairTensors } from '../../seq2seq/types.js';
import { createFusedSeq2seqEngine } from './index.js';
import { FusedSeq2seqModel } from './model.js';

/** The pairs at `rows`, in that order, as PairTensors of their own. */
function subset(p: PairTensors, rows: readonly number[]): PairTensors {
  const pick = (src: Int32Array, width: number) => {
    const out = new Int32Array(rows.length * width);
    rows.forEach((r, i) => out.set(src.subarray(r * width, (r + 1) * width), i * width));
    return out;
  };
  return {
    n: rows.length, sourceSteps: p.sourceSteps, targetSteps: p.targetSteps,
    source: pick(p.source, p.sourceSteps), sourceLengths: pick(p.sourceLengths, 1),
    target: pick(p.target, p.targetSteps), targetLengths: pick(p.targetLengths, 1),
  };
}

describe('FusedSeq2seqModel', () => {
  const a = smallArchitecture({ attention: 'bahdanau', attentionUnits: 4 });

  it('is created by the engine with the layout’s weight names and shapes, and refuses use after dispose', async () => {
    const weights = randomWeights(a, 1);
    const model = await createFusedSeq2seqEngine({ kernels: 'js' }).create(seq2seqRequest(a, weights, 4));
    expect(model.engine).toBe('fused');
    expect(model.backend).toBe('js-f64');
    expect(model.getWeights().map((w) => [w.name, w.shape])).toEqual(weights.map((w) => [w.name, w.shape]));
    model.getWeights().forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(weights[i]!.values)));
    model.dispose();
    expect(() => model.getWeights()).toThrow(/dispose/);
    const auto = await createFusedSeq2seqEngine().create(seq2seqRequest(a, weights, 4));
    expect(auto.backend).toBe(`${resolveKernelTier('auto').label}-f64`);
  });

  it('refuses a decoder whose widths do not match the encoder’s states, naming the layer', () => {
    const bad = smallArchitecture({ encoderUnits: [3], decoderUnits: [3], bidirectionalEncoder: true });
    const make = () => new FusedSeq2seqModel(seq2seqRequest(bad, randomWeights(bad, 1), 2));
    expect(make).toThrow(LabError);
    expect(make).toThrow(/decoder\[0\] has 3 units but encoder\[0\]'s state is 6 wide/);
    const depth = smallArchitecture({ encoderUnits: [3, 3], decoderUnits: [3] });
    expect(() => new FusedSeq2seqModel(seq2seqRequest(depth, randomWeights(depth, 1), 2))).toThrow(/the decoder has 1 layer\(s\) and the encoder 2/);
  });

  it('refuses pairs with an id outside the vocabulary, an empty source or a bad order, naming the entry', async () => {
    const model = new FusedSeq2seqModel(seq2seqRequest(a, randomWeights(a, 1), 2), { kernels: 'js' });
    const pairs = randomPairs(3, 4, 4, a.sourceVocab, a.targetVocab, 1);
    const source = Int32Array.from(pairs.source);
    source[2] = a.sourceVocab;
    await expect(model.evaluate({ ...pairs, source })).rejects.toThrow(/source\[2\] is 6; expected −1 … 5/);
    await expect(model.trainEpoch(pairs, { order: Int32Array.from([0, 3, 1]) })).rejects.toThrow(/order\[1\] is 3; expected a pair index in 0 … 2/);
    const sourceLengths = Int32Array.from(pairs.sourceLengths);
    sourceLengths[1] = 0;
    expect(() => model.startDecoding({ ...pairs, sourceLengths })).toThrow(/sourceLengths\[1\] is 0; expected 1 … 4/);
  });

  it('trainEpoch takes batches in `order`, one rmsprop step each, and returns the mean of the batch losses', async () => {
    const weights = randomWeights(a, 5);
    const pairs = randomPairs(7, 4, 5, a.sourceVocab, a.targetVocab, 2);
    const order = Int32Array.from([6, 2, 4, 0, 1, 5, 3]);
    const trained = new FusedSeq2seqModel(seq2seqRequest(a, weights, 3), { kernels: 'js' });
    const epochLoss = await trained.trainEpoch(pairs, { order });
    // Replay: batches [6, 2, 4], [0, 1, 5], [3]; rmsprop (tfjs/Keras, lr 1e-3, ρ 0.9, ε 1e-7, no momentum) by hand:
    // ms = ρ·ms + (1 − ρ)·g², w −= lr·g/√(ms + ε).
    const replay = new FusedSeq2seqModel(seq2seqRequest(a, weights, 3), { kernels: 'js' });
    const ms = new Float64Array(replay.params.length);
    let sum = 0;
    for (const rows of [[6, 2, 4], [0, 1, 5], [3]]) {
      sum += replay.lossAndGradients(subset(pairs, rows));
      for (let i = 0; i < ms.length; i++) {
        const g = replay.grads[i]!;
        ms[i] = 0.9 * ms[i]! + (1 - 0.9) * g * g;
        replay.params[i] = replay.params[i]! - (1e-3 * g) / Math.sqrt(ms[i]! + 1e-7);
      }
    }
    expect(Math.abs(epochLoss - sum / 3)).toBeLessThanOrEqual(1e-15);
    const got = trained.getWeights();
    replay.getWeights().forEach((w, k) => expect(maxAbs(w.values, got[k]!.values), w.name).toBeLessThanOrEqual(1e-15));
  });

  it('a tiny training run lowers the loss (attention, bidirectional encoder, rmsprop 0.01)', async () => {
    const b = smallArchitecture({ encoderUnits: [4], decoderUnits: [8], bidirectionalEncoder: true, attention: 'bahdanau', attentionUnits: 8 });
    const pairs = randomPairs(16, 5, 6, b.sourceVocab, b.targetVocab, 8, 2);
    const model = new FusedSeq2seqModel(seq2seqRequest(b, randomWeights(b, 6, 0.3, 0.3), 8, { rmsprop: { learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7 } }), { kernels: 'js' });
    const before = (await model.evaluate(pairs)).loss;
    const losses: number[] = [];
    for (let epoch = 0; epoch < 40; epoch++) losses.push(await model.trainEpoch(pairs));
    const after = await model.evaluate(pairs);
    expect(losses[losses.length - 1]!).toBeLessThan(0.6 * losses[0]!);
    expect(after.loss).toBeLessThan(0.6 * before);
    expect(after.charAccuracy).toBeGreaterThan(0.5);
  });
});

function maxAbs(x: Float64Array, y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}
