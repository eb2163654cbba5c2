/**
 * `npm run bench:seq2seq-tiers`: training throughput (scored characters per second) of the fused engine's
 * encoder–decoder at latent 256 on CLDR-shaped synthetic pairs (bench/seq2seq-workload.ts), with and without
 * Bahdanau attention, in float64 and float32, on the kernel tier 'auto' picks (`-- --kernels js` for the JS
 * tier, `-- --batches N` timed batches).
 */
import { parseArgs } from 'node:util';
import { createFusedSeq2seqEngine } from '../src-main/engine/fused/seq2seq/index.js';
import type { KernelChoice } from '../src-main/engine/kernels/tiers.js';
import { toMarkdown } from '../src-main/export/tables.js';
import { CLDR_SHAPED, timeSeq2seqTraining } from './seq2seq-workload.js';

const { values: args } = parseArgs({ options: { kernels: { type: 'string', default: 'auto' }, batches: { type: 'string', default: '3' } } });
const w = CLDR_SHAPED;
console.log(
  `RNN Lab bench: fused seq2seq training, LSTM(${w.latent}) → LSTM(${w.latent}) → Dense(${w.targetVocab}), batch ${w.batch}, ` +
    `source ≤ ${w.sourceSteps} / target ≤ ${w.targetSteps} steps (padded), vocab ${w.sourceVocab} → ${w.targetVocab}, rmsprop`,
);
const rows: (string | number)[][] = [];
for (const attention of ['none', 'bahdanau'] as const) {
  for (const precision of ['f64', 'f32'] as const) {
    const engine = createFusedSeq2seqEngine({ precision, kernels: args.kernels as KernelChoice });
    const t = await timeSeq2seqTraining(engine, { ...w, attention }, Number(args.batches));
    rows.push([attention, t.backend, Math.round(t.charsPerSecond), Math.round(t.meanCharsPerSecond), Math.round(t.cpuCharsPerSecond), Math.round(t.msPerBatch), t.charsPerBatch]);
    console.log(`  ${attention} ${t.backend}: ${t.charsPerSecond.toFixed(0)} chars/s (${t.cpuCharsPerSecond.toFixed(0)} per CPU second)`);
  }
}
console.log(`\n${toMarkdown({ columns: ['attention', 'backend', 'chars/s (fastest batch)', 'chars/s (mean)', 'chars per CPU second', 'ms per batch (fastest)', 'chars per batch'], rows }, 0)}`);
