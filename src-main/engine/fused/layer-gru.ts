import { Act, activate, derivFromOutput } from './activations.js';
import { ACCUMULATE, ACCUMULATE_TRANSPOSE_A, ACCUMULATE_TRANSPOSE_B, columnSumsInto, mulInto, OVERWRITE, TRANSPOSE_A, TRANSPOSE_B } from './gemm.js';
import { mat } from './mat.js';
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
 * Saved for the backward pass: the gate outputs z, r, hh in place of their pre-activations in `xw`, and per
 * step either rec_h (reset_after) or r·h(t−1) (not) in `side`.
 */
export class GruLayer extends RecurrentLayer {
  private readonly act: Act;
  private readonly rec: Act;
  private readonly resetAfter: boolean;
  /** [steps, batch, u]: rec_h (reset_after) or r·h(t−1). */
  private readonly side: Vec;
  /** Per-step scratch: h(t−1)·R (+ b_rec), [batch, 3u]. */
  private readonly scratch: Vec;
  /** Per-step scratch for reset_after=false's backward: d(r·h(t−1)), [batch, u]. */
  private readonly dSide: Vec;

  constructor(setup: RecurrentSetup, activation: Act, recurrentActivation: Act, resetAfter: boolean) {
    super(setup, 3);
    this.act = activation;
    this.rec = recurrentActivation;
    this.resetAfter = resetAfter;
    const rows = setup.steps * setup.maxBatch;
    this.side = allocVec(setup.precision, rows * setup.units);
    this.scratch = allocVec(setup.precision, setup.maxBatch * 3 * setup.units);
    this.dSide = allocVec(setup.precision, setup.maxBatch * setup.units);
    // With reset_after the recurrent kernel sees r·dhh instead of dhh in the candidate block.
    if (resetAfter) this.dzh = allocVec(setup.precision, rows * 3 * setup.units);
  }

  protected runSteps(steps: number, batch: number): void {
    if (this.resetAfter) this.runAfter(steps, batch);
    else this.runBefore(steps, batch);
  }

  protected backSteps(dOut: Vec, steps: number, batch: number): void {
    if (this.resetAfter) this.backAfter(dOut, steps, batch);
    else this.backBefore(dOut, steps, batch);
  }

  private runAfter(steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const z = this.xw;
    const rec = this.scratch;
    for (let t = 0; t < steps; t++) {
      const hp = t === 0 ? this.h0 : this.h;
      const hpOff = this.prevOffset(t, batch);
      // rec = h(t−1)·R + b_rec (the recurrent bias is the second bias row).
      if (this.bOff >= 0) {
        for (let b = 0; b < batch; b++) for (let j = 0; j < w; j++) rec[b * w + j] = this.p[this.bOff + w + j]!;
      }
      mulInto(mat(rec, 0, batch, w), mat(hp, hpOff, batch, u), mat(this.p, this.rOff, u, w), this.bOff >= 0 ? ACCUMULATE : OVERWRITE);
      const zo = t * batch * w;
      const so = t * n;
      for (let b = 0; b < batch; b++) {
        const zb = zo + b * w;
        const rb = b * w;
        for (let j = 0; j < u; j++) {
          const zg = activate(this.rec, z[zb + j]! + rec[rb + j]!);
          const rg = activate(this.rec, z[zb + u + j]! + rec[rb + u + j]!);
          const rh = rec[rb + 2 * u + j]!;
          const hh = activate(this.act, z[zb + 2 * u + j]! + rg * rh);
          z[zb + j] = zg;
          z[zb + u + j] = rg;
          z[zb + 2 * u + j] = hh;
          this.side[so + b * u + j] = rh;
          this.h[so + b * u + j] = zg * hp[hpOff + b * u + j]! + (1 - zg) * hh;
        }
      }
      this.freeze(t, batch);
    }
  }

  private backAfter(dOut: Vec, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const g = this.xw;
    const dzx = this.dzx;
    const dzh = this.dzh;
    const dh = this.dhNext;
    dh.fill(0, 0, n);
    for (let t = steps - 1; t >= 0; t--) {
      const hp = t === 0 ? this.h0 : this.h;
      const hpOff = this.prevOffset(t, batch);
      const zo = t * batch * w;
      const so = t * n;
      for (let b = 0; b < batch; b++) {
        // Masked rows: zero gradients, dh passes through (the accumulating product below adds nothing).
        if (this.masked(t, b)) {
          this.maskRow(dOut, t, steps, b, batch, [dzx, dzh]);
          continue;
        }
        const zb = zo + b * w;
        for (let j = 0; j < u; j++) {
          const k = b * u + j;
          const dhv = this.outGrad(dOut, t, steps, k, n) + dh[k]!;
          const zg = g[zb + j]!;
          const rg = g[zb + u + j]!;
          const hh = g[zb + 2 * u + j]!;
          const dzPre = dhv * (hp[hpOff + k]! - hh) * derivFromOutput(this.rec, zg);
          const dhhPre = dhv * (1 - zg) * derivFromOutput(this.act, hh);
          const drPre = dhhPre * this.side[so + k]! * derivFromOutput(this.rec, rg);
          dzx[zb + j] = dzPre;
          dzx[zb + u + j] = drPre;
          dzx[zb + 2 * u + j] = dhhPre;
          dzh[zb + j] = dzPre;
          dzh[zb + u + j] = drPre;
          dzh[zb + 2 * u + j] = dhhPre * rg;
          dh[k] = dhv * zg;
        }
      }
      // dh(t−1) = dh·z + dZh·Rᵀ (not needed at step 0: the initial state is a constant).
      if (t > 0) mulInto(mat(dh, 0, batch, u), mat(dzh, zo, batch, w), mat(this.p, this.rOff, u, w), ACCUMULATE_TRANSPOSE_B);
    }
  }

