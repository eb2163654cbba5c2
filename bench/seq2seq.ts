/**
 * `npm run bench:seq2seq`: training throughput of the character encoder–decoder (seed 004) on the CLDR pairs —
 * scored target characters per second of teacher-forced training (forward + backward + rmsprop, batch 64) for
 * latent 256 without and with Bahdanau attention, on every registered seq2seq engine in the same run (the fused
 * engine at the spec's default precision, float32, on the auto kernel tier; tfjs on its auto backend).
 * `BATCHES=n` sets the batches timed.
 */
import { parseSpec } from '../src-main/contract/validate.js';
import { initialSeq2seqWeights } from '../src-main/engine/seq2seq/architecture.js';
import { selectSeq2seqEngine, seq2seqEngineNames } from '../src-main/engine/seq2seq/select.js';
import { slicePairs } from '../src-main/engine/tasks/translate.js';
import { loadDataset } from '../src-main/data/sources/index.js';
import { frameTranslation } from '../src-main/runner/tasks/translation.js';
import type { EngineChoice } from '../src-main/contract/spec.js';

const BATCHES = Number(process.env.BATCHES ?? 8);
const BATCH = 64;

/** The spec and framed pairs of a translator of latent `units` with `attention` (all CLDR pairs of the seed's lengths). */
function translator(units: number, attention: 'none' | 'bahdanau') {
  const spec = parseSpec(
    {
      name: 'bench',
      data: { kind: 'pairs', source: 'cldr', maxPairs: 10_000, maxSourceLength: 44, maxTargetLength: 80 },
      model: { seq2seq: { encoder: [{ lstm: { units } }], decoder: [{ lstm: { units } }], attention } },
      training: { epochs: 1, batchSize: BATCH },
      evaluation: { protocol: 'translation' },
      repeats: 1,
      seed: 1,
    },
    '',
  );
  const pairs = loadDataset(spec.data, spec.seed);
  if (pairs.shape !== 'pairs') throw new Error('bench: CLDR pairs expected');
  return { spec, data: frameTranslation(spec, spec.model.seq2seq!, pairs) };
}

console.log(`seq2seq training throughput on the CLDR pairs, batch ${BATCH}, ${BATCHES} batches timed (after one warm-up)`);
for (const attention of ['none', 'bahdanau'] as const) {
  const { spec, data } = translator(256, attention);
  for (const name of seq2seqEngineNames()) {
    const engine = await selectSeq2seqEngine(name as EngineChoice, { precision: spec.precision, kernels: spec.kernels });
    const model = await engine.create({ architecture: data.architecture, training: spec.training, weights: initialSeq2seqWeights(data.architecture, 1), backend: spec.backend });
    const part = slicePairs(data.train, 0, Math.min(data.train.n, BATCH * (BATCHES + 1)));
    const warm = slicePairs(part, 0, BATCH);
    await model.trainEpoch(warm);
    const timed = slicePairs(part, BATCH, part.n);
    let chars = 0;
    for (let i = 0; i < timed.n; i++) chars += timed.targetLengths[i]! - 1;
    const t0 = performance.now();
    await model.trainEpoch(timed);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`latent 256, attention ${attention.padEnd(8)} ${name.padEnd(6)} ${model.backend.padEnd(6)} ${(chars / seconds).toFixed(0).padStart(7)} characters/s  (${(seconds / (timed.n / BATCH)).toFixed(2)} s per batch)`);
    model.dispose();
  }
}
