import type { Act } from './activations.js';
import { lstmBackwardStep, lstmForwardStep } from './cell-kernels.js';
import { mulPackedInto } from './gemm.js';
import { RecurrentLayer, type CellState, type RecurrentSetup } from './recurrent.js';
import { allocVec, type Vec } from './types.js';

/**
 * Keras LSTM, gates in Keras order i, f, c, o: z = x·W + b + h(t−1)·R (kernel [in, 4u], recurrent [u, 4u],
 * bias [4u]); i, f, o = rec(z_i, z_f, z_o); g = act(z_c); c(t) = f·c(t−1) + i·g; h(t) = o·act(c(t)).
 * States h and c.
 *
 * Saved for the backward pass: the gate outputs (i, f, g, o) in place of their pre-activations in `gates`, the
 * cell states in the history of c, and act(c) in `actCell`.
 */
export class LstmLayer extends RecurrentLayer {
  /** Codes of the cell's `activation` (candidate, and LSTM's output of c) and `recurrentActivation` (the gates). */
  private readonly act: Act;
  private readonly rec: Act;
  /** The cell state c (the second state vector). */
  private readonly cell: CellState;
  /** [steps, batch, u]: act(c(t)), the factor of o in h(t). */
  private readonly actCell: Vec;

  constructor(setup: RecurrentSetup, activation: Act, recurrentActivation: Act) {
    super(setup, { gates: 4, states: ['h', 'c'] });
    this.act = activation;
    this.rec = recurrentActivation;
    this.cell = this.states[1]!;
    this.actCell = allocVec(setup.precision, setup.steps * setup.maxBatch * setup.units);
  }

  protected stepForward(t: number, batch: number): void {
    const u = this.units;
    // z(t) += h(t−1)·R; the gate outputs then overwrite their pre-activations (x·W + b is not needed after this).
    mulPackedInto(this.step(this.gatesView, t, batch), this.previous(this.hidden, t, batch), this.recurrentPacked, true);
    const { data: cPrev, offset: cPrevOff } = this.previous(this.cell, t, batch);
    lstmForwardStep(this.gates, t * batch * this.width, cPrev, cPrevOff, this.cell.history, this.actCell, this.hidden.history, t * batch * u, batch, u, this.act, this.rec);
  }

  protected stepBackward(dOut: Vec, t: number, steps: number, batch: number): void {
    const u = this.units;
    const n = batch * u;
    const { data: cPrev, offset: cPrevOff } = this.previous(this.cell, t, batch);
    // The gradient from above at h(t): every step's with returnSequences, else the last step's only.
    const fromAbove = this.returnSequences || t === steps - 1 ? dOut : null;
    const dOutOff = this.returnSequences ? t * n : 0;
    lstmBackwardStep(fromAbove, dOutOff, this.hidden.grad, this.cell.grad, this.gates, t * batch * this.width, this.actCell, t * batch * u, cPrev, cPrevOff, this.dPreact, batch, u, this.act, this.rec);
  }

  protected backThroughRecurrentKernel(t: number, batch: number): void {
    // dh(t−1) = dZ(t)·Rᵀ.
    if (t > 0) mulPackedInto(this.hidden.gradView.select(0, batch), this.step(this.dPreactView, t, batch), this.recurrentPackedTransposed, false);
  }
}
