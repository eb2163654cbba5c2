import { Act, activate, derivFromOutput } from './activations.js';
import { ACCUMULATE, mulInto, TRANSPOSE_B } from './gemm.js';
import { mat } from './mat.js';
import { RecurrentLayer, type RecurrentSetup } from './recurrent.js';
import { allocVec, type Vec } from './types.js';

/**
 * Keras LSTM, gates in Keras order i, f, c, o: z = x·W + b + h(t−1)·R (kernel [in, 4u], recurrent [u, 4u],
 * bias [4u]); i, f, o = rec(z_i, z_f, z_o); g = act(z_c); c(t) = f·c(t−1) + i·g; h(t) = o·act(c(t)).
 *
 * Saved for the backward pass: the gate outputs (i, f, g, o) in place of their pre-activations in `xw`
 * (alias `gates`), the cell states `c` and act(c) in `ac`.
 */
export class LstmLayer extends RecurrentLayer {
  private readonly act: Act;
  private readonly rec: Act;
  private readonly gates: Vec;
  private readonly c: Vec;
  private readonly ac: Vec;
  private readonly c0: Vec;
  private readonly cState: Vec;
  private readonly dcNext: Vec;

  constructor(setup: RecurrentSetup, activation: Act, recurrentActivation: Act) {
    super(setup, 4);
    this.act = activation;
    this.rec = recurrentActivation;
    const rows = setup.steps * setup.maxBatch;
    // The gate outputs overwrite their pre-activations: x·W + b is not needed after the forward pass.
    this.gates = this.xw;
    this.c = allocVec(setup.precision, rows * setup.units);
    this.ac = allocVec(setup.precision, rows * setup.units);
    this.c0 = allocVec(setup.precision, setup.maxBatch * setup.units);
    this.cState = allocVec(setup.precision, setup.maxBatch * setup.units);
    this.dcNext = allocVec(setup.precision, setup.maxBatch * setup.units);
  }

  protected override extraStates(): Vec[] {
    return [this.cState];
  }

  protected override resetExtraStates(): void {
    this.cState.fill(0);
  }

  protected override loadExtraStates(batch: number): void {
    if (this.stateful) this.c0.set(this.cState);
    else this.c0.fill(0, 0, batch * this.units);
  }

  protected override saveExtraStates(steps: number, batch: number): void {
    const n = batch * this.units;
    const o = (steps - 1) * n;
    for (let i = 0; i < n; i++) this.cState[i] = this.c[o + i]!;
  }

  protected runSteps(steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const z = this.gates;
    const keras = this.act === Act.Tanh && this.rec === Act.Sigmoid;
    for (let t = 0; t < steps; t++) {
      const zo = t * batch * w;
      mulInto(mat(z, zo, batch, w), mat(t === 0 ? this.h0 : this.h, this.prevOffset(t, batch), batch, u), mat(this.p, this.rOff, u, w), ACCUMULATE);
      const cPrev = t === 0 ? this.c0 : this.c;
      const cpOff = this.prevOffset(t, batch);
      const so = t * n;
      for (let b = 0; b < batch; b++) {
        const zb = zo + b * w;
        const sb = so + b * u;
        const pb = cpOff + b * u;
        for (let j = 0; j < u; j++) {
          let ig: number, fg: number, gg: number, og: number;
          if (keras) {
            // Keras' defaults spelled out, so the common case needs no activation dispatch.
            ig = 1 / (1 + Math.exp(-z[zb + j]!));
            fg = 1 / (1 + Math.exp(-z[zb + u + j]!));
            gg = Math.tanh(z[zb + 2 * u + j]!);
            og = 1 / (1 + Math.exp(-z[zb + 3 * u + j]!));
          } else {
            ig = activate(this.rec, z[zb + j]!);
            fg = activate(this.rec, z[zb + u + j]!);
            gg = activate(this.act, z[zb + 2 * u + j]!);
            og = activate(this.rec, z[zb + 3 * u + j]!);
          }
          z[zb + j] = ig;
          z[zb + u + j] = fg;
          z[zb + 2 * u + j] = gg;
          z[zb + 3 * u + j] = og;
          const cv = fg * cPrev[pb + j]! + ig * gg;
          this.c[sb + j] = cv;
          const a = keras ? Math.tanh(cv) : activate(this.act, cv);
          this.ac[sb + j] = a;
          this.h[sb + j] = og * a;
        }
      }
      this.freeze(t, batch);
    }
  }

  protected override freezeExtra(t: number, b: number, batch: number): void {
    const u = this.units;
    const src = t === 0 ? this.c0 : this.c;
    const so = (t === 0 ? 0 : (t - 1) * batch * u) + b * u;
    const o = (t * batch + b) * u;
    for (let j = 0; j < u; j++) this.c[o + j] = src[so + j]!;
  }

  protected backSteps(dOut: Vec, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const z = this.gates;
    const dz = this.dzx;
    const dh = this.dhNext;
    const dc = this.dcNext;
    dh.fill(0, 0, n);
    dc.fill(0, 0, n);
    for (let t = steps - 1; t >= 0; t--) {
      const zo = t * batch * w;
      const so = t * n;
      const cPrev = t === 0 ? this.c0 : this.c;
      const cpOff = this.prevOffset(t, batch);
      for (let b = 0; b < batch; b++) {
        if (this.masked(t, b)) {
          this.maskRow(dOut, t, steps, b, batch, [dz]); // dc passes through unchanged
          continue;
        }
        const zb = zo + b * w;
        const sb = so + b * u;
        for (let j = 0; j < u; j++) {
          const k = b * u + j;
          const dhv = this.outGrad(dOut, t, steps, k, n) + dh[k]!;
          const ig = z[zb + j]!;
          const fg = z[zb + u + j]!;
          const gg = z[zb + 2 * u + j]!;
          const og = z[zb + 3 * u + j]!;
          const a = this.ac[sb + j]!;
          const dcv = dc[k]! + dhv * og * derivFromOutput(this.act, a);
          dz[zb + j] = dcv * gg * derivFromOutput(this.rec, ig);
          dz[zb + u + j] = dcv * cPrev[cpOff + b * u + j]! * derivFromOutput(this.rec, fg);
          dz[zb + 2 * u + j] = dcv * ig * derivFromOutput(this.act, gg);
          dz[zb + 3 * u + j] = dhv * a * derivFromOutput(this.rec, og);
          dc[k] = dcv * fg;
        }
      }
      if (t > 0) mulInto(mat(dh, 0, batch, u), mat(dz, zo, batch, w), mat(this.p, this.rOff, u, w), TRANSPOSE_B);
      this.restoreMasked(t, batch);
    }
  }
}
