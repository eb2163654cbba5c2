/**
 * Lockstep training of `lanes` independent LSTM → Dense models of one shape (the repeats of one configuration,
 * differing only by seed): every weight, gradient, optimizer slot, state and activation array holds all lanes,
 * element e of lane l at `e·lanes + l`, so one pass of each loop trains every lane and the per-step overhead
 * (calls, loops over 4-unit matrices, the optimizer's loop) is paid once for all of them.
 *
 * Bit-identity with {@link FusedModel} training each lane alone is the contract (lockstep.test.ts checks every
 * number with Object.is): each lane runs exactly the operations of the single path in the same order —
 * model.ts (gather, loss, batch loop), recurrent.ts (time loop, state carry), layer-lstm.ts and cell-kernels.ts
 * (the JS cell loops), layer-dense.ts, gemm.ts's unpacked JS loops (lane-products.ts) and the same
 * {@link FlatOptimizer} — and stores every intermediate the single path stores into an array of the same
 * precision at the same point (so float32 storage rounds where it rounds there), keeping float64 locals where it
 * keeps locals. Only sizes where the single path runs those JS loops on every tier are trained here
 * (lockstep/eligibility.ts decides). On the native tier the loops over lanes run in C instead (lane-kernels.ts:
 * native/src/exact-kernel.inc, the same operations in the same order, V8's own exp and tanh): the same bits,
 * with the lanes padded to whole vectors.
 */
import { Act, activate, derivFromOutput } from '../activations.js';
import { FlatOptimizer, type AdamEpsilonMode } from '../optimizers.js';
import { allocVec, type Precision, type Vec } from '../types.js';
import type { Optimizer as OptimizerSpec } from '../../../contract/spec.js';
import type { Sequences } from '../../sequence-model.js';
import type { NativeAddon } from '../../kernels/native-addon.js';
import { LaneKernels } from './lane-kernels.js';

/** The shape and settings shared by every lane. */
export interface LockstepShape {
  readonly lanes: number;
  readonly precision: Precision;
  readonly batchSize: number;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
  /** LSTM activation (candidate and output of c) and recurrent activation (gates); element-wise codes. */
  readonly activation: Act;
  readonly recurrentActivation: Act;
  readonly stateful: boolean;
  readonly denseUnits: number;
  readonly denseActivation: Act;
  readonly loss: 'mse' | 'mae';
  readonly optimizer: OptimizerSpec;
  readonly adamEpsilon?: AdamEpsilonMode;
  /** The lanes' kernel tier (their models'): its exact kernels run the lane products and Adam (same bits). */
  readonly native?: NativeAddon | null;
}

/**
 * The lanes' models. Weight layout per lane as FusedModel's (Keras order): LSTM kernel [F, 4u], recurrent
 * kernel [u, 4u], bias [4u], Dense kernel [u, d], bias [d].
 */
export class LockstepLstmDense {
  readonly lanes: number;
  /** Lanes in the arrays: `lanes`, or more (padding, on the native tier). Element e of lane l at e·width + l. */
  private readonly width: number;
  /** Parameters of one lane. */
  readonly count: number;
  /** [count, lanes]. */
  readonly params: Vec;
  readonly grads: Vec;
  private readonly s: LockstepShape;
  private readonly optimizer: FlatOptimizer;
  private readonly k: LaneKernels;
  private readonly native: NativeAddon | null;
  private readonly kOff: number;
  private readonly rOff: number;
  private readonly bOff: number;
  private readonly dkOff: number;
  private readonly dbOff: number;
  /** Time-major [steps, batch, ·] per lane, as recurrent.ts / model.ts hold them. */
  private readonly input: Vec;
  private readonly targets: Vec;
  private readonly gates: Vec;
  private readonly dPreact: Vec;
  private readonly hHistory: Vec;
  private readonly cHistory: Vec;
  private readonly actCell: Vec;
  private readonly hInitial: Vec;
  private readonly cInitial: Vec;
  /** The carried states [batch, u] (stateful). */
  readonly hCarried: Vec;
  readonly cCarried: Vec;
  private readonly dh: Vec;
  private readonly dc: Vec;
  private readonly preact: Vec;
  private readonly output: Vec;
  private readonly dOut: Vec;
  private readonly dz: Vec;
  private readonly dLstmOut: Vec;
  private readonly lossSum: Float64Array;
  private readonly total: Float64Array;
  /** The whole-step kernel's arguments (rows first, set per batch) when it runs this group, else null. */
  private readonly stepSizes: Int32Array | null = null;

