import { readSlots, writeSlots, type Slot } from '../weight-slots.js';
import type { WeightTensor } from '../../../contract/results.js';
import { resolveKernelTier, type KernelChoice, type KernelTier } from '../../kernels/tiers.js';
import {
  seq2seqWeightLayout, type DecoderSession, type ForcedScores, type PairTensors, type Seq2seqArchitecture, type Seq2seqModel,
  type Seq2seqRequest,
} from '../../seq2seq/types.js';
import { useKernels } from '../kernel-tier.js';
import { FlatOptimizer } from '../optimizers.js';
import { allocVec, type Precision, type Vec } from '../types.js';
import { checkArchitecture, checkPairs } from './checks.js';
import { Seq2seqNet } from './net.js';
import { FusedDecoderSession } from './session.js';

/** Settings of the fused seq2seq engine that are not in the request: storage precision and kernel tier. */
export interface FusedSeq2seqOptions {
  /** Storage precision; default 'f64'. */
  readonly precision?: Precision;
  /** Kernel tier (engine/kernels/tiers.ts); default 'auto'. RNNLAB_KERNELS overrides it. */
  readonly kernels?: KernelChoice;
}

/**
 * The fused engine's encoder–decoder: all weights in one flat array in seq2seqWeightLayout order (Keras layouts),
 * their gradients in another, one {@link FlatOptimizer} (the spec's: rmsprop for translation). Batches are
 * gathered in `order`, run teacher-forced, and take one optimizer step each.
 */
export class FusedSeq2seqModel implements Seq2seqModel {
  readonly engine = 'fused';
  readonly backend: string;
  readonly params: Vec;
  readonly grads: Vec;
  readonly batchSize: number;
  readonly architecture: Seq2seqArchitecture;
  private readonly precision: Precision;
  private readonly slots: Slot[];
  private readonly net: Seq2seqNet;
  private readonly optimizer: FlatOptimizer;
  private readonly kernels: KernelTier;
  private disposed = false;

  /** Builds the model from a request; throws a LabError (REQUEST_INVALID) naming what does not fit. */
  constructor(request: Seq2seqRequest, options: FusedSeq2seqOptions = {}) {
    const a = request.architecture;
    checkArchitecture(a);
    this.architecture = a;
    this.precision = options.precision ?? 'f64';
    this.kernels = resolveKernelTier(options.kernels ?? 'auto');
    this.backend = `${this.kernels.label}-${this.precision}`;
    this.batchSize = request.training.batchSize;
    let offset = 0;
    this.slots = seq2seqWeightLayout(a).map((w) => {
      const size = w.shape.reduce((p, d) => p * d, 1);
      const slot = { name: w.name, shape: w.shape, offset, size };
      offset += size;
      return slot;
    });
    this.params = allocVec(this.precision, offset);
    this.grads = allocVec(this.precision, offset);
    this.setWeights(request.weights);
    this.net = new Seq2seqNet(a, this.params, this.grads, this.precision);
    if (this.net.offsets.end !== offset) throw new Error(`fused seq2seq: the net reads ${this.net.offsets.end} weights, the layout holds ${offset}`);
    this.optimizer = new FlatOptimizer(request.training.optimizer, offset, this.precision);
  }

  /** Replaces the weights (seq2seqWeightLayout names, shapes and order). */
  setWeights(weights: readonly WeightTensor[]): void {
    writeSlots(this.slots, this.params, weights, 'fused seq2seq');
  }

  getWeights(): WeightTensor[] {
    this.alive();
    return readSlots(this.slots, this.params);
  }

  /** The gradients of the last training batch or {@link lossAndGradients} call, named and shaped like the weights. */
  getGradients(): WeightTensor[] {
    return readSlots(this.slots, this.grads);
  }

  async trainEpoch(pairs: PairTensors, options: { order?: Int32Array } = {}): Promise<number> {
    return this.trainEpochSync(pairs, options.order);
  }

