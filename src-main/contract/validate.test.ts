import { describe, expect, it } from 'vitest';
import { LabError } from './errors.js';
import { parseSpec } from './validate.js';

const base = () => ({
  name: 'shampoo-lstm',
  data: { kind: 'csv', path: 'x.csv', column: 'Sales' },
  preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag: 1 } }, { minmax: {} }],
  model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
  training: { epochs: 10 },
  evaluation: { protocol: 'walk-forward', testSize: 12 },
  seed: 3,
});

function errorOf(input: unknown): LabError {
  try {
    parseSpec(input);
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

describe('experiment spec', () => {
  it('fills every default that affects a result (Keras semantics)', () => {
    const spec = parseSpec(base());
    expect(spec.model.layers[0]).toEqual({
      lstm: {
        units: 4, activation: 'tanh', recurrentActivation: 'sigmoid', unitForgetBias: true, kernelInitializer: 'glorotUniform',
        recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', useBias: true, returnSequences: false, stateful: true,
      },
    });
    expect(spec.training).toEqual({
      epochs: 10, batchSize: 1, shuffle: false, resetStates: 'epoch', loss: 'mse',
      optimizer: { adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
    });
    expect(spec.preprocessing[2]).toEqual({ minmax: { min: -1, max: 1 } });
    expect(spec).toMatchObject({ repeats: 30, seed: 3, engine: 'auto', backend: 'auto', precision: 'float32', kernels: 'auto' });
    // The stored (parsed) spec parses to itself.
    expect(parseSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it('names the path and suggests the key for a typo', () => {
    const input = base();
    (input.model.layers[0] as Record<string, unknown>).lstm = { unit: 4 };
    const error = errorOf(input);
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.details).toContain('model.layers[0].lstm.unit: unknown key, did you mean units?');
  });

  it('names a misspelt layer kind and a wrong type', () => {
    const input = base();
    input.model.layers[0] = { lstmm: { units: 4 } } as never;
    expect(errorOf(input).details).toContain('model.layers[0].lstmm: unknown key, did you mean lstm?');
    const typed = base() as Record<string, unknown>;
    typed.training = { epochs: 'many' };
    expect(errorOf(typed).message).toMatch(/^spec: training\.epochs: .*number/);
  });

  it('rejects epochs = 0 naming training.epochs', () => {
    const input = base();
    input.training.epochs = 0;
    expect(errorOf(input).message).toBe('spec: training.epochs: epochs must be at least 1');
  });

  it('rejects a layer object with two kinds', () => {
    const input = base();
    input.model.layers[1] = { dense: { units: 1 }, lstm: { units: 1 } } as never;
    expect(errorOf(input).message).toMatch(/model\.layers\[1\]: a layer holds exactly one kind/);
  });
});
