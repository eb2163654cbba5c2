import { Act, activate, derivFromOutput } from './activations.js';
import { gruForwardResetAfter } from './cell-kernels.js';
import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, ACCUMULATE_TRANSPOSE_B, columnSumsInto, fillRows, mulInto, mulPackedInto, TRANSPOSE_A, TRANSPOSE_B } from './gemm.js';
import { mat, type Mat } from './mat.js';
import { RecurrentLayer, type RecurrentSetup } from './recurrent.js';
import { allocVec, type Vec } from './types.js';

/**
 * Keras GRU, gates in Keras order z, r, h; kernel [in, 3u], recurrent [u, 3u]; h(t) = z·h(t−1) + (1 − z)·hh.
 *
 * reset_after = true (Keras 2.3+ default, cuDNN-compatible; bias [2, 3u]: input row, recurrent row):
 *   rec = h(t−1)·R + b_rec; z, r = rec(xw_zr + rec_zr); hh = act(xw_h + r·rec_h).
 * reset_after = false (tfjs' only GRU; bias [3u]):
 *   z, r = rec(xw_zr + h(t−1)·R_zr); hh = act(xw_h + (r·h(t−1))·R_h).
 *
 * Saved for the backward pass: the gate outputs z, r, hh in place of their pre-activations in `gates`, and per
 * step either rec_h (reset_after) or r·h(t−1) (not) in `candidateInput`.
 */
export class GruLayer extends RecurrentLayer {
  /** Codes of the cell's `activation` (candidate, and LSTM's output of c) and `recurrentActivation` (the gates). */
  private readonly act: Act;
  private readonly rec: Act;
  private readonly resetAfter: boolean;
  /** The recurrent bias b_rec (reset_after with bias: the second bias row), or null. */
  private readonly recurrentBias: Mat | null;
  private readonly recurrentBiasGrad: Mat | null;
  /** Column blocks of the recurrent kernel (reset_after = false): R_zr = R[:, 0:2u] and R_h = R[:, 2u:3u]. */
  private readonly recurrentZr: Mat;
  private readonly recurrentH: Mat;
  private readonly recurrentZrGrad: Mat;
  private readonly recurrentHGrad: Mat;
  /** [steps, batch, u]: what multiplies into the candidate per step: rec_h (reset_after) or r·h(t−1). */
  private readonly candidateInput: Vec;
  /** Per-step scratch [batch, 3u]: h(t−1)·R + b_rec (reset_after), or h(t−1)·R_zr in its first 2u columns. */
  private readonly recurrentPart: Vec;
  /** Per-step scratch of reset_after = false's backward [batch, u]: d(r·h(t−1)). */
  private readonly dResetHidden: Vec;
  /**
   * Views re-pointed before each product: the candidate block of `gates` and of `dPreact` ([rows, u], stride 3u),
   * the z|r block of `dPreact` ([rows, 2u]), `candidateInput`, the scratch as [batch, 3u] and as its first 2u
   * columns, and `dResetHidden`.
   */
  private readonly candidateGatesView: Mat;
  private readonly dCandidateView: Mat;
  private readonly dResetUpdateView: Mat;
  private readonly candidateInputView: Mat;
  private readonly recurrentPartView: Mat;
  private readonly recurrentResetUpdateView: Mat;
  private readonly dResetHiddenView: Mat;

