import { Act, activate, derivFromOutput } from './activations.js';
import { ACCUMULATE, mulInto, TRANSPOSE_B } from './gemm.js';
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
    const w = this.width;
    const z = this.gates;
    const h = this.hidden.history;
    const c = this.cell.history;
    const kerasDefaults = this.act === Act.Tanh && this.rec === Act.Sigmoid;
    // z(t) += h(t−1)·R; the gate outputs then overwrite their pre-activations (x·W + b is not needed after this).
    mulInto(this.step(this.gatesView, t, batch), this.previous(this.hidden, t, batch), this.recurrentKernel, ACCUMULATE);
    const { data: cPrev, offset: cPrevOff } = this.previous(this.cell, t, batch);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w; // i, f, g, o of row b: u values each
      const stateRow = (t * batch + b) * u;
      const prevRow = cPrevOff + b * u;
      for (let j = 0; j < u; j++) {
        let ig: number, fg: number, gg: number, og: number;
        if (kerasDefaults) {
          // Keras' defaults spelled out, so the common case needs no activation dispatch.
          ig = 1 / (1 + Math.exp(-z[gateRow + j]!));
          fg = 1 / (1 + Math.exp(-z[gateRow + u + j]!));
          gg = Math.tanh(z[gateRow + 2 * u + j]!);
          og = 1 / (1 + Math.exp(-z[gateRow + 3 * u + j]!));
        } else {
          ig = activate(this.rec, z[gateRow + j]!);
          fg = activate(this.rec, z[gateRow + u + j]!);
          gg = activate(this.act, z[gateRow + 2 * u + j]!);
          og = activate(this.rec, z[gateRow + 3 * u + j]!);
        }
        z[gateRow + j] = ig;
        z[gateRow + u + j] = fg;
        z[gateRow + 2 * u + j] = gg;
        z[gateRow + 3 * u + j] = og;
        const cv = fg * cPrev[prevRow + j]! + ig * gg;
        c[stateRow + j] = cv;
        const a = kerasDefaults ? Math.tanh(cv) : activate(this.act, cv);
        this.actCell[stateRow + j] = a;
        h[stateRow + j] = og * a;
      }
    }
  }

  protected stepBackward(dOut: Vec, t: number, steps: number, batch: number): void {
    const u = this.units;
    const w = this.width;
    const n = batch * u;
    const z = this.gates;
    const dz = this.dPreact;
    const dh = this.hidden.grad;
    const dc = this.cell.grad;
    const { data: cPrev, offset: cPrevOff } = this.previous(this.cell, t, batch);
    for (let b = 0; b < batch; b++) {
      const gateRow = (t * batch + b) * w;
      const stateRow = (t * batch + b) * u;
      for (let j = 0; j < u; j++) {
        const k = b * u + j;
        const dhv = this.outputGradient(dOut, t, steps, k, n) + dh[k]!;
        const ig = z[gateRow + j]!;
        const fg = z[gateRow + u + j]!;
        const gg = z[gateRow + 2 * u + j]!;
        const og = z[gateRow + 3 * u + j]!;
        const a = this.actCell[stateRow + j]!;
        const dcv = dc[k]! + dhv * og * derivFromOutput(this.act, a);
        dz[gateRow + j] = dcv * gg * derivFromOutput(this.rec, ig);
        dz[gateRow + u + j] = dcv * cPrev[cPrevOff + k]! * derivFromOutput(this.rec, fg);
        dz[gateRow + 2 * u + j] = dcv * ig * derivFromOutput(this.act, gg);
        dz[gateRow + 3 * u + j] = dhv * a * derivFromOutput(this.rec, og);
        dc[k] = dcv * fg;
      }
    }
  }

  protected backThroughRecurrentKernel(t: number, batch: number): void {
    // dh(t−1) = dZ(t)·Rᵀ.
    if (t > 0) mulInto(this.hidden.gradView.select(0, batch), this.step(this.dPreactView, t, batch), this.recurrentKernel, TRANSPOSE_B);
  }
}