  constructor(shape: LockstepShape) {
    const { precision, batchSize: B, steps: T, features: F, units: u, denseUnits: d } = shape;
    this.s = shape;
    this.lanes = shape.lanes;
    this.native = shape.native ?? null;
    // The exact native kernels run full vectors across lanes: pad the lanes to a multiple of 8 there (a partial
    // vector costs more than a whole one). Padding lanes hold zeros throughout (zero weights, inputs, targets:
    // zero gradients and zero Adam updates) and are never reported.
    const L = LaneKernels.available(this.native) ? Math.ceil(shape.lanes / 8) * 8 : shape.lanes;
    this.width = L;
    const w = 4 * u;
    this.kOff = 0;
    this.rOff = F * w;
    this.bOff = this.rOff + u * w;
    this.dkOff = this.bOff + w;
    this.dbOff = this.dkOff + u * d;
    this.count = this.dbOff + d;
    const vec = (n: number) => allocVec(precision, n * L);
    this.params = vec(this.count);
    this.grads = vec(this.count);
    this.optimizer = new FlatOptimizer(shape.optimizer, this.count * L, precision, shape.adamEpsilon);
    const rows = T * B;
    this.input = vec(rows * F);
    this.targets = vec(B * d);
    this.gates = vec(rows * w);
    this.dPreact = vec(rows * w);
    this.hHistory = vec(rows * u);
    this.cHistory = vec(rows * u);
    this.actCell = vec(rows * u);
    this.hInitial = vec(B * u);
    this.cInitial = vec(B * u);
    this.hCarried = vec(B * u);
    this.cCarried = vec(B * u);
    this.dh = vec(B * u);
    this.dc = vec(B * u);
    this.preact = vec(B * d);
    this.output = shape.denseActivation === Act.Linear ? this.preact : vec(B * d);
    this.dOut = vec(B * d);
    this.dz = vec(B * d);
    this.dLstmOut = vec(B * u);
    this.lossSum = new Float64Array(L);
    this.total = new Float64Array(L);
    // The order native/src/kernels.h's A_… indices name them in (the whole-step kernel reads them by position).
    const lanesArrays = [this.params, this.grads, this.input, this.targets, this.gates, this.dPreact, this.hHistory, this.cHistory, this.actCell,
      this.hInitial, this.cInitial, this.hCarried, this.cCarried, this.dh, this.dc, this.preact, this.dOut, this.dz, this.dLstmOut];
    this.k = new LaneKernels(this.native, L, lanesArrays);
    const linear = shape.denseActivation === Act.Linear;
    const kerasDefaults = shape.activation === Act.Tanh && shape.recurrentActivation === Act.Sigmoid;
    if (this.k.canStep && linear && kerasDefaults) {
      this.stepSizes = Int32Array.from([0, T, F, u, d, L, shape.lanes, shape.stateful ? 1 : 0, shape.loss === 'mae' ? 1 : 0, this.kOff, this.rOff, this.bOff, this.dkOff, this.dbOff]);
    }
  }

  /** Copies one lane's flat parameters (FusedModel's `params` layout) in. */
  setLane(lane: number, params: Vec): void {
    const L = this.width;
    for (let e = 0; e < this.count; e++) this.params[e * L + lane] = params[e]!;
  }

  /** Copies one lane's parameters out into `into` (FusedModel's layout). */
  getLane(lane: number, into: Vec): void {
    const L = this.width;
    for (let e = 0; e < this.count; e++) into[e] = this.params[e * L + lane]!;
  }

  /** One lane's carried states [h, c] ([batch, units] each), as FusedModel.getStates gives them. */
  laneStates(lane: number): Float64Array[] {
    const L = this.width;
    const n = this.s.batchSize * this.s.units;
    return [this.hCarried, this.cCarried].map((s) => Float64Array.from({ length: n }, (_, e) => s[e * L + lane]!));
  }

  /** Releases the native tier's hold on the group's arrays (call when training is over). */
  release(): void {
    this.k.release();
  }

  resetStates(): void {
    this.hCarried.fill(0);
    this.cCarried.fill(0);
  }

