import type { TrialOutcome } from '../../contract/results.js';
import type { ExperimentSpec } from '../../contract/spec.js';
import { createRng } from '../../common/rng.js';
import type { Engine, SequenceModel, Sequences } from '../sequence-model.js';
import { predictInChunks, scoreClasses } from './classify.js';
import { createTrialModel, trainEpochs, type TrialHooks } from './train-loop.js';

/** Character windows: ids (n × seqLength × 1) and the id of the next character, split by position in the text. */
export interface CharData {
  readonly trainX: Sequences;
  readonly trainY: Float64Array;
  readonly testX: Sequences;
  readonly testY: Float64Array;
  readonly vocab: readonly string[];
  /** The first window of the held-out text, to start generated samples from. */
  readonly prompt: Int32Array;
  readonly split: Readonly<Record<string, unknown>>;
}

/**
 * Generates `length` characters after `prompt` by sampling softmax(log p / T) one character at a time with a
 * seeded generator (the model sees the last seqLength characters each time).
 */
export async function sampleText(
  model: SequenceModel,
  prompt: Int32Array,
  vocab: readonly string[],
  length: number,
  temperature: number,
  seed: number,
): Promise<string> {
  const rng = createRng(seed, `sample-${temperature}`);
  const window = Float64Array.from(prompt);
  let out = '';
  for (let k = 0; k < length; k++) {
    const probs = await model.predict({ data: window, n: 1, steps: window.length, features: 1 });
    // Only real character ids: the output layer may be wider than this text's vocabulary.
    const logits = Array.from(probs.subarray(0, vocab.length), (p) => Math.log(Math.max(p, 1e-12)) / temperature);
    const max = Math.max(...logits);
    const weights = logits.map((l) => Math.exp(l - max));
    let r = rng.next() * weights.reduce((a, b) => a + b, 0);
    let next = 0;
    while (next < weights.length - 1 && (r -= weights[next]!) > 0) next++;
    out += vocab[next] ?? '';
    window.copyWithin(0, 1);
    window[window.length - 1] = next;
  }
  return out;
}

/**
 * One repeat of a character language model: train on next-character prediction (validation loss and bits per
 * character each epoch when asked), score held-out loss (nats) and bits per character (loss / ln 2), and keep
 * samples generated at each temperature.
 */
export async function runLanguageModelTrial(spec: ExperimentSpec, data: CharData, engine: Engine, seed: number, hooks: TrialHooks): Promise<TrialOutcome> {
  const started = performance.now();
  const evaluation = spec.evaluation.protocol === 'language-model' ? spec.evaluation : undefined;
  const model = await createTrialModel(spec, engine, data.trainX, seed);
  try {
    const chunk = Math.max(spec.training.batchSize, 500);
    const score = async () => scoreClasses(await predictInChunks(model, data.testX, chunk), data.testY, data.vocab.length);
    const validate = evaluation?.validateEachEpoch
      ? async () => {
          const s = await score();
          return { val_loss: s.loss, val_bpc: s.loss / Math.LN2 };
        }
      : undefined;
    await trainEpochs(model, data.trainX, data.trainY, spec.training, seed, hooks, validate);
    const final = await score();
    const samples: { temperature: number; prompt: string; text: string }[] = [];
    const prompt = Array.from(data.prompt, (id) => data.vocab[id] ?? '').join('');
    for (const temperature of evaluation?.temperatures ?? [0.5]) {
      samples.push({ temperature, prompt, text: await sampleText(model, data.prompt, data.vocab, evaluation?.sampleLength ?? 200, temperature, seed) });
    }
    return {
      metrics: { loss: final.loss, bpc: final.loss / Math.LN2 },
      predictions: [],
      engine: model.engine,
      backend: model.backend,
      durationMs: performance.now() - started,
      weights: model.getWeights(),
      artifacts: { samples, vocabSize: data.vocab.length, vocab: data.vocab, accuracy: final.accuracy, split: data.split },
    };
  } finally {
    model.dispose();
  }
}
