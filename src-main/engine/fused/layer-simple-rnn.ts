import { Act, activateInPlace, derivFromOutput } from './activations.js';
import { ACCUMULATE, mulInto, TRANSPOSE_B } from './gemm.js';
import { mat } from './mat.js';
import { RecurrentLayer, type RecurrentSetup } from './recurrent.js';
import type { Vec } from './types.js';

/** Keras SimpleRNN: h(t) = act(x(t)·W + b + h(t−1)·R). Weights: kernel [in, u], recurrent [u, u], bias [u]. */
export class SimpleRnnLayer extends RecurrentLayer {
  private readonly act: Act;

  constructor(setup: RecurrentSetup, activation: Act) {
    super(setup, 1);
    this.act = activation;
  }

  protected runSteps(steps: number, batch: number): void {
    const u = this.units;
    const n = batch * u;
    for (let t = 0; t < steps; t++) {
      const o = t * n;
      // xw(t) += h(t−1)·R, then h(t) = act(xw(t)).
      mulInto(mat(this.xw, o, batch, u), mat(t === 0 ? this.h0 : this.h, this.prevOffset(t, batch), batch, u), mat(this.p, this.rOff, u, u), ACCUMULATE);
      for (let i = 0; i < n; i++) this.h[o + i] = this.xw[o + i]!;
      activateInPlace(this.act, this.h, o, n);
      this.freeze(t, batch);
    }
  }

  protected backSteps(dOut: Vec, steps: number, batch: number): void {
    const u = this.units;
    const n = batch * u;
    const dz = this.dzx;
    const dh = this.dhNext;
    dh.fill(0, 0, n);
    for (let t = steps - 1; t >= 0; t--) {
      const o = t * n;
      for (let b = 0; b < batch; b++) {
        if (this.masked(t, b)) {
          this.maskRow(dOut, t, steps, b, batch, [dz]);
          continue;
        }
        for (let i = b * u; i < (b + 1) * u; i++) {
          dz[o + i] = (this.outGrad(dOut, t, steps, i, n) + dh[i]!) * derivFromOutput(this.act, this.h[o + i]!);
        }
      }
      // dh(t−1) = dZ(t)·Rᵀ; the initial state is a constant, so step 0 needs none.
      if (t > 0) mulInto(mat(dh, 0, batch, u), mat(dz, o, batch, u), mat(this.p, this.rOff, u, u), TRANSPOSE_B);
      this.restoreMasked(t, batch);
    }
  }
}