  /** {@link trainEpoch} without the Promise: the mean over batches of each batch's loss (taken before its update). */
  trainEpochSync(pairs: PairTensors, order?: Int32Array): number {
    this.alive();
    checkPairs(pairs, this.architecture);
    const n = pairs.n;
    if (n === 0) throw new RangeError('fused seq2seq: trainEpoch needs at least one pair');
    if (order !== undefined) {
      if (order.length !== n) throw new RangeError(`fused seq2seq: order holds ${order.length} indices for ${n} pairs`);
      const bad = order.findIndex((r) => !(r >= 0 && r < n));
      if (bad >= 0) throw new RangeError(`fused seq2seq: order[${bad}] is ${order[bad]}; expected a pair index in 0 … ${n - 1}`);
    }
    useKernels(this.kernels);
    let total = 0;
    let batches = 0;
    for (let start = 0; start < n; start += this.batchSize) {
      total += this.batchLoss(pairs, order, start, Math.min(this.batchSize, n - start));
      this.optimizer.step(this.params, this.grads, this.kernels.addon);
      batches++;
    }
    return total / batches;
  }

  /**
   * Loss (mean over the scored characters) and gradients of one batch holding all pairs, without updating the
   * weights; read the gradients with {@link getGradients}. For tests and diagnostics.
   */
  lossAndGradients(pairs: PairTensors): number {
    this.alive();
    checkPairs(pairs, this.architecture);
    useKernels(this.kernels);
    return this.batchLoss(pairs, undefined, 0, pairs.n);
  }

  /** One optimizer step from the current gradients. */
  applyGradients(): void {
    this.optimizer.step(this.params, this.grads, this.kernels.addon);
  }

  private batchLoss(pairs: PairTensors, order: Int32Array | undefined, start: number, rows: number): number {
    const net = this.net;
    net.gather(pairs, order, start, rows);
    net.forward();
    const sums = net.score(true);
    net.backward();
    return sums.count > 0 ? sums.lossSum / sums.count : 0;
  }

  async evaluate(pairs: PairTensors): Promise<ForcedScores> {
    this.alive();
    checkPairs(pairs, this.architecture);
    useKernels(this.kernels);
    let loss = 0;
    let count = 0;
    let correct = 0;
    for (let start = 0; start < pairs.n; start += this.batchSize) {
      this.net.gather(pairs, undefined, start, Math.min(this.batchSize, pairs.n - start));
      this.net.forward();
      const s = this.net.score(false);
      loss += s.lossSum;
      count += s.count;
      correct += s.correct;
    }
    return { loss: count > 0 ? loss / count : 0, charAccuracy: count > 0 ? correct / count : 0 };
  }

  async forcedDistributions(pairs: PairTensors): Promise<Float64Array> {
    return this.forcedDistributionsSync(pairs);
  }

  /** {@link forcedDistributions} without the Promise: n × (targetSteps − 1) × targetVocab, row-major. */
  forcedDistributionsSync(pairs: PairTensors): Float64Array {
    this.alive();
    checkPairs(pairs, this.architecture);
    useKernels(this.kernels);
    const V = this.architecture.targetVocab;
    const Td = pairs.targetSteps - 1;
    const out = new Float64Array(pairs.n * Td * V);
    for (let start = 0; start < pairs.n; start += this.batchSize) {
      const rows = Math.min(this.batchSize, pairs.n - start);
      this.net.gather(pairs, undefined, start, rows);
      this.net.forward();
      const probs = this.net.decoder.probs;
      for (let t = 0; t < Td; t++) {
        for (let b = 0; b < rows; b++) {
          const src = (t * rows + b) * V;
          const dst = ((start + b) * Td + t) * V;
          for (let j = 0; j < V; j++) out[dst + j] = probs[src + j]!;
        }
      }
    }
    return out;
  }

  startDecoding(pairs: PairTensors): DecoderSession {
    this.alive();
    checkPairs(pairs, this.architecture, false);
    useKernels(this.kernels);
    return new FusedDecoderSession(this.architecture, this.params, this.grads, this.precision, this.net, pairs, this.batchSize, () => {
      this.alive();
      useKernels(this.kernels);
    });
  }

  dispose(): void {
    this.disposed = true;
  }

  private alive(): void {
    if (this.disposed) throw new Error('fused seq2seq model used after dispose()');
  }
}