  /**
   * One epoch of every lane, as FusedModel.trainEpochSync: lane l's rows in `orders[l]` (index order when
   * undefined), batches of the batch size, one optimizer step per batch. Writes each lane's row-averaged loss
   * into `losses`. `onBatch` hears the rows done after each step.
   */
  trainEpoch(x: Sequences, y: Float64Array, orders: readonly (Int32Array | undefined)[], resetEachBatch: boolean, losses: Float64Array, onBatch?: (rowsDone: number, rows: number) => void): void {
    const n = x.n;
    const B = this.s.batchSize;
    const total = this.total;
    total.fill(0);
    this.k.bind();
    for (let start = 0; start < n; start += B) {
      const rows = Math.min(B, n - start);
      if (resetEachBatch) this.resetStates();
      this.gather(x, y, orders, start, rows);
      if (this.stepSizes !== null) {
        // forward, lossAndGradient and backward below, in C (the same bits; lane-kernels.ts).
        this.stepSizes[0] = rows;
        this.k.step(this.stepSizes, this.lossSum);
      } else {
        this.forward(rows);
        this.lossAndGradient(rows);
        this.backward(rows);
      }
      this.optimizer.step(this.params, this.grads, this.native);
      for (let l = 0; l < this.lanes; l++) total[l] = total[l]! + this.lossSum[l]! * rows;
      onBatch?.(start + rows, n);
    }
    for (let l = 0; l < this.lanes; l++) losses[l] = total[l]! / n;
  }

  /** model.ts gather, per lane: rows order[start..start+rows) of x and y into the time-major batch buffers. */
  private gather(x: Sequences, y: Float64Array, orders: readonly (Int32Array | undefined)[], start: number, rows: number): void {
    const { steps: T, features: F, denseUnits: d } = this.s;
    const L = this.width;
    const xd = x.data;
    for (let l = 0; l < this.lanes; l++) {
      const order = orders[l];
      for (let b = 0; b < rows; b++) {
        const r = order === undefined ? start + b : order[start + b]!;
        for (let t = 0; t < T; t++) {
          const src = (r * T + t) * F;
          const dst = (t * rows + b) * F;
          for (let f = 0; f < F; f++) this.input[(dst + f) * L + l] = xd[src + f]!;
        }
        for (let j = 0; j < d; j++) this.targets[(b * d + j) * L + l] = y[r * d + j]!;
      }
    }
  }

  /** recurrent.ts forward + layer-lstm.ts steps + layer-dense.ts forward, every lane. */
  private forward(rows: number): void {
    const { steps: T, features: F, units: u, denseUnits: d, stateful } = this.s;
    const L = this.width;
    const w = 4 * u;
    const n = rows * u * L;
    const p = this.params;
    if (stateful) {
      this.hInitial.set(this.hCarried);
      this.cInitial.set(this.cCarried);
    } else {
      this.hInitial.fill(0, 0, n);
      this.cInitial.fill(0, 0, n);
    }
    this.k.fillRows(this.gates, 0, T * rows, w, p, this.bOff);
    this.k.mul(this.gates, 0, w, this.input, 0, F, 1, p, this.kOff, w, 1, T * rows, w, F, true);
    for (let t = 0; t < T; t++) {
      const hPrev = t === 0 ? this.hInitial : this.hHistory;
      const prevOff = t === 0 ? 0 : (t - 1) * rows * u;
      this.k.mul(this.gates, t * rows * w, w, hPrev, prevOff, u, 1, p, this.rOff, w, 1, rows, w, u, true);
      this.cellForward(t, rows);
    }
    const lastOff = (T - 1) * rows * u;
    if (stateful) {
      this.hCarried.set(this.hHistory.subarray(lastOff * L, lastOff * L + n));
      this.cCarried.set(this.cHistory.subarray(lastOff * L, lastOff * L + n));
    }
    // Dense on the last step's h (the single path copies it into lastOutput first: same values).
    this.k.fillRows(this.preact, 0, rows, d, p, this.dbOff);
    this.k.mul(this.preact, 0, d, this.hHistory, lastOff, u, 1, p, this.dkOff, d, 1, rows, d, u, true);
    const act = this.s.denseActivation;
    if (act !== Act.Linear) {
      const all = rows * d * L;
      for (let e = 0; e < all; e++) this.output[e] = this.preact[e]!;
      for (let e = 0; e < all; e++) this.output[e] = activate(act, this.output[e]!);
    }
  }

