import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentSpecInput } from '../contract/spec.js';
import { parseSpec } from '../contract/validate.js';
import { selectEngine } from '../engine/select.js';
import { prepareExperiment } from './prepare-experiment.js';
import { prepareTask } from '../runner/tasks/index.js';

const experiments = new URL('../../experiments/', import.meta.url).pathname;
const files = readdirSync(experiments).filter((f) => f.endsWith('.json'));
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-catalog-'));
const shortText = join(dir, 'short.txt');
writeFileSync(shortText, readFileSync(new URL('../../data/texto-pt.txt', import.meta.url), 'utf8').slice(0, 600));

/** The same spec, shrunk to a few iterations (data subsets, one epoch, narrow layers where the model is big). */
function tiny(spec: Record<string, unknown>): ExperimentSpecInput {
  const s = structuredClone(spec) as Record<string, Record<string, unknown>>;
  s.training!.epochs = 1;
  const data = s.data!;
  if (data.kind === 'mnist') data.limit = 200;
  if (data.kind === 'sine') Object.assign(data, { trainWindows: 100, testWindows: 20 });
  if (data.kind === 'varlen-sum') data.count = 100;
  if (data.kind === 'text') data.path = shortText;
  if (data.kind === 'pairs') data.maxPairs = 200;
  return s as unknown as ExperimentSpecInput;
}

describe('built-in experiments', () => {
  it('ship the seeds\' experiments', () => {
    expect(files.sort()).toEqual(['char-lstm.json', 'mnist-3lstm.json', 'mnist-bilstm.json', 'mnist-rnn.json', 'mnist-sequences-cv.json', 'seattle-weather-lstm.json', 'shampoo-lstm.json', 'sine-rnn.json', 'translate-en-pt-attention.json', 'translate-en-pt.json', 'varlen-sum.json']);
  });

  for (const file of files) {
    it(`${file} validates and runs one repeat of a few iterations`, async () => {
      const raw = JSON.parse(readFileSync(join(experiments, file), 'utf8')) as Record<string, unknown>;
      expect(() => parseSpec(raw, file)).not.toThrow();
      const { configs } = await prepareExperiment(tiny(raw), experiments);
      const config = configs[0]!;
      const engine = await selectEngine(config.engine, config.model, config.precision);
      const epochs: Record<string, number>[] = [];
      const outcome = await prepareTask(config).run(engine, 1234, { onEpoch: (_, m) => epochs.push({ ...m }) });
      expect(epochs).toHaveLength(1);
      expect(Number.isFinite(epochs[0]!.loss)).toBe(true);
      const headline = config.evaluation.headline;
      expect(Number.isFinite(outcome.metrics[headline])).toBe(true);
      if (config.evaluation.protocol === 'holdout-classification') {
        expect(outcome.artifacts?.confusion).toHaveLength(10);
        expect(epochs[0]).toHaveProperty('val_accuracy');
      }
      if (config.evaluation.protocol === 'cross-validation') {
        // Fold 1 of repeat 1 of 5 stratified folds: 800 digits train, 200 (20 per class) are held out.
        expect(outcome.artifacts?.split).toMatchObject({ kind: 'stratified k-fold', folds: 5, fold: 0, repeat: 0, train: 800, test: 200 });
        expect((outcome.artifacts?.confusion as number[][]).map((row) => row.reduce((a, b) => a + b, 0))).toEqual(Array(10).fill(20));
      }
      if (config.evaluation.protocol === 'translation') {
        expect(epochs[0]).toHaveProperty('val_charAccuracy');
        expect(outcome.artifacts?.samples).toHaveLength(20);
      }
      if (config.evaluation.protocol === 'language-model') {
        const samples = outcome.artifacts?.samples as { temperature: number; text: string }[];
        expect(samples.map((s) => s.temperature)).toEqual([0.2, 0.5, 1]);
        expect(samples[0]!.text).toHaveLength(200);
      }
    });
  }
});
