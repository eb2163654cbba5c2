import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Seq2seqSpec } from '../../contract/seq2seq.js';
import { TrainingSpec } from '../../contract/spec.js';
import { referenceForward } from '../../../testing/seq2seq/reference-forward.js';
import { initialSeq2seqWeights, seq2seqArchitecture } from '../seq2seq/architecture.js';
import type { PairTensors, Seq2seqArchitecture } from '../seq2seq/types.js';
import { tfjsSeq2seqEngine } from './seq2seq.js';

// Tolerance 1e-5: tfjs computes in float32 (ε ≈ 6e-8); a few dozen operations per step over ≤ 6 steps keep
// its error near 1e-6, and a wired-wrong state or an attention on padding moves probabilities by ≥ 1e-2.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SOURCE_VOCAB = 5;
const TARGET_VOCAB = 6; // id 0 = start, id 1 = end
/** Four pairs of different lengths, padded with -1 (sources up to 4, wrapped targets up to 5). */
function pairs(): PairTensors {
  const sources = [[0, 1, 2, 3], [4, 2], [1], [3, 3, 0]];
  const targets = [[0, 2, 3, 4, 1], [0, 5, 1], [0, 2, 2, 1], [0, 3, 1]];
  const S = 4;
  const T = 5;
  const pad = (rows: number[][], steps: number) => Int32Array.from(rows.flatMap((r) => [...r, ...new Array<number>(steps - r.length).fill(-1)]));
  return {
    n: 4,
    sourceSteps: S,
    targetSteps: T,
    source: pad(sources, S),
    sourceLengths: Int32Array.from(sources, (r) => r.length),
    target: pad(targets, T),
    targetLengths: Int32Array.from(targets, (r) => r.length),
  };
}

const arch = (spec: unknown): Seq2seqArchitecture => seq2seqArchitecture(Seq2seqSpec.parse(spec), SOURCE_VOCAB, TARGET_VOCAB);
const training = TrainingSpec.parse({ epochs: 1, batchSize: 2, loss: 'categoricalCrossentropy', optimizer: { rmsprop: { learningRate: 0.02 } } });

const CASES: Record<string, unknown> = {
  plain: { encoder: [{ lstm: { units: 3 } }], decoder: [{ lstm: { units: 3 } }] },
  attention: { encoder: [{ lstm: { units: 3 } }], decoder: [{ lstm: { units: 3 } }], attention: 'bahdanau', attentionUnits: 2 },
  'bidirectional + attention': { encoder: [{ lstm: { units: 2 } }], decoder: [{ lstm: { units: 4 } }], attention: 'bahdanau', bidirectionalEncoder: true },
  'two-layer stacks': { encoder: [{ lstm: { units: 3 } }, { lstm: { units: 2 } }], decoder: [{ lstm: { units: 3 } }, { lstm: { units: 2 } }], attention: 'bahdanau' },
};

/** Initial weights with the biases and zero-initialised weights perturbed, so every weight matters. */
function weightsOf(a: Seq2seqArchitecture, seed: number) {
  let k = 0;
  return initialSeq2seqWeights(a, seed).map((w) => ({ ...w, values: w.values.map((v) => v + 0.3 * Math.sin(++k * 1.7)) }));
}

describe('tfjs seq2seq engine', () => {
  for (const [name, spec] of Object.entries(CASES)) {
    it(`${name}: the forward pass equals a float64 reference, and a decoder session fed the reference characters reproduces it`, async () => {
      const a = arch(spec);
      const weights = weightsOf(a, 3);
      const p = pairs();
      const model = await tfjsSeq2seqEngine.create({ architecture: a, training, weights, backend: 'cpu' });
      try {
        const forced = await model.forcedDistributions(p);
        const steps = p.targetSteps - 1;
        const session = model.startDecoding(p);
        for (let t = 0; t < steps; t++) {
          const tokens = Int32Array.from({ length: p.n }, (_, i) => Math.max(0, p.target[i * p.targetSteps + t]!));
          const { probs, attention } = session.step(tokens);
          for (let i = 0; i < p.n; i++) {
            if (t >= p.targetLengths[i]! - 1) continue;
            const src = Array.from(p.source.subarray(i * p.sourceSteps, i * p.sourceSteps + p.sourceLengths[i]!));
            const tgt = Array.from(p.target.subarray(i * p.targetSteps, i * p.targetSteps + p.targetLengths[i]!));
            const ref = referenceForward(a, weights, src, tgt);
            for (let v = 0; v < TARGET_VOCAB; v++) {
              const f = forced[(i * steps + t) * TARGET_VOCAB + v]!;
              expect(Math.abs(f - ref.probs[t]![v]!)).toBeLessThanOrEqual(1e-5);
              // The fidelity test: the step-by-step decoder gives the training forward pass's distribution.
              expect(Math.abs(probs[i * TARGET_VOCAB + v]! - f)).toBeLessThanOrEqual(1e-5);
            }
            if (a.attention === 'bahdanau') {
              const row = Array.from(attention!.subarray(i * p.sourceSteps, (i + 1) * p.sourceSteps));
              const len = p.sourceLengths[i]!;
              expect(Math.abs(row.slice(0, len).reduce((x, y) => x + y, 0) - 1)).toBeLessThanOrEqual(1e-6);
              expect(row.slice(len)).toEqual(new Array<number>(p.sourceSteps - len).fill(0));
              row.slice(0, len).forEach((alpha, j) => expect(Math.abs(alpha - ref.alpha[t]![j]!)).toBeLessThanOrEqual(1e-5));
            } else {
              expect(attention).toBeNull();
            }
          }
        }
      } finally {
        model.dispose();
      }
    });
  }

  it('trains: the loss over real characters falls, and the trained weights reload to the same outputs', async () => {
    const a = arch(CASES.attention);
    const p = pairs();
    const model = await tfjsSeq2seqEngine.create({ architecture: a, training, weights: initialSeq2seqWeights(a, 5), backend: 'cpu' });
    try {
      const before = await model.evaluate(p);
      const losses: number[] = [];
      for (let epoch = 0; epoch < 40; epoch++) losses.push(await model.trainEpoch(p));
      const after = await model.evaluate(p);
      expect(after.loss).toBeLessThan(before.loss * 0.5);
      expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
      expect(after.charAccuracy).toBeGreaterThan(before.charAccuracy);
      // Scored characters: 4 + 2 + 3 + 2 = 11, so accuracy is a multiple of 1/11.
      expect(Math.abs(after.charAccuracy * 11 - Math.round(after.charAccuracy * 11))).toBeLessThan(1e-9);
      const reloaded = await tfjsSeq2seqEngine.create({ architecture: a, training, weights: model.getWeights(), backend: 'cpu' });
      try {
        const x = await model.forcedDistributions(p);
        const y = await reloaded.forcedDistributions(p);
        expect(Math.max(...x.map((v, k) => Math.abs(v - y[k]!)))).toBeLessThanOrEqual(1e-7);
      } finally {
        reloaded.dispose();
      }
    } finally {
      model.dispose();
    }
  });
});