  constructor(setup: RecurrentSetup, activation: Act, recurrentActivation: Act, resetAfter: boolean) {
    // With reset_after the recurrent kernel sees r·dhh instead of dhh in the candidate block.
    super(setup, { gates: 3, states: ['h'], separateRecurrentGradient: resetAfter });
    this.act = activation;
    this.rec = recurrentActivation;
    this.resetAfter = resetAfter;
    const u = setup.units;
    const w = this.width;
    const withRecurrentBias = resetAfter && this.bias !== null;
    this.recurrentBias = withRecurrentBias ? mat(setup.params, this.bias!.offset + w, 1, w) : null;
    this.recurrentBiasGrad = withRecurrentBias ? mat(setup.grads, this.biasGrad!.offset + w, 1, w) : null;
    const r = this.recurrentKernel.offset;
    this.recurrentZr = mat(setup.params, r, u, 2 * u, w);
    this.recurrentH = mat(setup.params, r + 2 * u, u, u, w);
    this.recurrentZrGrad = mat(setup.grads, r, u, 2 * u, w);
    this.recurrentHGrad = mat(setup.grads, r + 2 * u, u, u, w);
    const rows = setup.steps * setup.maxBatch;
    this.candidateInput = allocVec(setup.precision, rows * u);
    this.recurrentPart = allocVec(setup.precision, setup.maxBatch * w);
    this.dResetHidden = allocVec(setup.precision, setup.maxBatch * u);
    this.candidateGatesView = mat(this.gates, 2 * u, rows, u, w);
    this.dCandidateView = mat(this.dPreact, 2 * u, rows, u, w);
    this.dResetUpdateView = mat(this.dPreact, 0, rows, 2 * u, w);
    this.candidateInputView = mat(this.candidateInput, 0, rows, u);
    this.recurrentPartView = mat(this.recurrentPart, 0, setup.maxBatch, w);
    this.recurrentResetUpdateView = mat(this.recurrentPart, 0, setup.maxBatch, 2 * u);
    this.dResetHiddenView = mat(this.dResetHidden, 0, setup.maxBatch, u);
  }

  protected stepForward(t: number, batch: number): void {
    if (this.resetAfter) this.forwardResetAfter(t, batch);
    else this.forwardResetBefore(t, batch);
  }

  /** Only reset_after multiplies by the whole R each step; the other variant uses its column blocks. */
  protected override multipliesWholeRecurrentKernel(): boolean {
    return this.resetAfter;
  }

  protected stepBackward(dOut: Vec, t: number, steps: number, batch: number): void {
    if (this.resetAfter) this.backwardResetAfter(dOut, t, steps, batch);
    else this.backwardResetBefore(dOut, t, steps, batch);
  }

