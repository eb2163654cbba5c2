import { Act } from '../activations.js';
import { activateCopy } from '../cell-kernels.js';
import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, ACCUMULATE_TRANSPOSE_B, mulInto, OVERWRITE, TRANSPOSE_A, TRANSPOSE_B } from '../gemm.js';
import { mat, type Mat } from '../mat.js';
import { allocVec, type Precision, type Vec } from '../types.js';

/**
 * Bahdanau (additive) attention with masking: e_tj = vᵀ·tanh(W₁·s_{t−1} + W₂·h_j), α_t = softmax over the
 * source positions j < length (padding gets weight exactly 0), context c_t = Σ_j α_tj·h_j. W₁ [q, a] (the query
 * s, the top decoder layer's h), W₂ [E, a] (the keys h_j, the top encoder layer's outputs), v [a, 1], no biases
 * (TF's implementation; REFERENCE.md "Seq2seq").
 *
 * The keys W₂·h_j are one product per batch ({@link begin}). The tanh block of one row and step ([length, a]) is
 * recomputed in the backward step rather than kept: kept for every step it would be steps × batch × source × a
 * values (≈300 MB in float64 at latent 256), recomputed it costs one more tanh pass (native on the native tier).
 * Encoder outputs H are time-major [sourceSteps, batch, E]: row b's h_j at (j·batch + b)·E, so row b's keys and
 * outputs are strided views (stride batch·E), read by `mulInto` without copying.
 */
export class BahdanauAttention {
  private readonly queryKernel: Mat;
  private readonly keyKernel: Mat;
  private readonly scoreKernel: Mat;
  private readonly queryGrad: Mat;
  private readonly keyGrad: Mat;
  private readonly scoreGrad: Mat;
  private readonly a: number;
  private readonly e: number;
  private readonly precision: Precision;
  private keyCapacity = 0;
  private stepCapacity = 0;
  private rowCapacity = 0;
  /** [Ts, B, a]: W₂·h_j, and its gradient. */
  private keys: Vec = new Float64Array(0);
  private dKeys: Vec = new Float64Array(0);
  /** [Ts, a] scratch: one row's tanh block (then its gradient), and [Ts] its scores / their gradients. */
  private block: Vec = new Float64Array(0);
  private scores: Vec = new Float64Array(0);
  private dAlpha: Vec = new Float64Array(0);
  /** [Td, B, a]: the query projections W₁·s_{t−1} of every step; [B, a] the gradient of one step's. */
  private queries: Vec = new Float64Array(0);
  private dQuery: Vec = new Float64Array(0);
  /** [Td, B, Ts]: α of every step (row (t·B + b)·Ts). */
  alpha: Vec = new Float64Array(0);
  /** [Td, B, E]: the context vectors of every step. */
  context: Vec = new Float64Array(0);
  private H: Vec = new Float64Array(0);
  private dH: Vec = new Float64Array(0);
  private lengths: Int32Array = new Int32Array(0);
  sourceSteps = 0;
  private batch = 0;

  /** The three weights at `offset` of `params` / `grads` (query, key, score kernel, layout order). */
  constructor(params: Vec, grads: Vec, offset: number, queryWidth: number, encoderWidth: number, units: number, precision: Precision) {
    this.a = units;
    this.e = encoderWidth;
    this.precision = precision;
    const keyOff = offset + queryWidth * units;
    const scoreOff = keyOff + encoderWidth * units;
    this.queryKernel = mat(params, offset, queryWidth, units);
    this.keyKernel = mat(params, keyOff, encoderWidth, units);
    this.scoreKernel = mat(params, scoreOff, units, 1);
    this.queryGrad = mat(grads, offset, queryWidth, units);
    this.keyGrad = mat(grads, keyOff, encoderWidth, units);
    this.scoreGrad = mat(grads, scoreOff, units, 1);
  }

