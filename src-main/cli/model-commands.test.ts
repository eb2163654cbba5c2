import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rnnlab } from '../../testing/cli/run-cli.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';

// predict and generate use the weights each repeat kept. The oracle for predict: the misclassified test rows a
// trial stored (row, predicted class, confidence) come out of predict on the same rows with the same class and
// probability — the kept model is the trained one.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-use-'));
const db = join(dir, 'lab.db');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const sequences = Array.from({ length: 60 }, (_, i) => ({
  x: Array.from({ length: 4 }, (_, t) => [Math.sin(i * 1.7 + t), ((i * 5 + t) % 7) / 7]),
  kind: ['a', 'b', 'c'][i % 3]!,
}));
const data = file('seqs.jsonl', sequences.map((s) => JSON.stringify(s)).join('\n'));
const unlabeled = file('new.jsonl', sequences.map((s) => JSON.stringify({ x: s.x })).join('\n'));
const spec = file(
  'seqs.json',
  JSON.stringify({
    name: 'seqs',
    data: { kind: 'sequences', path: data, format: 'jsonl', label: 'kind' },
    model: { layers: [{ simpleRNN: { units: 3 } }, { dense: { units: 3, activation: 'softmax' } }] },
    training: { epochs: 2, batchSize: 16, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.5 },
    repeats: 2,
    seed: 4,
    engine: 'fused',
  }),
);

describe('rnnlab predict / generate', () => {
  it('predict gives each repeat the answers its trained model gave in evaluation', () => {
    expect(rnnlab(['run', spec, '--db', db]).code).toBe(0);
    const out = rnnlab(['predict', 'seqs', '--input', unlabeled, '--all-repeats', '--json', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const p = JSON.parse(out.stdout) as { ids: string[]; repeats: { repeat: number; classes: { label: string; probability: number }[] }[] };
    expect(p.ids).toHaveLength(60);
    expect(p.repeats.map((r) => r.repeat)).toEqual([1, 2]);
    const store = new SqliteExperimentStore(db);
    const names = ['a', 'b', 'c'];
    let checked = 0;
    for (const [k, trial] of store.listTrials(1).entries()) {
      const missed = store.artifacts(trial.id).misclassified as { row: number; predicted: number; confidence: number }[];
      for (const m of missed) {
        expect(p.repeats[k]!.classes[m.row]!.label).toBe(names[m.predicted]);
        expect(p.repeats[k]!.classes[m.row]!.probability).toBeCloseTo(m.confidence, 12);
        checked++;
      }
    }
    store.close();
    expect(checked).toBeGreaterThan(3); // two epochs of a 3-unit RNN miss plenty

    const table = rnnlab(['predict', 'seqs', '--input', unlabeled, '--all-repeats', '--db', db]);
    expect(table.stdout).toMatch(/\| sequence \| repeat 1 \| repeat 2 \| majority \| agree \|/);
    expect(rnnlab(['show', 'seqs', '--db', db]).stdout).toMatch(/^kept weights: 2 of 2 repeats, \d+ KB \(rnnlab predict \| generate \| translate \| export-model\)$/m);
  });

  it('refuses what it cannot do in one line: wrong feature count, a repeat without weights, generate on a classifier', () => {
    const wrong = file('wrong.jsonl', JSON.stringify({ x: [[1, 2, 3]] }));
    const a = rnnlab(['predict', 'seqs', '--input', wrong, '--db', db]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/\nrnnlab: .*wrong\.jsonl: 3 features per step, but the model was trained on 2; give the same features\n$/);
    const b = rnnlab(['predict', 'seqs', '--input', unlabeled, '--repeat', '7', '--db', db]);
    expect(b.stderr).toBe('rnnlab: --repeat 7: experiment #1 has repeats 1 to 2\n');
    const c = rnnlab(['generate', 'seqs', '--prompt', 'hi', '--db', db]);
    expect(c.stderr).toMatch(/experiment #1 is not a character model/);
    const none = file('none.json', JSON.stringify({ ...JSON.parse(readFileSync(spec, 'utf8')), name: 'seqs-none', repeats: 1, keep: { weights: 'none' } }));
    expect(rnnlab(['run', none, '--db', db]).code).toBe(0);
    const e = rnnlab(['predict', 'seqs-none', '--input', unlabeled, '--repeat', '1', '--db', db]);
    expect(e.stderr).toMatch(/^rnnlab: repeat 1 of experiment #\d+ kept no weights \(keep\.weights: "none"\); run it again with "keep": \{ "weights": "all" \}\n$/);
    const d = rnnlab(['predict', 'nope', '--input', unlabeled, '--db', db]);
    expect(d.stderr).toMatch(/^rnnlab: experiment "nope" not found/);
  });

  it('generate continues a prompt with a character model, the same text for the same seed', () => {
    const run = rnnlab(['run', 'experiments/char-lstm.json', '--repeats', '1', '--epochs', '1', '--db', db]);
    expect(run.code).toBe(0);
    const g = (seed: string) => rnnlab(['generate', 'char-lstm', '--prompt', 'a casa ', '--length', '40', '--seed', seed, '--db', db]);
    const first = g('1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^a casa [^]{40}\n$/u);
    expect(g('1').stdout).toBe(first.stdout);
    const bad = rnnlab(['generate', 'char-lstm', '--prompt', 'a casa ☃', '--db', db]);
    expect(bad.stderr).toMatch(/--prompt has characters the model never saw: "☃"/);
  });
});
