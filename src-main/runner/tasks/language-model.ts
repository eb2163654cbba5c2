import { LabError } from '../../contract/errors.js';
import { layerOf } from '../../contract/layers.js';
import type { ExperimentSpec } from '../../contract/spec.js';
import { runLanguageModelTrial } from '../../engine/tasks/language-model.js';
import { checkModelForTask } from '../task-checks.js';
import { defineTask } from './types.js';

/**
 * The first layer must embed every character of the text. Checked before the output layer's width (which is
 * compared with inputDim), so a too-small inputDim is named itself rather than as a wrong output width.
 */
function checkEmbedding(config: ExperimentSpec, vocab: number): void {
  const first = layerOf(config.model.layers[0]!);
  if (first.kind !== 'embedding') {
    throw new LabError('SPEC_INVALID', 'model.layers[0]: a character model starts with { "embedding": { "inputDim": <characters>, "outputDim": 32 } }');
  }
  if (first.config.inputDim < vocab) {
    throw new LabError('SPEC_INVALID', `model.layers[0].embedding.inputDim: ${first.config.inputDim} is smaller than the text's ${vocab} distinct characters; set it to ${vocab}`);
  }
}

/** The last layer must predict one of the embedded characters: its width must match the embedding's inputDim. */
function checkVocabulary(config: ExperimentSpec): void {
  const layers = config.model.layers.map(layerOf);
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  if (first.kind !== 'embedding') return; // refused by checkEmbedding
  if (last.kind !== 'dense' || last.config.units !== first.config.inputDim || last.config.activation !== 'softmax') {
    throw new LabError(
      'SPEC_INVALID',
      `model.layers[${layers.length - 1}]: a character model ends with { "dense": { "units": ${first.config.inputDim}, "activation": "softmax" } } (one output per character id)`,
    );
  }
}

/** A character language model: windows of the text predict the next character; the text's end is held out. */
export const languageModelTask = defineTask({
  kind: 'language-model',
  accepts: ['text'],
  needs: 'a text (e.g. "text")',
  prepare(config, text) {
    if (config.evaluation.protocol !== 'language-model') throw new LabError('INTERNAL', 'languageModelTask: the spec is not language-model');
    const evaluation = config.evaluation;
    const first = layerOf(config.model.layers[0]!);
    checkEmbedding(config, text.vocab.length);
    checkModelForTask(config, 'language-model', { features: 1, outputs: first.kind === 'embedding' ? first.config.inputDim : text.vocab.length, perStep: false });
    checkVocabulary(config);
    const { ids, seqLength } = text;
    const starts: number[] = [];
    for (let s = 0; s + seqLength < ids.length; s += text.stride) starts.push(s);
    const nTest = Math.max(1, Math.round(starts.length * evaluation.testFraction));
    const frame = (list: number[]) => ({
      x: { data: Float64Array.from(list.flatMap((s) => Array.from(ids.subarray(s, s + seqLength)))), n: list.length, steps: seqLength, features: 1 },
      y: Float64Array.from(list, (s) => ids[s + seqLength]!),
    });
    // Split by position: the last windows of the text are held out (no overlap with training text).
    const trainStarts = starts.slice(0, starts.length - nTest).filter((s) => s + seqLength < starts[starts.length - nTest]!);
    const testStarts = starts.slice(starts.length - nTest);
    const train = frame(trainStarts);
    const test = frame(testStarts);
    const prepared = {
      trainX: train.x,
      trainY: train.y,
      testX: test.x,
      testY: test.y,
      vocab: text.vocab,
      prompt: Int32Array.from(ids.slice(testStarts[0]!, testStarts[0]! + seqLength)),
      split: { kind: 'by position', train: trainStarts.length, test: testStarts.length, characters: ids.length },
    };
    return { task: 'language-model', input: { steps: seqLength, features: 1 }, baselines: [], examples: { x: test.x, labels: Array.from(test.y, (c) => `next: ${JSON.stringify(text.vocab[c] ?? '?')}`) }, run: (e, s, h) => runLanguageModelTrial(config, prepared, e, s, h) };
  },
});