  /**
   * Starts a batch: `H` holds the encoder outputs [sourceSteps, batch, E] (time-major), `dH` (same shape) gets
   * their gradient added by the backward pass, `lengths` the source lengths; `decoderSteps` the steps to keep.
   */
  begin(H: Vec, dH: Vec, sourceSteps: number, batch: number, lengths: Int32Array, decoderSteps: number): void {
    const a = this.a;
    const vec = (n: number) => allocVec(this.precision, n);
    if (sourceSteps * batch > this.keyCapacity) {
      this.keyCapacity = sourceSteps * batch;
      this.keys = vec(this.keyCapacity * a);
      this.dKeys = vec(this.keyCapacity * a);
    }
    if (sourceSteps > this.block.length / a) {
      this.block = vec(sourceSteps * a);
      this.scores = vec(sourceSteps);
      this.dAlpha = vec(sourceSteps);
    }
    if (decoderSteps * batch > this.stepCapacity) {
      this.stepCapacity = decoderSteps * batch;
      this.queries = vec(this.stepCapacity * a);
      this.context = vec(this.stepCapacity * this.e);
    }
    if (decoderSteps * batch * sourceSteps > this.alpha.length) this.alpha = vec(decoderSteps * batch * sourceSteps);
    if (batch > this.rowCapacity) {
      this.rowCapacity = batch;
      this.dQuery = vec(batch * a);
    }
    this.H = H;
    this.dH = dH;
    this.lengths = lengths;
    this.sourceSteps = sourceSteps;
    this.batch = batch;
    const rows = sourceSteps * batch;
    mulInto(mat(this.keys, 0, rows, a), mat(H, 0, rows, this.e), this.keyKernel, OVERWRITE);
  }

  /** Row b's view of a time-major [Ts, B, width] buffer over its first `count` positions. */
  private rowView(data: Vec, b: number, width: number, count: number): Mat {
    return mat(data, b * width, count, width, this.batch * width);
  }

  /** Forward step t: from the queries s_{t−1} ([batch, q]) writes α (row (t·B + b)·Ts) and the context of step t. */
  forwardStep(t: number, s: Mat): void {
    const a = this.a;
    const B = this.batch;
    const Ts = this.sourceSteps;
    const q = mat(this.queries, t * B * a, B, a);
    mulInto(q, s, this.queryKernel, OVERWRITE);
    for (let b = 0; b < B; b++) {
      const len = this.lengths[b]!;
      const alphaOff = (t * B + b) * Ts;
      this.alpha.fill(0, alphaOff, alphaOff + Ts);
      const ctx = mat(this.context, (t * B + b) * this.e, 1, this.e);
      if (len === 0) {
        ctx.data.fill(0, ctx.offset, ctx.offset + this.e);
        continue;
      }
      this.tanhBlock(t, b, len);
      // e_j = v·tanh(…): [len, a]·[a, 1]; then the masked softmax over j < len.
      mulInto(mat(this.scores, 0, len, 1), mat(this.block, 0, len, a), this.scoreKernel, OVERWRITE);
      let max = -Infinity;
      for (let j = 0; j < len; j++) if (this.scores[j]! > max) max = this.scores[j]!;
      let sum = 0;
      for (let j = 0; j < len; j++) {
        const x = Math.exp(this.scores[j]! - max);
        this.scores[j] = x;
        sum += x;
      }
      for (let j = 0; j < len; j++) this.alpha[alphaOff + j] = this.scores[j]! / sum;
      // c = α·H_b: [1, len]·[len, E].
      mulInto(ctx, mat(this.alpha, alphaOff, 1, len), this.rowView(this.H, b, this.e, len), OVERWRITE);
    }
  }

  /** block[j] = tanh(q_t,b + k_j,b) for j < len (row b, step t). */
  private tanhBlock(t: number, b: number, len: number): void {
    const a = this.a;
    const B = this.batch;
    const qOff = (t * B + b) * a;
    const blk = this.block;
    const keys = this.keys;
    const qs = this.queries;
    for (let j = 0; j < len; j++) {
      const kOff = (j * B + b) * a;
      const o = j * a;
      for (let i = 0; i < a; i++) blk[o + i] = qs[qOff + i]! + keys[kOff + i]!;
    }
    activateCopy(Act.Tanh, blk, 0, blk, 0, len * a);
  }

