import type { Activation, LayerOf } from '../contract/layers.js';
import type { CellKind, CellStep, CellTrace } from '../contract/cell-lab.js';
import { actCode, activate } from './fused/activations.js';

// The cell lab's arithmetic (seeds 000/001 compute cells by hand in numpy): one recurrent cell stepped through
// time in plain float64 loops, keeping every gate's pre-activation and value. Written independently of the
// engines' fused kernels on purpose — the service checks this against the engine's own output, so the
// formulas a student reads are shown to be the ones that trained.

/** A recurrent layer's weights in Keras layout: kernel [in, G·u], recurrent kernel [u, G·u], bias [G·u] or [2, 3u] (GRU reset_after). */
export interface CellWeights {
  readonly kernel: Float64Array;
  readonly recurrentKernel: Float64Array;
  readonly bias?: Float64Array;
}

type Recurrent = Extract<LayerOf, { kind: CellKind }>;

/** Gate names per cell kind, in Keras' weight order. */
export const GATES: Readonly<Record<CellKind, readonly string[]>> = { lstm: ['i', 'f', 'c̃', 'o'], gru: ['z', 'r', 'h̃'], simpleRNN: ['h'] };

const NAMES: Record<Activation, string> = { tanh: 'tanh', sigmoid: 'σ', hardSigmoid: 'hard_σ', relu: 'relu', linear: '', softmax: 'softmax' };

/** The formulas of one step, with the layer's own activations (σ = sigmoid), W = kernel, U = recurrent kernel. */
export function cellFormulas(layer: Recurrent): string[] {
  const f = NAMES[layer.config.activation];
  const b = layer.config.useBias;
  const plus = (name: string) => (b ? ` + b_${name}` : '');
  if (layer.kind === 'simpleRNN') return [`h_t = ${f}(x_t·W + h_{t−1}·U${b ? ' + b' : ''})`];
  const s = NAMES[layer.config.recurrentActivation];
  if (layer.kind === 'lstm') {
    return [
      `i_t = ${s}(x_t·W_i + h_{t−1}·U_i${plus('i')})`,
      `f_t = ${s}(x_t·W_f + h_{t−1}·U_f${plus('f')})`,
      `c̃_t = ${f}(x_t·W_c + h_{t−1}·U_c${plus('c')})`,
      `o_t = ${s}(x_t·W_o + h_{t−1}·U_o${plus('o')})`,
      'c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t',
      `h_t = o_t ⊙ ${f}(c_t)`,
    ];
  }
  const after = layer.config.resetAfter;
  return [
    `z_t = ${s}(x_t·W_z + h_{t−1}·U_z${b ? (after ? ' + b_z + b′_z' : ' + b_z') : ''})`,
    `r_t = ${s}(x_t·W_r + h_{t−1}·U_r${b ? (after ? ' + b_r + b′_r' : ' + b_r') : ''})`,
    after
      ? `h̃_t = ${f}(x_t·W_h${b ? ' + b_h' : ''} + r_t ⊙ (h_{t−1}·U_h${b ? ' + b′_h' : ''}))`
      : `h̃_t = ${f}(x_t·W_h + (r_t ⊙ h_{t−1})·U_h${plus('h')})`,
    'h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t',
  ];
}

/** x·M[:, offset : offset + u] for a row-major M with `width` columns. */
function rowTimes(x: ArrayLike<number>, m: Float64Array, width: number, offset: number, u: number): number[] {
  const out = new Array<number>(u).fill(0);
  for (let k = 0; k < x.length; k++) {
    const xk = x[k]!;
    if (xk === 0) continue;
    const row = k * width + offset;
    for (let j = 0; j < u; j++) out[j]! += xk * m[row + j]!;
  }
  return out;
}

const add = (a: number[], b: readonly number[]): number[] => a.map((v, j) => v + b[j]!);
const biasPart = (bias: Float64Array | undefined, offset: number, u: number): number[] => (bias ? Array.from(bias.subarray(offset, offset + u)) : new Array<number>(u).fill(0));

/**
 * Steps `layer` through `inputs` (steps × features, row-major) from zero state, for `length` steps (default all):
 * every step's input, gate pre-activations and values, carried state and output, in float64.
 */
export function stepCell(layer: Recurrent, w: CellWeights, inputs: Float64Array, features: number, length?: number): Omit<CellTrace, 'engineCheck' | 'formulas' | 'source' | 'cells'> {
  const u = layer.config.units;
  const act = actCode(layer.config.activation);
  const gateCount = GATES[layer.kind].length;
  const width = gateCount * u;
  const steps = length ?? inputs.length / features;
  let h = new Array<number>(u).fill(0);
  let c = new Array<number>(u).fill(0);
  const out: CellStep[] = [];
  for (let t = 0; t < steps; t++) {
    const x = inputs.subarray(t * features, (t + 1) * features);
    const pre: Record<string, number[]> = {};
    const gates: Record<string, number[]> = {};
    if (layer.kind === 'simpleRNN') {
      const z = add(add(rowTimes(x, w.kernel, width, 0, u), rowTimes(h, w.recurrentKernel, width, 0, u)), biasPart(w.bias, 0, u));
      pre.h = z;
      h = z.map((v) => activate(act, v));
      gates.h = h;
    } else if (layer.kind === 'lstm') {
      const rec = actCode(layer.config.recurrentActivation);
      GATES.lstm.forEach((g, gi) => {
        const z = add(add(rowTimes(x, w.kernel, width, gi * u, u), rowTimes(h, w.recurrentKernel, width, gi * u, u)), biasPart(w.bias, gi * u, u));
        pre[g] = z;
        gates[g] = z.map((v) => activate(g === 'c̃' ? act : rec, v));
      });
      c = c.map((cp, j) => gates.f![j]! * cp + gates.i![j]! * gates['c̃']![j]!);
      h = c.map((cj, j) => gates.o![j]! * activate(act, cj));
    } else {
      const rec = actCode(layer.config.recurrentActivation);
      const after = layer.config.resetAfter;
      // reset_after: bias [2, 3u], row 0 with the input part, row 1 with the recurrent part (inside r ⊙ (…)).
      const inBias = (gi: number) => biasPart(w.bias, gi * u, u);
      const recBias = (gi: number) => (after ? biasPart(w.bias, width + gi * u, u) : new Array<number>(u).fill(0));
      const xPart = (gi: number) => add(rowTimes(x, w.kernel, width, gi * u, u), inBias(gi));
      for (const gi of [0, 1]) {
        const z = add(add(xPart(gi), rowTimes(h, w.recurrentKernel, width, gi * u, u)), recBias(gi));
        pre[GATES.gru[gi]!] = z;
        gates[GATES.gru[gi]!] = z.map((v) => activate(rec, v));
      }
      const r = gates.r!;
      const hPre = after
        ? add(xPart(2), add(rowTimes(h, w.recurrentKernel, width, 2 * u, u), recBias(2)).map((v, j) => r[j]! * v))
        : add(xPart(2), rowTimes(h.map((v, j) => r[j]! * v), w.recurrentKernel, width, 2 * u, u));
      pre['h̃'] = hPre;
      gates['h̃'] = hPre.map((v) => activate(act, v));
      const zg = gates.z!;
      h = h.map((hp, j) => zg[j]! * hp + (1 - zg[j]!) * gates['h̃']![j]!);
    }
    out.push({ t, input: Array.from(x), preActivations: pre, gates, state: layer.kind === 'lstm' ? { h: [...h], c: [...c] } : { h: [...h] }, output: [...h] });
  }
  return { kind: layer.kind, units: u, features, gates: GATES[layer.kind], steps: out };
}
