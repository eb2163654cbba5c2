/**
 * The element-wise kernels of the recurrent cells, behind one interface like {@link mulInto}: on the native tier
 * (engine/kernels/) and from a size where the call pays, the addon runs them (vectorised exp/tanh, float64
 * arithmetic for both storages); otherwise the JS loops here, which are the reference and stay bit for bit what
 * the cells computed before the tiers existed. Only Keras' default activations (tanh, sigmoid) have native
 * versions; other activations always run here.
 */
import { Act, activate, activateInPlace, derivFromOutput } from './activations.js';
import { activeNative, kernelArgs, tierState } from './kernel-tier.js';
import type { Vec } from './types.js';

// The sizes from which a tier's kernels are called are the active tier's `limits` (engine/kernels/tiers.ts,
// measured per tier with bench/cell-crossover.ts); below them the JS loops here run on every tier.

const sameType = (a: Vec, b: Vec) => a instanceof Float64Array === b instanceof Float64Array;

/** dst[dstOff + i] = act(src[srcOff + i]) for i < n (element-wise codes only; dst may be src). */
export function activateCopy(code: Act, src: Vec, srcOff: number, dst: Vec, dstOff: number, n: number): void {
  const native = activeNative();
  if (native !== null && n >= tierState.limits.values && (code === Act.Tanh || code === Act.Sigmoid) && sameType(src, dst)) {
    const g = kernelArgs;
    g[0] = code === Act.Tanh ? 0 : 1; g[1] = srcOff; g[2] = dstOff; g[3] = n;
    native.activate(src, dst);
    return;
  }
  if (src !== dst || srcOff !== dstOff) for (let i = 0; i < n; i++) dst[dstOff + i] = src[srcOff + i]!;
  activateInPlace(code, dst, dstOff, n);
}

/**
 * One SimpleRNN step backward, element-wise: dz[zOff + i] = (dOut[dOutOff + i] (0 when dOut is null) + dh[i]) ·
 * act'(h[zOff + i]) for i < n, the derivative written through the saved output h.
 */
export function rnnBackwardStep(dOut: Vec | null, dOutOff: number, dh: Vec, h: Vec, dz: Vec, zOff: number, n: number, act: Act): void {
  const native = activeNative();
  if (native !== null && n >= tierState.limits.values && (act === Act.Tanh || act === Act.Sigmoid) && sameType(h, dh) && sameType(h, dz) && (dOut === null || sameType(h, dOut))) {
    const g = kernelArgs;
    g[0] = dOutOff; g[1] = zOff; g[2] = n; g[3] = act === Act.Tanh ? 0 : 1;
    native.rnnBackward(dOut, dh, h, dz);
    return;
  }
  for (let i = 0; i < n; i++) dz[zOff + i] = ((dOut === null ? 0 : dOut[dOutOff + i]!) + dh[i]!) * derivFromOutput(act, h[zOff + i]!);
}

/**
 * One LSTM step forward over `batch` rows of `u` units, gates in Keras order i, f, c, o: `z` from `zOff` holds
 * [batch, 4u] pre-activations and gets the gate outputs; `cPrev` from `cPrevOff` is c(t − 1) [batch, u]; writes
 * c(t) = f·c(t−1) + i·g into `c`, act(c(t)) into `actCell` and h(t) = o·act(c(t)) into `h`, each from `stateOff`.
 */
export function lstmForwardStep(
  z: Vec, zOff: number, cPrev: Vec, cPrevOff: number, c: Vec, actCell: Vec, h: Vec, stateOff: number,
  batch: number, u: number, act: Act, rec: Act,
): void {
  const kerasDefaults = act === Act.Tanh && rec === Act.Sigmoid;
  const native = activeNative();
  if (native !== null && kerasDefaults && batch * u >= tierState.limits.cellsForward && sameType(z, cPrev) && sameType(z, h)) {
    const g = kernelArgs;
    g[0] = zOff; g[1] = cPrevOff; g[2] = stateOff; g[3] = batch; g[4] = u;
    native.lstmForward(z, cPrev, c, actCell, h);
    return;
  }
  const w = 4 * u;
  for (let b = 0; b < batch; b++) {
    const gateRow = zOff + b * w; // i, f, g, o of row b: u values each
    const stateRow = stateOff + b * u;
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
        ig = activate(rec, z[gateRow + j]!);
        fg = activate(rec, z[gateRow + u + j]!);
        gg = activate(act, z[gateRow + 2 * u + j]!);
        og = activate(rec, z[gateRow + 3 * u + j]!);
      }
      z[gateRow + j] = ig;
      z[gateRow + u + j] = fg;
      z[gateRow + 2 * u + j] = gg;
      z[gateRow + 3 * u + j] = og;
      const cv = fg * cPrev[prevRow + j]! + ig * gg;
      c[stateRow + j] = cv;
      const a = kerasDefaults ? Math.tanh(cv) : activate(act, cv);
      actCell[stateRow + j] = a;
      h[stateRow + j] = og * a;
    }
  }
}

