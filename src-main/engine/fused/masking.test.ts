import { describe, expect, it } from 'vitest';
import type { Sequences } from '../sequence-model.js';
import { makeRequest, randomSequences, randomTargets } from '../../../testing/fused/fixtures.js';
import { FusedModel } from './model.js';

// Seed 002's example batch: 4 sequences, 2 steps, 3 features; the second has length 1 (its step 2 is padding).
const X_BATCH = [
  [[0, 1, 2], [9, 8, 7]],
  [[3, 4, 5], [0, 0, 0]],
  [[6, 7, 8], [6, 5, 4]],
  [[9, 0, 1], [3, 2, 1]],
];
const LENGTHS = [2, 1, 2, 2];
const UNITS = 5;
const x: Sequences = { data: Float64Array.from(X_BATCH.flat(2)), n: 4, steps: 2, features: 3, lengths: Int32Array.from(LENGTHS) };

/**
 * The oracle: a SimpleRNN step loop in plain JS numbers (as the seed does with numpy), with dynamic_rnn's
 * sequence_length semantics written out: past the length the output is zero and the state is kept.
 */
function handRolled(kernel: Float64Array, recurrent: Float64Array, bias: Float64Array): { outputs: number[][][]; states: number[][] } {
  const outputs: number[][][] = [];
  const states: number[][] = [];
  X_BATCH.forEach((seq, b) => {
    let h = new Array<number>(UNITS).fill(0);
    const outs: number[][] = [];
    seq.forEach((xt, t) => {
      if (t >= LENGTHS[b]!) {
        outs.push(new Array<number>(UNITS).fill(0));
        return;
      }
      const next = new Array<number>(UNITS);
      for (let j = 0; j < UNITS; j++) {
        let z = bias[j]!;
        for (let f = 0; f < 3; f++) z += xt[f]! * kernel[f * UNITS + j]!;
        for (let k = 0; k < UNITS; k++) z += h[k]! * recurrent[k * UNITS + j]!;
        next[j] = Math.tanh(z);
      }
      h = next;
      outs.push(h);
    });
    outputs.push(outs);
    states.push(h);
  });
  return { outputs, states };
}

describe('masking on the seed’s example batch (lengths [2, 1, 2, 2], SimpleRNN(5))', () => {
  const input = { batchSize: 4, steps: 2, features: 3 };
  const seqModel = new FusedModel(makeRequest([{ simpleRNN: { units: UNITS, returnSequences: true } }], input, { seed: 3 }));
  const lastModel = new FusedModel(makeRequest([{ simpleRNN: { units: UNITS } }], input, { seed: 3 }));
  const [kernel, recurrent, bias] = seqModel.getWeights().map((w) => w.values) as [Float64Array, Float64Array, Float64Array];
  const oracle = handRolled(kernel, recurrent, bias);
  const outputs = seqModel.predictSync(x);
  const states = lastModel.predictSync(x);

  it('gives the hand-rolled loop’s outputs at every step', () => {
    let err = 0;
    oracle.outputs.forEach((seq, b) => seq.forEach((o, t) => o.forEach((v, j) => (err = Math.max(err, Math.abs(outputs[(b * 2 + t) * UNITS + j]! - v))))));
    // Float64 on both sides, the same sums in another order: rounding ≈ 1e-16 per operation, so 1e-12 is loose.
    expect(err).toBeLessThanOrEqual(1e-12);
  });

  it('outputs exact zeros at the second sequence’s padded step 2', () => {
    expect(Array.from(outputs.subarray((1 * 2 + 1) * UNITS, (1 * 2 + 2) * UNITS))).toEqual(new Array(UNITS).fill(0));
    // and not at the other sequences' step 2
    for (const b of [0, 2, 3]) expect(outputs.subarray((b * 2 + 1) * UNITS, (b * 2 + 2) * UNITS).some((v) => v !== 0)).toBe(true);
  });

  it('returns as final state the last valid step’s output (the second sequence’s step 1)', () => {
    expect(Array.from(states.subarray(UNITS, 2 * UNITS))).toEqual(Array.from(outputs.subarray(2 * UNITS, 3 * UNITS)));
    let err = 0;
    oracle.states.forEach((s, b) => s.forEach((v, j) => (err = Math.max(err, Math.abs(states[b * UNITS + j]! - v)))));
    expect(err).toBeLessThanOrEqual(1e-12); // as above: Float64, reordered sums
  });

  it('without lengths, the second sequence runs through its zero step (so lengths matter)', () => {
    const full = lastModel.predictSync({ ...x, lengths: undefined });
    expect(Array.from(full.subarray(UNITS, 2 * UNITS))).not.toEqual(Array.from(states.subarray(UNITS, 2 * UNITS)));
  });
});

describe('masked per-step loss', () => {
  const request = makeRequest([{ lstm: { units: 3, returnSequences: true } }, { dense: { units: 2 } }], { batchSize: 3, steps: 4, features: 2 }, { seed: 5 });
  const xs = { ...randomSequences(3, 4, 2, 1), lengths: Int32Array.from([4, 2, 1]) };
  const y = randomTargets(3 * 4 * 2, 2);

  it('ignores targets and inputs past each length', () => {
    const a = new FusedModel(request);
    const lossA = a.lossAndGradients(xs, y);
    const gradsA = a.getGradients();
    const y2 = Float64Array.from(y);
    const x2 = Float64Array.from(xs.data);
    // Sequence 1 (length 2): steps 2, 3; sequence 2 (length 1): steps 1..3.
    for (const [b, t] of [[1, 2], [1, 3], [2, 1], [2, 3]] as const) {
      for (let j = 0; j < 2; j++) {
        y2[(b * 4 + t) * 2 + j] = 100;
        x2[(b * 4 + t) * 2 + j] = -50;
      }
    }
    const b = new FusedModel(request);
    expect(b.lossAndGradients({ ...xs, data: x2 }, y2)).toBe(lossA);
    b.getGradients().forEach((g, i) => expect(Array.from(g.values)).toEqual(Array.from(gradsA[i]!.values)));
  });

  it('equals the mean of squared errors over the valid steps', () => {
    const m = new FusedModel(request);
    const loss = m.lossAndGradients(xs, y);
    const out = m.predictSync(xs);
    let sum = 0;
    let count = 0;
    for (let b = 0; b < 3; b++) {
      for (let t = 0; t < xs.lengths[b]!; t++) {
        for (let j = 0; j < 2; j++) sum += (out[(b * 4 + t) * 2 + j]! - y[(b * 4 + t) * 2 + j]!) ** 2;
        count += 2;
      }
    }
    expect(Math.abs(loss - sum / count)).toBeLessThanOrEqual(1e-12); // Float64 mean of 16 squares: rounding ≈ 1e-15
  });

  it('rejects lengths of the wrong count or range with the field named', () => {
    const m = new FusedModel(request);
    expect(() => m.predictSync({ ...xs, lengths: Int32Array.from([4, 2]) })).toThrow(/x\.lengths holds 2 values for 3 sequences/);
    expect(() => m.predictSync({ ...xs, lengths: Int32Array.from([4, 5, 1]) })).toThrow(/x\.lengths\[1\] is 5; expected 0\.\.4/);
  });
});