  /** cell-kernels.ts lstmForwardStep (its JS loop), every lane. */
  private cellForward(t: number, rows: number): void {
    const { units: u, activation: act, recurrentActivation: rec } = this.s;
    const L = this.width;
    // Only the real lanes: padding lanes keep zeros (their gradients are zero whatever their gates hold).
    const real = this.lanes;
    const w = 4 * u;
    const z = this.gates;
    const cHist = this.cHistory;
    const hHist = this.hHistory;
    const actCell = this.actCell;
    const cPrev = t === 0 ? this.cInitial : cHist;
    const cPrevOff = t === 0 ? 0 : (t - 1) * rows * u;
    const kerasDefaults = act === Act.Tanh && rec === Act.Sigmoid;
    if (kerasDefaults && this.k.lstmForward(z, cPrev, cHist, actCell, hHist, t * rows * w, cPrevOff, t * rows * u, rows, u)) return;
    for (let b = 0; b < rows; b++) {
      const gateRow = (t * rows + b) * w;
      const stateRow = (t * rows + b) * u;
      const prevRow = cPrevOff + b * u;
      for (let j = 0; j < u; j++) {
        const zi = (gateRow + j) * L;
        const zf = (gateRow + u + j) * L;
        const zg = (gateRow + 2 * u + j) * L;
        const zo = (gateRow + 3 * u + j) * L;
        const sj = (stateRow + j) * L;
        const pj = (prevRow + j) * L;
        if (kerasDefaults) {
          // Keras' defaults spelled out as cell-kernels.ts does (the same expressions, so the same bits).
          for (let l = 0; l < real; l++) {
            const ig = 1 / (1 + Math.exp(-z[zi + l]!));
            const fg = 1 / (1 + Math.exp(-z[zf + l]!));
            const gg = Math.tanh(z[zg + l]!);
            const og = 1 / (1 + Math.exp(-z[zo + l]!));
            z[zi + l] = ig;
            z[zf + l] = fg;
            z[zg + l] = gg;
            z[zo + l] = og;
            const cv = fg * cPrev[pj + l]! + ig * gg;
            cHist[sj + l] = cv;
            const a = Math.tanh(cv);
            actCell[sj + l] = a;
            hHist[sj + l] = og * a;
          }
        } else {
          for (let l = 0; l < real; l++) {
            const ig = activate(rec, z[zi + l]!);
            const fg = activate(rec, z[zf + l]!);
            const gg = activate(act, z[zg + l]!);
            const og = activate(rec, z[zo + l]!);
            z[zi + l] = ig;
            z[zf + l] = fg;
            z[zg + l] = gg;
            z[zo + l] = og;
            const cv = fg * cPrev[pj + l]! + ig * gg;
            cHist[sj + l] = cv;
            const a = activate(act, cv);
            actCell[sj + l] = a;
            hHist[sj + l] = og * a;
          }
        }
      }
    }
  }

  /** losses.ts lossAndGradient (mse, mae; no mask), every lane: per-lane sums into `lossSum`, gradients into dOut. */
  private lossAndGradient(rows: number): void {
    const L = this.width;
    const real = this.lanes;
    const all = rows * this.s.denseUnits;
    const count = all;
    const sums = this.lossSum;
    sums.fill(0);
    const out = this.output;
    const target = this.targets;
    const dOut = this.dOut;
    if (this.s.loss === 'mse') {
      const scale = 2 / count;
      for (let i = 0; i < all; i++) {
        for (let l = 0; l < real; l++) {
          const e = i * L + l;
          const dv = out[e]! - target[e]!;
          sums[l] = sums[l]! + dv * dv;
          dOut[e] = scale * dv;
        }
      }
    } else {
      const scale = 1 / count;
      for (let i = 0; i < all; i++) {
        for (let l = 0; l < real; l++) {
          const e = i * L + l;
          const dv = out[e]! - target[e]!;
          sums[l] = sums[l]! + Math.abs(dv);
          dOut[e] = dv > 0 ? scale : dv < 0 ? -scale : 0;
        }
      }
    }
    for (let l = 0; l < L; l++) sums[l] = sums[l]! / count;
  }

