import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rnnlab } from '../../testing/cli/run-cli.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';

// translate uses the weights each repeat kept. The oracle: the held-out sample translations a trial stored
// (greedy decoding at the end of training) come out of `rnnlab translate` on the same English text.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-translate-'));
const db = join(dir, 'lab.db');
const specOf = (name: string, seq2seq: unknown) => {
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      name,
      data: { kind: 'pairs', source: 'cldr', maxPairs: 200, maxSourceLength: 20, maxTargetLength: 24 },
      model: { seq2seq },
      training: { epochs: 2, optimizer: { rmsprop: { learningRate: 0.01 } } },
      evaluation: { protocol: 'translation', samples: 6 },
      repeats: 1,
      seed: 5,
    }),
  );
  return path;
};

describe('rnnlab translate', () => {
  it("translates as the trained repeat did in evaluation, prints α, and reports unseen characters", () => {
    const run = rnnlab(['run', specOf('tiny-attention', { encoder: [{ lstm: { units: 16 } }], decoder: [{ lstm: { units: 16 } }], attention: 'bahdanau' }), '--db', db]);
    expect(run.code).toBe(0);
    const store = new SqliteExperimentStore(db);
    const [trial] = store.listTrials(1);
    const samples = store.artifacts(trial!.id).samples as { source: string; translation: string }[];
    store.close();
    expect(samples).toHaveLength(6);
    for (const s of samples.slice(0, 3)) {
      const out = rnnlab(['translate', 'tiny-attention', s.source, '--repeat', '1', '--json', '--db', db]);
      expect(out.code).toBe(0);
      const t = JSON.parse(out.stdout) as { repeats: { repeat: number; translation: string; attention: null }[] };
      expect(t.repeats).toEqual([{ repeat: 1, translation: s.translation, attention: null, outputCharacters: Array.from(s.translation) }]);
    }
    const shown = rnnlab(['translate', 'tiny-attention', 'red heart', '--attention', '--db', db]);
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trimEnd().split('\n');
    // The translation, the source characters as column labels, then one row of tenths per output character.
    expect(lines[1]).toBe('   r e d ␣ h e a r t');
    for (const row of lines.slice(2)) expect(row.split(/\s+/).slice(1)).toHaveLength(9);
    expect(lines.length - 2).toBeGreaterThanOrEqual(Array.from(lines[0]!).length);
    // "Ω" is not in any English emoji or region name of the first 200 pairs: reported, translated anyway.
    const odd = rnnlab(['translate', 'tiny-attention', 'red Ω', '--db', db]);
    expect(odd.code).toBe(0);
    expect(odd.stderr).toContain('characters the model never saw in training, read as blanks: "Ω"');
  });

  it('refuses an unknown experiment or repeat, and an encoder–decoder whose widths do not match (nothing stored)', () => {
    expect(rnnlab(['translate', 'no-such', 'x', '--db', db]).stderr).toMatch(/experiment "no-such" not found/);
    expect(rnnlab(['translate', 'tiny-attention', 'x', '--repeat', '3', '--db', db]).stderr).toMatch(/--repeat 3: experiment #1 has repeats 1 to 1/);
    const before = rnnlab(['list', '--json', '--db', db]).stdout;
    const bad = rnnlab(['run', specOf('mismatch', { encoder: [{ lstm: { units: 8 } }], decoder: [{ lstm: { units: 16 } }] }), '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("model.seq2seq.decoder[0].lstm.units: 16 does not match the encoder's state it starts from (encoder[0] has 8 units); set it to 8");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(rnnlab(['list', '--json', '--db', db]).stdout).toBe(before);
  });
});
