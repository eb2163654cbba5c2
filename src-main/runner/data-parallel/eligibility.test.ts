import { describe, expect, it } from 'vitest';
import { ModelSpec, layerOf } from '../../contract/layers.js';
import { TrainingSpec } from '../../contract/spec.js';
import type { ModelRequest } from '../../engine/sequence-model.js';
import { DATA_PARALLEL_MIN_MULADDS, dataParallelProblem, stepMuladds } from './eligibility.js';

const request = (layers: unknown[], batchSize: number, steps = 28, features = 28): ModelRequest => ({
  model: ModelSpec.parse({ layers }),
  input: { batchSize, steps, features },
  training: TrainingSpec.parse({ epochs: 1, batchSize }),
  weights: [],
  backend: 'auto',
});
const softmax = { dense: { units: 10, activation: 'softmax' } };

describe('which models train data-parallel', () => {
  it('counts a step\'s multiply-adds: 3 × batch × (weights applied per row and step)', () => {
    // SimpleRNN(32) on 28 features: 28·32 + 32·32 + 32 = 1,952 weights × 28 steps; Dense(10) on 32: 330 once.
    const r = request([{ simpleRNN: { units: 32 } }, softmax], 150);
    expect(stepMuladds(r.model.layers.map(layerOf), r.input)).toBe(3 * 150 * (28 * 1952 + 330));
    // Bidirectional LSTM(8) → per step 2 × 4·8·(28 + 8 + 1); Dense on the 16-wide concat once; an Embedding counts its width.
    const bi = request([{ bidirectional: { layer: { lstm: { units: 8 } } } }, softmax], 10);
    expect(stepMuladds(bi.model.layers.map(layerOf), bi.input)).toBe(3 * 10 * (28 * 2 * 4 * 8 * 37 + 170));
    const emb = request([{ embedding: { inputDim: 1000, outputDim: 4 } }, { lstm: { units: 2 } }, softmax], 10, 5, 1);
    expect(stepMuladds(emb.model.layers.map(layerOf), emb.input)).toBe(3 * 10 * (5 * 4 + 5 * 8 * 7 + 30));
  });

  it('mnist-rnn is eligible on 2 threads; stateful, Dropout, tiny batches and small models are not, each saying why', () => {
    expect(dataParallelProblem(request([{ simpleRNN: { units: 150 } }, softmax], 150), 2)).toBeNull();
    expect(dataParallelProblem(request([{ simpleRNN: { units: 150 } }, softmax], 150), 1)).toBe('one thread');
    expect(dataParallelProblem(request([{ lstm: { units: 150, stateful: true } }, softmax], 150), 2)).toMatch(/^stateful layers/);
    expect(dataParallelProblem(request([{ bidirectional: { layer: { lstm: { units: 150, stateful: true } } } }, softmax], 150), 2)).toMatch(/^stateful layers/);
    expect(dataParallelProblem(request([{ simpleRNN: { units: 150 } }, { dropout: { rate: 0.1 } }, softmax], 150), 2)).toMatch(/^Dropout/);
    expect(dataParallelProblem(request([{ simpleRNN: { units: 150 } }, softmax], 3), 2)).toBe('batch of 3 rows is too small to split over 2 threads');
    // Just below and at the threshold: SimpleRNN(32) on 28 × 28 costs 3 × 54,986 multiply-adds per batch row.
    const perRow = 3 * (28 * 1952 + 330);
    const below = Math.ceil(DATA_PARALLEL_MIN_MULADDS / perRow) - 1;
    expect(dataParallelProblem(request([{ simpleRNN: { units: 32 } }, softmax], below), 2)).toMatch(/multiply-adds per step, below the 20 M from which splitting wins$/);
    expect(dataParallelProblem(request([{ simpleRNN: { units: 32 } }, softmax], below + 1), 2)).toBeNull();
  });
});
