import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import type { WeightTensor } from '../../contract/results.js';
import { seq2seqWeightLayout, type DecoderSession, type ForcedScores, type PairTensors, type Seq2seqArchitecture, type Seq2seqEngine, type Seq2seqModel, type Seq2seqRequest } from '../seq2seq/types.js';
import { useBackend } from './backend.js';
import { buildOptimizer } from './build.js';
import { attentionMemory, decoderStep, encode, forcedLogits, scoredSums, sourceBatch, type AttentionMemory, type DecoderState, type LstmTensors, type Seq2seqTensors } from './seq2seq-graph.js';

/** Pairs scored per forward pass when evaluating or decoding (no gradients: larger batches are cheaper). */
const EVAL_BATCH = 256;

/** Rows `rows` of pairs, trimmed to the longest source and target among them (padding steps cost time only). */
function slicePairs(p: PairTensors, rows: ArrayLike<number>): { b: number; sourceSteps: number; targetSteps: number; source: Int32Array; sourceLengths: Int32Array; target: Int32Array } {
  const b = rows.length;
  let s = 1;
  let t = 2;
  for (let i = 0; i < b; i++) {
    s = Math.max(s, p.sourceLengths[rows[i]!]!);
    t = Math.max(t, p.targetLengths[rows[i]!]!);
  }
  const source = new Int32Array(b * s).fill(-1);
  const target = new Int32Array(b * t).fill(-1);
  const sourceLengths = new Int32Array(b);
  for (let i = 0; i < b; i++) {
    const r = rows[i]!;
    sourceLengths[i] = p.sourceLengths[r]!;
    source.set(p.source.subarray(r * p.sourceSteps, r * p.sourceSteps + s), i * s);
    target.set(p.target.subarray(r * p.targetSteps, r * p.targetSteps + t), i * t);
  }
  return { b, sourceSteps: s, targetSteps: t, source, sourceLengths, target };
}

/** Runs `fn` in a tidy scope, keeping only the tensors `keep` picks out of its result (tf.tidy takes flat containers only). */
function tidyKeeping<T>(fn: () => T, keep: (result: T) => (tf.Tensor | undefined)[]): T {
  let result!: T;
  tf.tidy(() => {
    result = fn();
    for (const t of keep(result)) if (t) tf.keep(t);
  });
  return result;
}

const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, i) => from + i);

/**
 * An encoder–decoder on tfjs (float32), the reference engine: the unrolled graph of seq2seq-graph.ts with the
 * weights as variables, trained by `optimizer.minimize` on the masked cross-entropy of each batch.
 */
class TfjsSeq2seqModel implements Seq2seqModel {
  readonly engine = 'tfjs';
  private readonly variables: tf.Variable[];
  private readonly tensors: Seq2seqTensors;
  private readonly optimizer: tf.Optimizer;
  private readonly sessions: (() => void)[] = [];

  constructor(
    private readonly a: Seq2seqArchitecture,
    private readonly request: Seq2seqRequest,
    readonly backend: string,
  ) {
    const layout = seq2seqWeightLayout(a);
    const given = new Map(request.weights.map((w) => [w.name, w]));
    this.variables = layout.map((l) => {
      const w = given.get(l.name);
      if (!w || w.shape.join() !== l.shape.join()) {
        throw new LabError('INTERNAL', `tfjs seq2seq: weight ${l.name} [${l.shape.join(', ')}] is ${w ? `[${w.shape.join(', ')}]` : 'missing'}`);
      }
      return tf.variable(tf.tensor(Float32Array.from(w.values), [...l.shape]), true, undefined, 'float32');
    });
    const byName = new Map(layout.map((l, i) => [l.name, this.variables[i]!]));
    const v2 = (name: string) => byName.get(name) as unknown as tf.Tensor2D;
    const lstm = (prefix: string): LstmTensors => ({ kernel: v2(`${prefix}.kernel`), recurrent: v2(`${prefix}.recurrentKernel`), bias: byName.get(`${prefix}.bias`) as unknown as tf.Tensor1D });
    this.tensors = {
      encoder: a.encoderUnits.map((_, i) => (a.bidirectionalEncoder ? { forward: lstm(`encoder[${i}].forward`), backward: lstm(`encoder[${i}].backward`) } : { forward: lstm(`encoder[${i}]`) })),
      ...(a.attention === 'bahdanau' ? { attention: { query: v2('attention.queryKernel'), key: v2('attention.keyKernel'), score: v2('attention.scoreKernel') } } : {}),
      decoder: a.decoderUnits.map((_, i) => lstm(`decoder[${i}]`)),
      output: { kernel: v2('output.kernel'), bias: byName.get('output.bias') as unknown as tf.Tensor1D },
    };
    this.optimizer = buildOptimizer(request.training);
  }