  /** layer-dense.ts backward, then recurrent.ts / layer-lstm.ts backward, every lane. */
  private backward(rows: number): void {
    const { steps: T, features: F, units: u, denseUnits: d, activation: act, recurrentActivation: rec } = this.s;
    const L = this.width;
    const w = 4 * u;
    const p = this.params;
    const g = this.grads;
    // Dense.
    const all = rows * d * L;
    const dact = this.s.denseActivation;
    if (dact === Act.Linear) for (let e = 0; e < all; e++) this.dz[e] = this.dOut[e]!;
    else for (let e = 0; e < all; e++) this.dz[e] = this.dOut[e]! * derivFromOutput(dact, this.output[e]!);
    const lastOff = (T - 1) * rows * u;
    // Kernel gradient Xᵀ·dz: X's element (i, p) of the transpose is X[p, i].
    this.k.mul(g, this.dkOff, d, this.hHistory, lastOff, 1, u, this.dz, 0, d, 1, u, d, rows, false);
    this.k.columnSums(g, this.dbOff, this.dz, 0, rows, d);
    // d(input) = dz·Wᵀ: Wᵀ's element (j, p) is W[p, j].
    this.k.mul(this.dLstmOut, 0, u, this.dz, 0, d, 1, p, this.dkOff, 1, d, rows, u, d, false);
    // LSTM, BPTT.
    const n = rows * u * L;
    this.dh.fill(0, 0, n);
    this.dc.fill(0, 0, n);
    const kerasDefaults = act === Act.Tanh && rec === Act.Sigmoid;
    const z = this.gates;
    const dz = this.dPreact;
    const dh = this.dh;
    const dc = this.dc;
    const actCell = this.actCell;
    const dAbove = this.dLstmOut;
    for (let t = T - 1; t >= 0; t--) {
      // The gradient from above reaches h only at the last step (returnSequences false); 0 + dh before it.
      const fromAbove = t === T - 1;
      const cPrev = t === 0 ? this.cInitial : this.cHistory;
      const cPrevOff = t === 0 ? 0 : (t - 1) * rows * u;
      const done = kerasDefaults && this.k.lstmBackward(fromAbove ? dAbove : null, dh, dc, z, actCell, cPrev, dz, t * rows * w, t * rows * u, cPrevOff, rows, u);
      for (let b = 0; b < rows && !done; b++) {
        const gateRow = (t * rows + b) * w;
        const stateRow = (t * rows + b) * u;
        for (let j = 0; j < u; j++) {
          const k = (b * u + j) * L;
          const zi = (gateRow + j) * L;
          const zf = (gateRow + u + j) * L;
          const zg = (gateRow + 2 * u + j) * L;
          const zo = (gateRow + 3 * u + j) * L;
          const sj = (stateRow + j) * L;
          const pk = (cPrevOff + b * u + j) * L;
          if (kerasDefaults) {
            for (let l = 0; l < L; l++) {
              const dhv = (fromAbove ? dAbove[k + l]! : 0) + dh[k + l]!;
              const ig = z[zi + l]!;
              const fg = z[zf + l]!;
              const gg = z[zg + l]!;
              const og = z[zo + l]!;
              const a = actCell[sj + l]!;
              // derivFromOutput spelled out: tanh 1 − y², sigmoid y·(1 − y).
              const dcv = dc[k + l]! + dhv * og * (1 - a * a);
              dz[zi + l] = dcv * gg * (ig * (1 - ig));
              dz[zf + l] = dcv * cPrev[pk + l]! * (fg * (1 - fg));
              dz[zg + l] = dcv * ig * (1 - gg * gg);
              dz[zo + l] = dhv * a * (og * (1 - og));
              dc[k + l] = dcv * fg;
            }
          } else {
            for (let l = 0; l < L; l++) {
              const dhv = (fromAbove ? dAbove[k + l]! : 0) + dh[k + l]!;
              const ig = z[zi + l]!;
              const fg = z[zf + l]!;
              const gg = z[zg + l]!;
              const og = z[zo + l]!;
              const a = actCell[sj + l]!;
              const dcv = dc[k + l]! + dhv * og * derivFromOutput(act, a);
              dz[zi + l] = dcv * gg * derivFromOutput(rec, ig);
              dz[zf + l] = dcv * cPrev[pk + l]! * derivFromOutput(rec, fg);
              dz[zg + l] = dcv * ig * derivFromOutput(act, gg);
              dz[zo + l] = dhv * a * derivFromOutput(rec, og);
              dc[k + l] = dcv * fg;
            }
          }
        }
      }
      // dh(t−1) = dZ(t)·Rᵀ (none at step 0: the initial state is a constant).
      if (t > 0) this.k.mul(dh, 0, u, dz, t * rows * w, w, 1, p, this.rOff, 1, w, rows, u, w, false);
    }
    const allRows = T * rows;
    // dW = Xᵀ·dZ over all steps.
    this.k.mul(g, this.kOff, w, this.input, 0, 1, F, dz, 0, w, 1, F, w, allRows, false);
    // dR = h(−1)ᵀ·dZ(0) + h(0..T−2)ᵀ·dZ(1..T−1).
    this.k.mul(g, this.rOff, w, this.hInitial, 0, 1, u, dz, 0, w, 1, u, w, rows, false);
    if (T > 1) this.k.mul(g, this.rOff, w, this.hHistory, 0, 1, u, dz, rows * w, w, 1, u, w, (T - 1) * rows, true);
    this.k.columnSums(g, this.bOff, dz, 0, allRows, w);
  }
}
