import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { defineLayerKind, layerKinds, layerOf, paramCount, registerLayerKind, unregisterLayerKind, weightShapes, type LayerSpec } from '../../contract/layers.js';
import { strictObject } from '../../contract/one-of.js';
import { parseSpec } from '../../contract/validate.js';
import { initialWeights } from '../init.js';
import { modelSummary } from '../summary.js';
import { buildTfjsModel } from '../tfjs/build.js';
import { engineProblem, stackUnsupported } from './index.js';

const INPUT = 7;
/** Keras' own parameter formulas (REFERENCE.md "Keras semantics"), written independently of the registry. */
const KERAS_COUNT: Record<string, { layer: LayerSpec; input: number; params: number; tfjs: boolean }> = {
  simpleRNN: { layer: { simpleRNN: { units: 5 } } as LayerSpec, input: INPUT, params: 5 * (INPUT + 5) + 5, tfjs: true },
  lstm: { layer: { lstm: { units: 5 } } as LayerSpec, input: INPUT, params: 4 * (5 * (INPUT + 5) + 5), tfjs: true },
  gru: { layer: { gru: { units: 5 } } as LayerSpec, input: INPUT, params: 3 * (5 * (INPUT + 5) + 2 * 5), tfjs: false },
  dense: { layer: { dense: { units: 3 } } as LayerSpec, input: INPUT, params: INPUT * 3 + 3, tfjs: true },
  embedding: { layer: { embedding: { inputDim: 11, outputDim: 4 } } as LayerSpec, input: 1, params: 44, tfjs: true },
  dropout: { layer: { dropout: { rate: 0.3 } } as LayerSpec, input: INPUT, params: 0, tfjs: true },
  bidirectional: { layer: { bidirectional: { layer: { lstm: { units: 5 } } } } as LayerSpec, input: INPUT, params: 2 * 4 * (5 * (INPUT + 5) + 5), tfjs: true },
};
// GRU with reset_before (tfjs' only GRU): 3·(u·(in+u) + u).
const GRU_RESET_BEFORE = { layer: { gru: { units: 5, resetAfter: false } } as LayerSpec, params: 3 * (5 * (INPUT + 5) + 5) };

const parsedLayers = (layers: unknown[]) => parseSpec({ name: 't', data: { kind: 'sine' }, model: { layers }, training: { epochs: 1 }, evaluation: { protocol: 'holdout-regression' } }, '').model;

describe('the layer registry, kind by kind', () => {
  it('has a Keras count for every registered kind (a new kind must add one here)', () => {
    expect(layerKinds().map((r) => r.kind).sort()).toEqual(Object.keys(KERAS_COUNT).sort());
  });

  for (const [kind, c] of Object.entries(KERAS_COUNT)) {
    it(`${kind}: summary count = sum of weight shapes = Keras formula${c.tfjs ? ' = tfjs countParams' : ''}`, () => {
      const model = parsedLayers([c.layer]);
      const l = layerOf(model.layers[0]!);
      const fromShapes = weightShapes(l, c.input).reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
      expect(fromShapes).toBe(c.params);
      expect(paramCount(l, c.input)).toBe(c.params);
      expect(modelSummary(model, { steps: 3, features: c.input }).total).toBe(c.params);
      const weights = initialWeights(model, c.input, 1);
      expect(weights.reduce((s, w) => s + w.values.length, 0)).toBe(c.params);
      if (c.tfjs) {
        const built = buildTfjsModel(model, { batchSize: 2, steps: 3, features: c.input }, weights);
        expect(built.countParams()).toBe(c.params);
        built.dispose();
      }
    });
  }

  it('gru with resetAfter false: the same three counts and tfjs agree', () => {
    const model = parsedLayers([GRU_RESET_BEFORE.layer]);
    expect(modelSummary(model, { steps: 3, features: INPUT }).total).toBe(GRU_RESET_BEFORE.params);
    const built = buildTfjsModel(model, { batchSize: 2, steps: 3, features: INPUT }, initialWeights(model, INPUT, 1));
    expect(built.countParams()).toBe(GRU_RESET_BEFORE.params);
    built.dispose();
    tf.disposeVariables();
  });

  it('every built-in kind has a fused builder and names what tfjs lacks', () => {
    for (const [kind, c] of Object.entries(KERAS_COUNT)) {
      const l = layerOf(parsedLayers([c.layer]).layers[0]!);
      expect(engineProblem('fused', l), kind).toBeUndefined();
      expect(engineProblem('tfjs', l) === undefined, kind).toBe(c.tfjs);
    }
  });
});

describe('a layer kind added by its record alone', () => {
  afterEach(() => unregisterLayerKind('scale'));
  const scale = defineLayerKind({
    kind: 'scale',
    title: 'Scale',
    schema: strictObject({ factor: z.number().positive().default(2) }),
    keras: { prefix: 'scale', type: 'Scale' },
    recurrent: false,
    weights: (_c, input) => [{ name: 'gamma', shape: [input], init: 'ones' }],
    outputWidth: (_c, input) => input,
    keepsSequence: (_c, input) => input,
    editor: [{ key: 'factor', label: 'Factor', type: 'number' }],
    example: { factor: 2 },
  });

  it('validates in specs, with its defaults and its own errors', () => {
    expect(() => parsedLayers([{ scale: {} }])).toThrow(/model\.layers\[0\]\.scale: unknown key/);
    registerLayerKind(scale);
    const model = parsedLayers([{ lstm: { units: 4, returnSequences: true } }, { scale: {} }, { dense: { units: 1 } }]);
    expect(model.layers[1]).toEqual({ scale: { factor: 2 } });
    expect(() => parsedLayers([{ scale: { factr: 3 } }])).toThrow(/model\.layers\[0\]\.scale\.factr: unknown key, did you mean factor\?/);
    expect(layerKinds().map((r) => r.kind)).toContain('scale');
  });

  it('appears in summaries with its weights and Keras name', () => {
    registerLayerKind(scale);
    const s = modelSummary(parsedLayers([{ lstm: { units: 4, returnSequences: true } }, { scale: {} }, { dense: { units: 1 } }]), { steps: 5, features: 2 });
    expect(s.rows.map((r) => [r.name, r.outputShape, r.params])).toEqual([
      ['lstm_1 (LSTM)', '(None, 5, 4)', 4 * (4 * (2 + 4) + 4)],
      ['scale_1 (Scale)', '(None, 5, 4)', 4],
      ['dense_1 (Dense)', '(None, 5, 1)', 5],
    ]);
  });

  it('is refused by name by engines that do not implement it', () => {
    registerLayerKind(scale);
    const layers = parsedLayers([{ scale: {} }]).layers.map(layerOf);
    expect(stackUnsupported('fused', layers)).toBe('model.layers[0].scale: Scale layers have no implementation in this engine');
    expect(stackUnsupported('tfjs', layers)).toBe('model.layers[0].scale: Scale layers have no implementation in this engine');
  });

  it('cannot be registered twice, nor shadow a built-in', () => {
    registerLayerKind(scale);
    expect(() => registerLayerKind(scale)).toThrow(/already registered/);
    expect(() => registerLayerKind({ ...scale, kind: 'lstm' })).toThrow(/already registered/);
  });
});