/**
 * One LSTM step backward, element-wise part, over `batch` rows of `u` units: the gradient arriving at h(t) is
 * `dOut` from `dOutOff` (null: none at this step) plus `dh`; with `dc` (both [batch, u] from 0), the saved gate
 * outputs `z` and `actCell` (from `zOff` / `stateOff`) and c(t − 1) (`cPrev` from `cPrevOff`), writes the gate
 * pre-activation gradients into `dz` from `zOff` and leaves dc's direct part for t − 1 in `dc`.
 */
export function lstmBackwardStep(
  dOut: Vec | null, dOutOff: number, dh: Vec, dc: Vec, z: Vec, zOff: number, actCell: Vec, stateOff: number,
  cPrev: Vec, cPrevOff: number, dz: Vec, batch: number, u: number, act: Act, rec: Act,
): void {
  const native = activeNative();
  if (native !== null && act === Act.Tanh && rec === Act.Sigmoid && batch * u >= tierState.limits.cellsBackward && sameType(z, dh) && sameType(z, cPrev) && (dOut === null || sameType(z, dOut))) {
    const g = kernelArgs;
    g[0] = dOutOff; g[1] = zOff; g[2] = stateOff; g[3] = cPrevOff; g[4] = batch; g[5] = u;
    native.lstmBackward(dOut, dh, dc, z, actCell, cPrev, dz);
    return;
  }
  const w = 4 * u;
  for (let b = 0; b < batch; b++) {
    const gateRow = zOff + b * w;
    const stateRow = stateOff + b * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const dhv = (dOut === null ? 0 : dOut[dOutOff + k]!) + dh[k]!;
      const ig = z[gateRow + j]!;
      const fg = z[gateRow + u + j]!;
      const gg = z[gateRow + 2 * u + j]!;
      const og = z[gateRow + 3 * u + j]!;
      const a = actCell[stateRow + j]!;
      const dcv = dc[k]! + dhv * og * derivFromOutput(act, a);
      dz[gateRow + j] = dcv * gg * derivFromOutput(rec, ig);
      dz[gateRow + u + j] = dcv * cPrev[cPrevOff + k]! * derivFromOutput(rec, fg);
      dz[gateRow + 2 * u + j] = dcv * ig * derivFromOutput(act, gg);
      dz[gateRow + 3 * u + j] = dhv * a * derivFromOutput(rec, og);
      dc[k] = dcv * fg;
    }
  }
}

/**
 * One GRU step forward with reset_after (Keras' default), over `batch` rows of `u` units: `z` from `zOff` holds
 * x·W + b [batch, 3u] (update, reset, candidate blocks) and gets z, r and the candidate hh; `rec` [batch, 3u]
 * from 0 holds h(t−1)·R + b_rec; `hPrev` from `hPrevOff` is h(t−1). Writes rec's candidate block into `cand` and
 * h(t) = z·h(t−1) + (1 − z)·hh into `h`, both from `stateOff`.
 */
export function gruForwardResetAfter(
  z: Vec, zOff: number, rec: Vec, hPrev: Vec, hPrevOff: number, cand: Vec, h: Vec, stateOff: number,
  batch: number, u: number, act: Act, recAct: Act,
): void {
  const native = activeNative();
  if (native !== null && act === Act.Tanh && recAct === Act.Sigmoid && batch * u >= tierState.limits.cellsForward && sameType(z, rec) && sameType(z, hPrev) && sameType(z, h)) {
    const g = kernelArgs;
    g[0] = zOff; g[1] = hPrevOff; g[2] = stateOff; g[3] = batch; g[4] = u;
    native.gruForward(z, rec, hPrev, cand, h);
    return;
  }
  const w = 3 * u;
  for (let b = 0; b < batch; b++) {
    const gateRow = zOff + b * w;
    const recRow = b * w;
    const stateRow = stateOff + b * u;
    const prevRow = hPrevOff + b * u;
    for (let j = 0; j < u; j++) {
      const zg = activate(recAct, z[gateRow + j]! + rec[recRow + j]!);
      const rg = activate(recAct, z[gateRow + u + j]! + rec[recRow + u + j]!);
      const rh = rec[recRow + 2 * u + j]!;
      const hh = activate(act, z[gateRow + 2 * u + j]! + rg * rh);
      z[gateRow + j] = zg;
      z[gateRow + u + j] = rg;
      z[gateRow + 2 * u + j] = hh;
      cand[stateRow + j] = rh;
      h[stateRow + j] = zg * hPrev[prevRow + j]! + (1 - zg) * hh;
    }
  }
}