  /** Starts the backward pass: zeros the accumulated gradients of W₁, v and the keys. */
  beginBackward(): void {
    const a = this.a;
    this.queryGrad.data.fill(0, this.queryGrad.offset, this.queryGrad.offset + this.queryGrad.rows * a);
    this.scoreGrad.data.fill(0, this.scoreGrad.offset, this.scoreGrad.offset + a);
    this.dKeys.fill(0, 0, this.sourceSteps * this.batch * a);
  }

  /**
   * Backward step t: `dContext` ([batch, E] from `dContextOff`) is the gradient of step t's context; adds the
   * gradients of H (through c = α·H) and of the keys, W₁ and v, and adds the query's gradient into `dS`
   * ([batch, q]: the top decoder layer's dh at step t − 1). `s` is the query of step t ([batch, q]).
   */
  backwardStep(t: number, dContext: Vec, dContextOff: number, s: Mat, dS: Mat): void {
    const a = this.a;
    const B = this.batch;
    const Ts = this.sourceSteps;
    const E = this.e;
    const dq = this.dQuery;
    dq.fill(0, 0, B * a);
    const v = this.scoreKernel.data;
    const vOff = this.scoreKernel.offset;
    for (let b = 0; b < B; b++) {
      const len = this.lengths[b]!;
      if (len === 0) continue;
      const alphaOff = (t * B + b) * Ts;
      const dc = mat(dContext, dContextOff + b * E, 1, E);
      const alphaRow = mat(this.alpha, alphaOff, 1, len);
      // dα_j = h_j·dc ([len, E]·[E, 1]); dH_j += α_j·dc (outer product [len, 1]·[1, E]).
      mulInto(mat(this.dAlpha, 0, len, 1), this.rowView(this.H, b, E, len), dc, TRANSPOSE_B);
      mulInto(this.rowView(this.dH, b, E, len), alphaRow, dc, ACCUMULATE_TRANSPOSE_A);
      // Softmax backward over the unmasked positions: dE_j = α_j·(dα_j − Σ_k α_k·dα_k).
      let dot = 0;
      for (let j = 0; j < len; j++) dot += this.alpha[alphaOff + j]! * this.dAlpha[j]!;
      for (let j = 0; j < len; j++) this.scores[j] = this.alpha[alphaOff + j]! * (this.dAlpha[j]! - dot);
      this.tanhBlock(t, b, len);
      // dv += Σ_j dE_j·tanh_j ([1, len]·[len, a], into v viewed as a row).
      mulInto(mat(this.scoreGrad.data, this.scoreGrad.offset, 1, a), mat(this.scores, 0, 1, len), mat(this.block, 0, len, a), ACCUMULATE);
      // d(pre-tanh)_j = dE_j·v ⊙ (1 − tanh²): into the block; its rows add to dq and to the keys' gradient.
      const blk = this.block;
      const keys = this.dKeys;
      const qOff = b * a;
      for (let j = 0; j < len; j++) {
        const de = this.scores[j]!;
        const o = j * a;
        const kOff = (j * B + b) * a;
        for (let i = 0; i < a; i++) {
          const y = blk[o + i]!;
          const g = de * v[vOff + i]! * (1 - y * y);
          dq[qOff + i] = dq[qOff + i]! + g;
          keys[kOff + i] = keys[kOff + i]! + g;
        }
      }
    }
    const dqView = mat(dq, 0, B, a);
    mulInto(this.queryGrad, s, dqView, ACCUMULATE_TRANSPOSE_A);
    mulInto(dS, dqView, this.queryKernel, ACCUMULATE_TRANSPOSE_B);
  }

  /** Ends the backward pass: dW₂ = Hᵀ·dK (written) and dH += dK·W₂ᵀ. */
  endBackward(): void {
    const rows = this.sourceSteps * this.batch;
    const dK = mat(this.dKeys, 0, rows, this.a);
    mulInto(this.keyGrad, mat(this.H, 0, rows, this.e), dK, TRANSPOSE_A);
    mulInto(mat(this.dH, 0, rows, this.e), dK, this.keyKernel, ACCUMULATE_TRANSPOSE_B);
  }
}
