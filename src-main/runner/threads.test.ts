import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import type { TrialOutcome } from '../contract/results.js';
import type { ExperimentSpec } from '../contract/spec.js';
import type { RunnerEvent, TrialTask } from './events.js';
import { TrialPool } from './trial-pool.js';

// The pool's choice of threads per trial, on real worker threads: MNIST-shaped digits (the bundled set, 300 of them),
// SimpleRNN(32) → Dense(10) at batch 150 — 25 M multiply-adds a step, above the data-parallel threshold — two epochs.
const mnist = (layers: unknown[], batchSize = 150, precision: 'float64' | 'float32' = 'float64'): ExperimentSpec =>
  parseSpec({
    name: 'threads',
    data: { kind: 'mnist', source: 'bundled', limit: 300 },
    model: { layers },
    training: { epochs: 2, batchSize, loss: 'sparseCategoricalCrossentropy', optimizer: { adam: { learningRate: 0.01 } } },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.2 },
    engine: 'fused',
    precision,
    repeats: 1,
    seed: 4,
  }, '');
const eligible = mnist([{ simpleRNN: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }]);
const eligible32 = mnist([{ simpleRNN: { units: 32 } }, { dense: { units: 10, activation: 'softmax' } }], 150, 'float32');
const withDropout = mnist([{ simpleRNN: { units: 32 } }, { dropout: { rate: 0.2 } }, { dense: { units: 10, activation: 'softmax' } }]);
const tiny = mnist([{ simpleRNN: { units: 2 } }, { dense: { units: 10, activation: 'softmax' } }], 10);

const pool = new TrialPool({ workers: 2 });
afterAll(() => pool.close());

/** Runs the tasks on `on` and returns each trial's outcome and per-epoch losses, by trial id. */
async function run(tasks: TrialTask[], on: TrialPool = pool): Promise<Map<number, { outcome: TrialOutcome; losses: number[] }>> {
  const out = new Map<number, { outcome: TrialOutcome; losses: number[] }>();
  const losses = new Map<number, number[]>();
  await on.run(tasks, (e: RunnerEvent) => {
    if (e.type === 'epochs') losses.set(e.trialId, [...(losses.get(e.trialId) ?? []), ...e.losses]);
    if (e.type === 'trial-done') out.set(e.trialId, { outcome: e.outcome, losses: losses.get(e.trialId) ?? [] });
    if (e.type === 'trial-failed') throw new Error(e.error.message);
  });
  return out;
}

const maxRelativeDiff = (a: TrialOutcome, b: TrialOutcome): number => {
  let worst = 0;
  a.weights!.forEach((w, i) => {
    const v = b.weights![i]!.values;
    for (let k = 0; k < w.values.length; k++) worst = Math.max(worst, Math.abs(w.values[k]! - v[k]!) / Math.max(1e-3, Math.abs(v[k]!)));
  });
  return worst;
};

