/**
 * The fused seq2seq training workload of `npm run bench:seq2seq` (and for `npm run bench` to include): synthetic
 * pairs shaped like the CLDR EN→PT built-in (source ≤ 40, target ≤ 60 characters with `\t` … `\n`, vocabularies
 * 80 → 100, lengths uniform, padded to the maxima), latent 256, batch 64, rmsprop, with and without Bahdanau
 * attention. Random ids and small uniform weights: the values do not matter for timing.
 */
import { createRng } from '../src-main/common/rng.js';
import { TrainingSpec } from '../src-main/contract/spec.js';
import { seq2seqWeightLayout, type PairTensors, type Seq2seqArchitecture, type Seq2seqEngine } from '../src-main/engine/seq2seq/types.js';

/** Shape of the workload; defaults as described above. */
export interface Seq2seqWorkload {
  readonly latent: number;
  readonly attention: 'none' | 'bahdanau';
  readonly batch: number;
  readonly sourceSteps: number;
  readonly targetSteps: number;
  readonly sourceVocab: number;
  readonly targetVocab: number;
}

export const CLDR_SHAPED: Seq2seqWorkload = { latent: 256, attention: 'none', batch: 64, sourceSteps: 40, targetSteps: 60, sourceVocab: 80, targetVocab: 100 };

/** What {@link timeSeq2seqTraining} measured. */
export interface Seq2seqTiming {
  readonly backend: string;
  /** Scored target characters per second of training (forward, backward, rmsprop), from the fastest batch. */
  readonly charsPerSecond: number;
  /** The same from the mean batch time. */
  readonly meanCharsPerSecond: number;
  readonly msPerBatch: number;
  /**
   * From this process's CPU time per timed batch: what a batch costs the core it runs on, nearly independent of
   * other load on a shared machine (the wall-clock figures are not). Valid for engines that train on the calling
   * thread only.
   */
  readonly cpuCharsPerSecond: number;
  /** Scored characters of one batch. */
  readonly charsPerBatch: number;
}

/** `batch` random pairs: lengths uniform in [2, maxima] (source) and [3, maxima] (target), −1 past them. */
export function syntheticPairs(w: Seq2seqWorkload, seed: number): PairTensors {
  const rng = createRng(seed, 'bench-seq2seq');
  const { batch: n, sourceSteps: Ts, targetSteps: Tt } = w;
  const source = new Int32Array(n * Ts).fill(-1);
  const target = new Int32Array(n * Tt).fill(-1);
  const sourceLengths = new Int32Array(n);
  const targetLengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const sl = 2 + rng.int(Ts - 1);
    const tl = 3 + rng.int(Tt - 2);
    sourceLengths[i] = sl;
    targetLengths[i] = tl;
    for (let t = 0; t < sl; t++) source[i * Ts + t] = rng.int(w.sourceVocab);
    target[i * Tt] = 0;
    for (let t = 1; t < tl - 1; t++) target[i * Tt + t] = 2 + rng.int(w.targetVocab - 2);
    target[i * Tt + tl - 1] = 1;
  }
  return { n, sourceSteps: Ts, targetSteps: Tt, source, sourceLengths, target, targetLengths };
}

/**
 * Times `batches` training batches (after one untimed) of the workload on `engine` (any Seq2seqEngine: the fused
 * one with its precision and tier, or the tfjs reference, so both can be measured in one run).
 */
export async function timeSeq2seqTraining(engine: Seq2seqEngine, w: Seq2seqWorkload, batches = 3): Promise<Seq2seqTiming> {
  const architecture: Seq2seqArchitecture = {
    encoderUnits: [w.latent], decoderUnits: [w.latent], attention: w.attention, attentionUnits: w.latent,
    bidirectionalEncoder: false, sourceVocab: w.sourceVocab, targetVocab: w.targetVocab,
  };
  const rng = createRng(1, 'bench-seq2seq-weights');
  const weights = seq2seqWeightLayout(architecture).map((s) => {
    const size = s.shape.reduce((p, d) => p * d, 1);
    return { name: s.name, shape: [...s.shape], values: Float64Array.from({ length: size }, () => (rng.next() * 2 - 1) * 0.05) };
  });
  const training = TrainingSpec.parse({ epochs: 1, batchSize: w.batch, loss: 'categoricalCrossentropy', optimizer: { rmsprop: {} } });
  const model = await engine.create({ architecture, training, weights, backend: 'auto' });
  const pairs = syntheticPairs(w, 2);
  const chars = Array.from(pairs.targetLengths).reduce((s, l) => s + l - 1, 0);
  await model.trainEpoch(pairs);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < batches; i++) {
    const t0 = performance.now();
    await model.trainEpoch(pairs);
    times.push((performance.now() - t0) / 1000);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 / batches;
  const fastest = Math.min(...times);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  const backend = model.backend;
  model.dispose();
  return { backend, charsPerSecond: chars / fastest, meanCharsPerSecond: chars / mean, msPerBatch: fastest * 1000, cpuCharsPerSecond: chars / cpuSeconds, charsPerBatch: chars };
}
