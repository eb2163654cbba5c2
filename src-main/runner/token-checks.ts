import { LabError } from '../contract/errors.js';
import { layerOf } from '../contract/layers.js';
import type { ExperimentSpec } from '../contract/spec.js';
import type { SequenceSet } from '../data/dataset.js';

/**
 * When the model starts with an Embedding (token ids → vectors, as seed 000's classifier does), checks before
 * anything is stored that the sequences hold one feature per step and that every valid step is an integer id in
 * 0 … inputDim − 1 — otherwise every trial would fail inside the engine. `source` names the data in messages.
 * Throws LabError('DATA_INVALID') naming the spec field and the fix; no-op for models without an Embedding.
 */
export function checkTokenInputs(config: ExperimentSpec, x: SequenceSet, source: string): void {
  const first = layerOf(config.model.layers[0]!);
  if (first.kind !== 'embedding') return;
  if (x.features !== 1) {
    throw new LabError('DATA_INVALID', `model.layers[0].embedding: an Embedding reads one token id per step, but ${source} gives ${x.features} features per step; give one feature of token ids, or start the model with a recurrent layer`);
  }
  const dim = first.config.inputDim;
  let largest = -1;
  for (let i = 0; i < x.n; i++) {
    const length = x.lengths?.[i] ?? x.steps;
    for (let t = 0; t < length; t++) {
      const v = x.data[i * x.steps + t]!;
      if (!Number.isInteger(v) || v < 0) {
        throw new LabError('DATA_INVALID', `model.layers[0].embedding: an Embedding reads token ids 0, 1, 2, …, but sequence ${i + 1} of ${source} holds ${v} at step ${t + 1}; encode the tokens as whole numbers from 0, or start the model with a recurrent layer for real-valued features`);
      }
      if (v > largest) largest = v;
    }
  }
  if (largest >= dim) {
    throw new LabError('DATA_INVALID', `model.layers[0].embedding.inputDim: ${source} holds token id ${largest}, but an Embedding of inputDim ${dim} reads ids 0–${dim - 1}; set "inputDim": ${largest + 1}`);
  }
}