describe('threads per trial', () => {
  it('one trial on 2 workers trains data-parallel on 2 threads; two trials train one thread each, within 1e-12 of it', async () => {
    const alone = await run([{ trialId: 1, config: eligible, seed: 7 }]);
    const pair = await run([
      { trialId: 2, config: eligible, seed: 7 },
      { trialId: 3, config: eligible, seed: 7 },
    ]);
    const parallel = alone.get(1)!;
    const single = pair.get(2)!;
    expect(parallel.outcome.threads).toBe(2);
    expect(single.outcome.threads).toBe(1);
    expect(pair.get(3)!.outcome.threads).toBe(1);
    expect(parallel.outcome.engine).toBe('fused');
    // One thread is deterministic: the two single-thread trials agree bit for bit.
    expect(pair.get(3)!.outcome.metrics).toStrictEqual(single.outcome.metrics);
    // Data-parallel sums the same full-batch gradient in another order (two half-batch sums, then their weighted
    // mean): float64 rounding of ≈1e-16 per step, grown by 2 epochs of Adam to 3.0e-14 (largest relative weight
    // difference, measured here); 1e-12 is the stated tolerance (TrialOutcome.threads).
    expect(maxRelativeDiff(parallel.outcome, single.outcome)).toBeLessThan(1e-12);
    expect(maxRelativeDiff(parallel.outcome, single.outcome)).toBeGreaterThan(0); // it really ran another way
    expect(parallel.losses).toHaveLength(2);
    parallel.losses.forEach((l, i) => expect(Math.abs(l - single.losses[i]!) / l).toBeLessThan(1e-12));
    expect(parallel.outcome.metrics.accuracy).toBe(single.outcome.metrics.accuracy);
    expect(Math.abs(parallel.outcome.metrics.loss! - single.outcome.metrics.loss!)).toBeLessThan(1e-12);
  });

  it('float32: data-parallel within float32 rounding of one thread', async () => {
    const alone = (await run([{ trialId: 1, config: eligible32, seed: 7 }])).get(1)!;
    const pair = await run([
      { trialId: 2, config: eligible32, seed: 7 },
      { trialId: 3, config: eligible32, seed: 7 },
    ]);
    const single = pair.get(2)!;
    expect([alone.outcome.threads, single.outcome.threads]).toEqual([2, 1]);
    expect(alone.outcome.backend).toMatch(/-f32$/);
    // Float32 sums round at ≈6e-8 per operation: measured here 1.1e-5 largest relative weight difference (|w| ≥
    // 1e-3) and 8e-10 in the epoch losses after 2 epochs; stated tolerances 1e-4 and 1e-7.
    const diff = maxRelativeDiff(alone.outcome, single.outcome);
    expect(diff).toBeLessThan(1e-4);
    expect(diff).toBeGreaterThan(0);
    alone.losses.forEach((l, i) => expect(Math.abs(l - single.losses[i]!) / l).toBeLessThan(1e-7));
    expect(Math.abs(alone.outcome.metrics.loss! - single.outcome.metrics.loss!)).toBeLessThan(1e-6);
  });

  it('the same thread count reproduces a data-parallel trial bit for bit', async () => {
    const a = (await run([{ trialId: 1, config: eligible, seed: 9 }])).get(1)!;
    const b = (await run([{ trialId: 1, config: eligible, seed: 9 }])).get(1)!;
    expect(a.outcome.threads).toBe(2);
    expect(b.outcome.metrics).toStrictEqual(a.outcome.metrics);
    expect(b.outcome.weights).toStrictEqual(a.outcome.weights);
  });

  it('models that cannot or should not split train on one thread even with an idle core: Dropout, too little work', async () => {
    const out = await run([{ trialId: 1, config: withDropout, seed: 7 }]);
    expect(out.get(1)!.outcome.threads).toBe(1);
    const small = await run([{ trialId: 2, config: tiny, seed: 7 }]);
    expect(small.get(2)!.outcome.threads).toBe(1);
  });

  it('aborting a data-parallel trial interrupts it (its workers go with its thread) and the pool runs the next', async () => {
    const long = { ...eligible, training: { ...eligible.training, epochs: 3000 } };
    const controller = new AbortController();
    const events: RunnerEvent[] = [];
    const t0 = performance.now();
    const result = await pool.run([{ trialId: 1, config: long, seed: 7 }], (e) => {
      events.push(e);
      if (e.type === 'epochs') controller.abort();
    }, controller.signal);
    expect(result.aborted).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'trial-interrupted', trialId: 1 });
    expect(performance.now() - t0).toBeLessThan(20_000); // 3000 epochs (≈6,000 steps) would take minutes
    expect((await run([{ trialId: 2, config: eligible, seed: 7 }])).get(2)!.outcome.threads).toBe(2);
  });

  it('a pool with a fixed thread count gives every trial that many (the queue worker passes 1)', async () => {
    const fixed = new TrialPool({ workers: 2, threads: 1 });
    try {
      expect((await run([{ trialId: 1, config: eligible, seed: 7 }], fixed)).get(1)!.outcome.threads).toBe(1);
    } finally {
      await fixed.close();
    }
    expect(() => new TrialPool({ workers: 2, threads: 0 })).toThrow(/threads must be "auto" or an integer ≥ 1, got 0/);
  });
});