  protected override biasGrad(rows: number): void {
    const w = this.width;
    columnSumsInto(mat(this.g, this.bOff, 1, w), mat(this.dzx, 0, rows, w));
    if (this.resetAfter) columnSumsInto(mat(this.g, this.bOff + w, 1, w), mat(this.dzh, 0, rows, w));
  }

  private runBefore(steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const z = this.xw;
    const rz = this.scratch;
    const rOff = this.rOff;
    for (let t = 0; t < steps; t++) {
      const hp = t === 0 ? this.h0 : this.h;
      const hpOff = this.prevOffset(t, batch);
      const zo = t * batch * w;
      const so = t * n;
      // z and r: h(t−1)·R[:, 0:2u] (row stride 3u).
      mulInto(mat(rz, 0, batch, 2 * u), mat(hp, hpOff, batch, u), mat(this.p, rOff, u, 2 * u, w));
      for (let b = 0; b < batch; b++) {
        for (let j = 0; j < u; j++) {
          const zg = activate(this.rec, z[zo + b * w + j]! + rz[b * 2 * u + j]!);
          const rg = activate(this.rec, z[zo + b * w + u + j]! + rz[b * 2 * u + u + j]!);
          z[zo + b * w + j] = zg;
          z[zo + b * w + u + j] = rg;
          this.side[so + b * u + j] = rg * hp[hpOff + b * u + j]!;
        }
      }
      // Candidate: xw_h += (r·h(t−1))·R[:, 2u:3u].
      mulInto(mat(z, zo + 2 * u, batch, u, w), mat(this.side, so, batch, u), mat(this.p, rOff + 2 * u, u, u, w), ACCUMULATE);
      for (let b = 0; b < batch; b++) {
        for (let j = 0; j < u; j++) {
          const zg = z[zo + b * w + j]!;
          const hh = activate(this.act, z[zo + b * w + 2 * u + j]!);
          z[zo + b * w + 2 * u + j] = hh;
          this.h[so + b * u + j] = zg * hp[hpOff + b * u + j]! + (1 - zg) * hh;
        }
      }
      this.freeze(t, batch);
    }
  }

  private backBefore(dOut: Vec, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const g = this.xw;
    const dz = this.dzx;
    const dh = this.dhNext;
    const ds = this.dSide;
    const rOff = this.rOff;
    dh.fill(0, 0, n);
    for (let t = steps - 1; t >= 0; t--) {
      const hp = t === 0 ? this.h0 : this.h;
      const hpOff = this.prevOffset(t, batch);
      const zo = t * batch * w;
      for (let b = 0; b < batch; b++) {
        // Masked rows: zero gradients (so the reset-gate and recurrent products add nothing), dh passes through.
        if (this.masked(t, b)) {
          this.maskRow(dOut, t, steps, b, batch, [dz]);
          continue;
        }
        const zb = zo + b * w;
        for (let j = 0; j < u; j++) {
          const k = b * u + j;
          const dhv = this.outGrad(dOut, t, steps, k, n) + dh[k]!;
          const zg = g[zb + j]!;
          const hh = g[zb + 2 * u + j]!;
          dz[zb + j] = dhv * (hp[hpOff + k]! - hh) * derivFromOutput(this.rec, zg);
          dz[zb + 2 * u + j] = dhv * (1 - zg) * derivFromOutput(this.act, hh);
          dh[k] = dhv * zg;
        }
      }
      // d(r·h(t−1)) = dhh_pre·R_hᵀ, then the reset gate and the direct path into h(t−1).
      mulInto(mat(ds, 0, batch, u), mat(dz, zo + 2 * u, batch, u, w), mat(this.p, rOff + 2 * u, u, u, w), TRANSPOSE_B);
      for (let b = 0; b < batch; b++) {
        const zb = zo + b * w;
        for (let j = 0; j < u; j++) {
          const k = b * u + j;
          const rg = g[zb + u + j]!;
          dz[zb + u + j] = ds[k]! * hp[hpOff + k]! * derivFromOutput(this.rec, rg);
          dh[k] = dh[k]! + ds[k]! * rg;
        }
      }
      if (t > 0) mulInto(mat(dh, 0, batch, u), mat(dz, zo, batch, 2 * u, w), mat(this.p, rOff, u, 2 * u, w), ACCUMULATE_TRANSPOSE_B);
    }
  }

  protected override recurrentKernelGrad(steps: number, batch: number): void {
    if (this.resetAfter) {
      super.recurrentKernelGrad(steps, batch);
      return;
    }
    const u = this.units;
    const w = this.width;
    const rows = steps * batch;
    // R[:, 0:2u] pairs with h(t−1); R[:, 2u:3u] with r·h(t−1), saved for every step in `side`.
    mulInto(mat(this.g, this.rOff, u, 2 * u, w), mat(this.h0, 0, batch, u), mat(this.dzx, 0, batch, 2 * u, w), TRANSPOSE_A);
    if (steps > 1) mulInto(mat(this.g, this.rOff, u, 2 * u, w), mat(this.h, 0, rows - batch, u), mat(this.dzx, batch * w, rows - batch, 2 * u, w), ACCUMULATE_TRANSPOSE_A);
    mulInto(mat(this.g, this.rOff + 2 * u, u, u, w), mat(this.side, 0, rows, u), mat(this.dzx, 2 * u, rows, u, w), TRANSPOSE_A);
  }
}
