/**
 * The lane products of a lockstep group on its tier: the native tier's exact kernels (native/src/exact-kernel.inc,
 * the same bits as lane-products.ts's loops, vectorised across lanes) where the addon has them, else those loops.
 * Because both give the same numbers, the choice never changes a result; on the native tier it removes most of
 * a shampoo step's JS loop overhead (bench: shampoo lockstep). The group's arrays are bound with the addon once
 * (NativeAddon.bindLanes) and named by index, which keeps each call's N-API cost near that of a call with no
 * arguments.
 */
import type { NativeAddon } from '../../kernels/native-addon.js';
import { argsFor, bindLanesFor, unbindLanesFor } from '../kernel-tier.js';
import type { Vec } from '../types.js';
import { columnSumsLanes, fillRowsLanes, mulLanes } from './lane-products.js';

/** Lane products for `lanes` lanes over a fixed set of arrays, on `native`'s exact kernels when it has them. */
export class LaneKernels {
  private readonly native: NativeAddon | null;
  private readonly args: Int32Array | null;
  private readonly ids = new Map<Vec, number>();

  /** Whether `native` has the exact lane kernels (else the JS loops run). */
  static available(native: NativeAddon | null): native is NativeAddon {
    return native !== null && native.bindLanes !== undefined && native.mulLanes !== undefined && native.fillRowsLanes !== undefined &&
      native.columnSumsLanes !== undefined && native.lstmBackwardLanes !== undefined && native.lstmForwardLanes !== undefined;
  }

  /** `arrays`: every array the products below are given (at most 32, one type). */
  constructor(native: NativeAddon | null, readonly lanes: number, private readonly arrays: readonly Vec[]) {
    const exact = LaneKernels.available(native) && arrays.length <= 32;
    this.native = exact ? native : null;
    this.args = exact ? argsFor(native!) : null;
    arrays.forEach((a, i) => this.ids.set(a, i));
  }

  /** Whether the exact native kernels run (else the JS loops). */
  get onNative(): boolean {
    return this.native !== null;
  }

  /** Whether {@link step} runs (the addon has the whole-step kernel). */
  get canStep(): boolean {
    return this.native?.lockstepStep !== undefined;
  }

  /**
   * One whole step of an LSTM → linear Dense group natively (NativeAddon.lockstepStep): `sizes` are its 14
   * arguments; the arrays must have been given to the constructor in lstm-dense.ts's LOCKSTEP_ARRAYS order.
   */
  step(sizes: Int32Array, lossSum: Float64Array): void {
    this.args!.set(sizes);
    this.native!.lockstepStep!(lossSum);
  }

  /** Binds the arrays with the addon unless they are still bound (call before a pass: another group may have bound its own). */
  bind(): void {
    if (this.native !== null) bindLanesFor(this.native, this, () => this.arrays);
  }

  /** Lets the addon drop its references to the arrays (when the group is done). */
  release(): void {
    if (this.native !== null) unbindLanesFor(this.native, this);
  }

  private id(v: Vec): number {
    const id = this.ids.get(v);
    if (id === undefined) throw new RangeError('LaneKernels: an array not given to the constructor');
    return id;
  }

  /** mulLanes (lane-products.ts), same arguments without `lanes`. */
  mul(c: Vec, cOff: number, cRow: number, a: Vec, aOff: number, aRow: number, aCol: number, b: Vec, bOff: number, bRow: number, bCol: number, m: number, n: number, k: number, accumulate: boolean): void {
    const native = this.native;
    if (native === null) return mulLanes(c, cOff, cRow, a, aOff, aRow, aCol, b, bOff, bRow, bCol, m, n, k, accumulate, this.lanes);
    const g = this.args!;
    g[0] = cOff;
    g[1] = cRow;
    g[2] = aOff;
    g[3] = aRow;
    g[4] = aCol;
    g[5] = bOff;
    g[6] = bRow;
    g[7] = bCol;
    g[8] = m;
    g[9] = n;
    g[10] = k;
    g[11] = accumulate ? 1 : 0;
    g[12] = this.lanes;
    g[13] = this.id(c);
    g[14] = this.id(a);
    g[15] = this.id(b);
    native.mulLanes!();
  }

  /** fillRowsLanes (lane-products.ts), same arguments without `lanes`. */
  fillRows(c: Vec, cOff: number, rows: number, cols: number, bias: Vec, biasOff: number): void {
    const native = this.native;
    if (native === null) return fillRowsLanes(c, cOff, rows, cols, bias, biasOff, this.lanes);
    const g = this.args!;
    g[0] = cOff;
    g[1] = rows;
    g[2] = cols;
    g[3] = biasOff;
    g[4] = this.lanes;
    g[5] = this.id(c);
    g[6] = this.id(bias);
    native.fillRowsLanes!();
  }

  /** columnSumsLanes (lane-products.ts), same arguments without `lanes`. */
  columnSums(out: Vec, outOff: number, src: Vec, srcOff: number, rows: number, cols: number): void {
    const native = this.native;
    if (native === null) return columnSumsLanes(out, outOff, src, srcOff, rows, cols, this.lanes);
    const g = this.args!;
    g[0] = outOff;
    g[1] = srcOff;
    g[2] = rows;
    g[3] = cols;
    g[4] = this.lanes;
    g[5] = this.id(out);
    g[6] = this.id(src);
    native.columnSumsLanes!();
  }

  /**
   * The forward cell loop of one LSTM step with Keras' default activations (lstm-dense.ts), natively (V8's exp and
   * tanh, bit for bit): z from element `zOff` (pre-activations in, gate outputs out), cPrev from `cPrevOff`, c,
   * actCell and h from `stateOff`. False (nothing done) off the native tier: the caller runs its loop.
   */
  lstmForward(z: Vec, cPrev: Vec, c: Vec, actCell: Vec, h: Vec, zOff: number, cPrevOff: number, stateOff: number, rows: number, units: number): boolean {
    const native = this.native;
    if (native === null) return false;
    const g = this.args!;
    g[0] = zOff;
    g[1] = cPrevOff;
    g[2] = stateOff;
    g[3] = rows;
    g[4] = units;
    g[5] = this.lanes;
    g[6] = this.id(z);
    g[7] = this.id(cPrev);
    g[8] = this.id(c);
    g[9] = this.id(actCell);
    g[10] = this.id(h);
    native.lstmForwardLanes!();
    return true;
  }

  /**
   * The backward cell loop of one LSTM step with Keras' default activations (lstm-dense.ts), natively: z and dz
   * from element `zOff`, actCell from `stateOff`, cPrev from `cPrevOff`; dAbove (or null), dh, dc from 0.
   * False (nothing done) off the native tier: the caller runs its loop.
   */
  lstmBackward(dAbove: Vec | null, dh: Vec, dc: Vec, z: Vec, actCell: Vec, cPrev: Vec, dz: Vec, zOff: number, stateOff: number, cPrevOff: number, rows: number, units: number): boolean {
    const native = this.native;
    if (native === null) return false;
    const g = this.args!;
    g[0] = zOff;
    g[1] = stateOff;
    g[2] = cPrevOff;
    g[3] = rows;
    g[4] = units;
    g[5] = this.lanes;
    g[6] = dAbove === null ? -1 : this.id(dAbove);
    g[7] = this.id(dh);
    g[8] = this.id(dc);
    g[9] = this.id(z);
    g[10] = this.id(actCell);
    g[11] = this.id(cPrev);
    g[12] = this.id(dz);
    native.lstmBackwardLanes!();
    return true;
  }
}