  protected backThroughRecurrentKernel(t: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    if (this.resetAfter) {
      // dh(t−1) = dh·z (already in dh) + dZh·Rᵀ.
      if (t > 0) mulPackedInto(this.hidden.gradView.select(0, batch), this.step(this.dPreactRecurrentView, t, batch), this.recurrentPackedTransposed, true);
      return;
    }
    // d(r·h(t−1)) = dhh_pre·R_hᵀ, then the reset gate and the direct path into h(t−1), then dZ_zr·R_zrᵀ.
    const g = this.gates;
    const dz = this.dPreact;
    const ds = this.dResetHidden;
    const dh = this.hidden.grad;
    const { data: hPrev, offset: hPrevOff } = this.previous(this.hidden, t, batch);
    mulInto(this.dResetHiddenView.select(0, batch), this.step(this.dCandidateView, t, batch), this.recurrentH, TRANSPOSE_B);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const rg = g[gateRow + u + j]!;
        dz[gateRow + u + j] = ds[k]! * hPrev[hPrevOff + k]! * derivFromOutput(this.rec, rg);
        dh[k] = dh[k]! + ds[k]! * rg;
      }
    }
    if (t > 0) mulInto(this.hidden.gradView.select(0, batch), this.step(this.dResetUpdateView, t, batch), this.recurrentZr, ACCUMULATE_TRANSPOSE_B);
  }

  private forwardResetAfter(t: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const z = this.gates;
    const h = this.hidden.history;
    const rec = this.recurrentPart;
    const hp = this.previous(this.hidden, t, batch);
    const { data: hPrev, offset: hPrevOff } = hp;
    const recRows = this.recurrentPartView.select(0, batch);
    // rec = h(t−1)·R + b_rec.
    if (this.recurrentBias !== null) fillRows(recRows, this.recurrentBias);
    mulPackedInto(recRows, hp, this.recurrentPacked, this.recurrentBias !== null);
    gruForwardResetAfter(z, t * batch * w, rec, hPrev, hPrevOff, this.candidateInput, h, t * batch * u, batch, u, this.act, this.rec);
  }

  private backwardResetAfter(dOut: Vec, t: number, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const g = this.gates;
    const dzx = this.dPreact;
    const dzh = this.dPreactRecurrent;
    const dh = this.hidden.grad;
    const { data: hPrev, offset: hPrevOff } = this.previous(this.hidden, t, batch);
    const so = t * n;
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const dhv = this.outputGradient(dOut, t, steps, k, n) + dh[k]!;
        const zg = g[gateRow + j]!;
        const rg = g[gateRow + u + j]!;
        const hh = g[gateRow + 2 * u + j]!;
        const dzPre = dhv * (hPrev[hPrevOff + k]! - hh) * derivFromOutput(this.rec, zg);
        const dhhPre = dhv * (1 - zg) * derivFromOutput(this.act, hh);
        const drPre = dhhPre * this.candidateInput[so + k]! * derivFromOutput(this.rec, rg);
        dzx[gateRow + j] = dzPre;
        dzx[gateRow + u + j] = drPre;
        dzx[gateRow + 2 * u + j] = dhhPre;
        dzh[gateRow + j] = dzPre;
        dzh[gateRow + u + j] = drPre;
        dzh[gateRow + 2 * u + j] = dhhPre * rg;
        dh[k] = dhv * zg;
      }
    }
  }

  private forwardResetBefore(t: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const z = this.gates;
    const h = this.hidden.history;
    const rz = this.recurrentPart;
    const hp = this.previous(this.hidden, t, batch);
    const { data: hPrev, offset: hPrevOff } = hp;
    const so = t * batch * u;
    // z and r: h(t−1)·R_zr, [batch, 2u].
    mulInto(this.recurrentResetUpdateView.select(0, batch), hp, this.recurrentZr);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      for (let j = 0; j < u; j++) {
        const zg = activate(this.rec, z[gateRow + j]! + rz[b * 2 * u + j]!);
        const rg = activate(this.rec, z[gateRow + u + j]! + rz[b * 2 * u + u + j]!);
        z[gateRow + j] = zg;
        z[gateRow + u + j] = rg;
        this.candidateInput[so + b * u + j] = rg * hPrev[hPrevOff + b * u + j]!;
      }
    }
    // Candidate: xw_h += (r·h(t−1))·R_h.
    mulInto(this.step(this.candidateGatesView, t, batch), this.step(this.candidateInputView, t, batch), this.recurrentH, ACCUMULATE);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      for (let j = 0; j < u; j++) {
        const zg = z[gateRow + j]!;
        const hh = activate(this.act, z[gateRow + 2 * u + j]!);
        z[gateRow + 2 * u + j] = hh;
        h[so + b * u + j] = zg * hPrev[hPrevOff + b * u + j]! + (1 - zg) * hh;
      }
    }
  }

  /** Element-wise part of reset_after = false's backward step: dZ_z, dZ_h and the direct path dh·z. */
  private backwardResetBefore(dOut: Vec, t: number, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const g = this.gates;
    const dz = this.dPreact;
    const dh = this.hidden.grad;
    const { data: hPrev, offset: hPrevOff } = this.previous(this.hidden, t, batch);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const dhv = this.outputGradient(dOut, t, steps, k, n) + dh[k]!;
        const zg = g[gateRow + j]!;
        const hh = g[gateRow + 2 * u + j]!;
        dz[gateRow + j] = dhv * (hPrev[hPrevOff + k]! - hh) * derivFromOutput(this.rec, zg);
        dz[gateRow + 2 * u + j] = dhv * (1 - zg) * derivFromOutput(this.act, hh);
        dh[k] = dhv * zg;
      }
    }
  }

  protected override biasGradients(rows: number): void {
    super.biasGradients(rows);
    // b_rec sees the recurrent kernel's gradients (r·dhh in the candidate block).
    if (this.recurrentBiasGrad !== null) columnSumsInto(this.recurrentBiasGrad, this.dPreactRecurrentView.select(0, rows));
  }

  protected override recurrentKernelGradients(steps: number, batch: number): void {
    if (this.resetAfter) {
      super.recurrentKernelGradients(steps, batch);
      return;
    }
    const rows = steps * batch;
    // R_zr pairs with h(t−1); R_h with r·h(t−1), saved for every step in `candidateInput`.
    mulInto(this.recurrentZrGrad, this.hidden.initialView.select(0, batch), this.dResetUpdateView.select(0, batch), TRANSPOSE_A);
    if (steps > 1) {
      const later = rows - batch;
      mulInto(this.recurrentZrGrad, this.hidden.historyView.select(0, later), this.dResetUpdateView.select(batch, later), ACCUMULATE_TRANSPOSE_A);
    }
    mulInto(this.recurrentHGrad, this.candidateInputView.select(0, rows), this.dCandidateView.select(0, rows), TRANSPOSE_A);
  }
}
