import { describe, expect, it } from 'vitest';
import { layerOf } from '../contract/layers.js';
import { LayerSpec } from '../contract/layer-kinds/registry.js';
import { cellFormulas, stepCell } from './cell-steps.js';

// Hand-worked oracle: the same two steps computed with Python's math module (sigmoid = 1/(1+e^−x)), one unit,
// one feature, inputs 0.5 then −1.0; values printed with repr and pasted here. Tolerance 1e-15: the same
// float64 operations in the same order.
const cell = (spec: unknown) => layerOf(LayerSpec.parse(spec)) as Parameters<typeof stepCell>[0];
const f64 = (...v: number[]) => Float64Array.from(v);
const x = f64(0.5, -1.0);

describe('cell lab steps (hand-worked)', () => {
  it('LSTM: gates i, f, c̃, o, the carried c and h', () => {
    const trace = stepCell(cell({ lstm: { units: 1 } }), { kernel: f64(0.1, 0.2, 0.3, 0.4), recurrentKernel: f64(0.5, 0.6, 0.7, 0.8), bias: f64(0, 1, 0, 0) }, x, 1);
    const [s0, s1] = trace.steps;
    expect(s0!.gates.i![0]).toBeCloseTo(0.5124973964842103, 15);
    expect(s0!.gates.f![0]).toBeCloseTo(0.7502601055951177, 15);
    expect(s0!.gates['c̃']![0]).toBeCloseTo(0.14888503362331798, 15);
    expect(s0!.gates.o![0]).toBeCloseTo(0.549833997312478, 15);
    expect(s0!.preActivations.f![0]).toBeCloseTo(1.1, 15);
    expect(s0!.state.c![0]).toBeCloseTo(0.07630319210741458, 15);
    expect(s0!.output[0]).toBeCloseTo(0.04187285691884926, 15);
    expect(s1!.gates.i![0]).toBeCloseTo(0.48024439714522316, 15);
    expect(s1!.gates.f![0]).toBeCloseTo(0.6953228786967677, 15);
    expect(s1!.gates['c̃']![0]).toBeCloseTo(-0.2642658349279848, 15);
    expect(s1!.gates.o![0]).toBeCloseTo(0.40938660036574226, 15);
    expect(s1!.state.c![0]).toBeCloseTo(-0.07385683139118912, 15);
    expect(s1!.output[0]).toBeCloseTo(-0.030181139386184438, 15);
  });

  it('GRU with reset_after (bias [2, 3u]) and without', () => {
    const weights = { kernel: f64(0.3, -0.2, 0.5), recurrentKernel: f64(0.4, 0.1, -0.6) };
    const after = stepCell(cell({ gru: { units: 1 } }), { ...weights, bias: f64(0.1, 0.2, 0.3, -0.1, 0.05, 0.2) }, x, 1);
    expect(after.steps[0]!.gates.z![0]).toBeCloseTo(0.5374298453437496, 15);
    expect(after.steps[0]!.gates['h̃']![0]).toBeCloseTo(0.5766879034126261, 15);
    expect(after.steps[0]!.output[0]).toBeCloseTo(0.26675861266996725, 15);
    expect(after.steps[1]!.gates.z![0]).toBeCloseTo(0.45182576468003804, 15);
    expect(after.steps[1]!.gates.r![0]).toBeCloseTo(0.6169626211803613, 15);
    expect(after.steps[1]!.gates['h̃']![0]).toBeCloseTo(-0.17357999843267458, 15);
    expect(after.steps[1]!.output[0]).toBeCloseTo(0.02537633124692247, 15);
    const before = stepCell(cell({ gru: { units: 1, resetAfter: false } }), { ...weights, bias: f64(0.1, 0.2, 0.3) }, x, 1);
    expect(before.steps.map((s) => s.output[0])).toEqual([expect.closeTo(0.21913951024068815, 15), expect.closeTo(-0.040398688752277534, 15)]);
  });

  it('SimpleRNN, a length shorter than the steps, and the formulas name the layer’s activations', () => {
    const trace = stepCell(cell({ simpleRNN: { units: 1 } }), { kernel: f64(2), recurrentKernel: f64(0.5), bias: f64(0.1) }, x, 1, 1);
    expect(trace.steps).toHaveLength(1);
    expect(trace.steps[0]!.output[0]).toBeCloseTo(Math.tanh(1.1), 15);
    expect(cellFormulas(cell({ lstm: { units: 2, recurrentActivation: 'hardSigmoid' } }))[0]).toBe('i_t = hard_σ(x_t·W_i + h_{t−1}·U_i + b_i)');
    expect(cellFormulas(cell({ gru: { units: 2 } }))[2]).toBe('h̃_t = tanh(x_t·W_h + b_h + r_t ⊙ (h_{t−1}·U_h + b′_h))');
  });
});
