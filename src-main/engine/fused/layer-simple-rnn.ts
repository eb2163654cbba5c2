import type { Act } from './activations.js';
import { activateCopy, rnnBackwardStep } from './cell-kernels.js';
import { mulPackedInto } from './gemm.js';
import { RecurrentLayer, type RecurrentSetup } from './recurrent.js';
import type { Vec } from './types.js';

/** Keras SimpleRNN: h(t) = act(x(t)·W + b + h(t−1)·R). Weights: kernel [in, u], recurrent [u, u], bias [u]. State h. */
export class SimpleRnnLayer extends RecurrentLayer {
  /** Code of the cell's `activation`. */
  private readonly act: Act;

  constructor(setup: RecurrentSetup, activation: Act) {
    super(setup, { gates: 1, states: ['h'] });
    this.act = activation;
  }

  protected stepForward(t: number, batch: number): void {
    const n = batch * this.units;
    const o = t * n;
    const pre = this.gates;
    const h = this.hidden.history;
    // pre(t) += h(t−1)·R, then h(t) = act(pre(t)).
    mulPackedInto(this.step(this.gatesView, t, batch), this.previous(this.hidden, t, batch), this.recurrentPacked, true);
    activateCopy(this.act, pre, o, h, o, n);
  }

  protected stepBackward(dOut: Vec, t: number, steps: number, batch: number): void {
    const n = batch * this.units;
    // The gradient from above at h(t): every step's with returnSequences, else the last step's only.
    const fromAbove = this.returnSequences || t === steps - 1 ? dOut : null;
    rnnBackwardStep(fromAbove, this.returnSequences ? t * n : 0, this.hidden.grad, this.hidden.history, this.dPreact, t * n, n, this.act);
  }

  protected backThroughRecurrentKernel(t: number, batch: number): void {
    // dh(t−1) = dZ(t)·Rᵀ.
    if (t > 0) mulPackedInto(this.hidden.gradView.select(0, batch), this.step(this.dPreactView, t, batch), this.recurrentPackedTransposed, false);
  }
}