  async trainEpoch(pairs: PairTensors, options: { order?: Int32Array } = {}): Promise<number> {
    const order = options.order ?? range(0, pairs.n);
    const size = this.request.training.batchSize;
    let sum = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += size) {
      const rows = order.subarray(start, Math.min(order.length, start + size));
      const slice = slicePairs(pairs, rows);
      const scored = countScored(pairs, rows);
      const batch = sourceBatch(slice.source, slice.sourceLengths, slice.b, slice.sourceSteps);
      const target = tf.tensor2d(slice.target, [slice.b, slice.targetSteps], 'int32');
      const loss = this.optimizer.minimize(() => tf.div(scoredSums(forcedLogits(this.a, this.tensors, batch, target), target, this.a.targetVocab).loss, scored) as tf.Scalar, true, this.variables);
      sum += (await loss!.data())[0]!;
      batches++;
      tf.dispose([loss!, target, batch.source, batch.sourceMask, batch.reversal]);
    }
    return sum / Math.max(1, batches);
  }

  async evaluate(pairs: PairTensors): Promise<ForcedScores> {
    let loss = 0;
    let correct = 0;
    let scored = 0;
    for (let start = 0; start < pairs.n; start += EVAL_BATCH) {
      const rows = range(start, Math.min(pairs.n, start + EVAL_BATCH));
      const slice = slicePairs(pairs, rows);
      scored += countScored(pairs, rows);
      const [l, c] = tf.tidy(() => {
        const batch = sourceBatch(slice.source, slice.sourceLengths, slice.b, slice.sourceSteps);
        const target = tf.tensor2d(slice.target, [slice.b, slice.targetSteps], 'int32');
        const s = scoredSums(forcedLogits(this.a, this.tensors, batch, target), target, this.a.targetVocab);
        return [s.loss, s.correct];
      });
      loss += (await l!.data())[0]!;
      correct += (await c!.data())[0]!;
      tf.dispose([l!, c!]);
    }
    return { loss: loss / Math.max(1, scored), charAccuracy: correct / Math.max(1, scored) };
  }

  async forcedDistributions(pairs: PairTensors): Promise<Float64Array> {
    const steps = pairs.targetSteps - 1;
    const V = this.a.targetVocab;
    const out = new Float64Array(pairs.n * steps * V);
    for (let start = 0; start < pairs.n; start += EVAL_BATCH) {
      const rows = range(start, Math.min(pairs.n, start + EVAL_BATCH));
      const slice = slicePairs(pairs, rows);
      const probs = tf.tidy(() => {
        const batch = sourceBatch(slice.source, slice.sourceLengths, slice.b, slice.sourceSteps);
        const target = tf.tensor2d(slice.target, [slice.b, slice.targetSteps], 'int32');
        return tf.softmax(forcedLogits(this.a, this.tensors, batch, target));
      });
      const values = await probs.data();
      probs.dispose();
      const batchSteps = slice.targetSteps - 1;
      for (let i = 0; i < slice.b; i++) {
        out.set(values.subarray(i * batchSteps * V, (i + 1) * batchSteps * V), (start + i) * steps * V);
      }
    }
    return out;
  }

  startDecoding(pairs: PairTensors): DecoderSession {
    const slice = slicePairs(pairs, range(0, pairs.n));
    const kept = tidyKeeping(
      () => {
        const batch = sourceBatch(slice.source, slice.sourceLengths, slice.b, slice.sourceSteps);
        const encoded = encode(this.a, this.tensors, batch);
        const memory = this.a.attention === 'bahdanau' ? attentionMemory(this.tensors, encoded, batch.sourceMask) : undefined;
        return { state: { h: encoded.h, c: encoded.c }, memory };
      },
      (r) => [...r.state.h, ...r.state.c, r.memory?.keys, r.memory?.values, r.memory?.bias],
    );
    let state: DecoderState = kept.state;
    const memory: AttentionMemory | undefined = kept.memory;
    const dispose = () => {
      tf.dispose([...state.h, ...state.c]);
      if (memory) tf.dispose([memory.keys, memory.values, memory.bias]);
    };
    this.sessions.push(dispose);
    const a = this.a;
    const tensors = this.tensors;
    const n = pairs.n;
    return {
      n,
      step(tokens: Int32Array) {
        const out = tidyKeeping(
          () => {
            const x = tf.oneHot(tf.tensor1d(tokens, 'int32'), a.targetVocab).toFloat() as tf.Tensor2D;
            const s = decoderStep(tensors, x, state, memory);
            return { probs: tf.softmax(s.logits), alpha: s.alpha, state: s.state };
          },
          (r) => [r.probs, r.alpha, ...r.state.h, ...r.state.c],
        );
        tf.dispose([...state.h, ...state.c]);
        state = out.state;
        const probs = Float64Array.from(out.probs.dataSync());
        out.probs.dispose();
        let attention: Float64Array | null = null;
        if (out.alpha) {
          // The session's batch is trimmed to the longest source: widen rows back to the pairs' sourceSteps.
          const alpha = out.alpha.dataSync();
          attention = new Float64Array(n * pairs.sourceSteps);
          for (let i = 0; i < n; i++) for (let j = 0; j < slice.sourceSteps; j++) attention[i * pairs.sourceSteps + j] = alpha[i * slice.sourceSteps + j]!;
          out.alpha.dispose();
        }
        return { probs, attention };
      },
    };
  }

  getWeights(): WeightTensor[] {
    return seq2seqWeightLayout(this.a).map((l, i) => ({ name: l.name, shape: l.shape, values: Float64Array.from(this.variables[i]!.dataSync()) }));
  }

  dispose(): void {
    for (const d of this.sessions.splice(0)) d();
    tf.dispose(this.variables);
    this.optimizer.dispose();
  }
}

/** Scored characters of `rows`: each pair's target length − 1 (the `\t` is read, never predicted). */
function countScored(p: PairTensors, rows: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += Math.max(0, p.targetLengths[rows[i]!]! - 1);
  return n;
}

/** The tfjs encoder–decoder engine (reference; float32). */
export const tfjsSeq2seqEngine: Seq2seqEngine = {
  name: 'tfjs',
  async create(request: Seq2seqRequest): Promise<Seq2seqModel> {
    const backend = await useBackend(request.backend);
    return new TfjsSeq2seqModel(request.architecture, request, backend);
  },
};
