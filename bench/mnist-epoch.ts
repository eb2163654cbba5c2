/**
 * One epoch of the built-in mnist-rnn (experiments/mnist-rnn.json: 8,000 training digits, then the 2,000 test
 * digits scored) through the real trial code: a TrialPool worker runs executeTrial with the choices a user gets
 * (engine, kernels and precision from the spec, threads as the pool decides them), or with the options given.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../src-main/contract/validate.js';
import type { TrialOutcome } from '../src-main/contract/results.js';
import { planTrials } from '../src-main/runner/plan.js';
import { TrialPool } from '../src-main/runner/trial-pool.js';

/** What one timed epoch gave. */
export interface EpochTiming {
  /** Training + test scoring inside the trial (the outcome's durationMs), seconds. */
  readonly seconds: number;
  /** From handing the task to the pool to its result: adds loading the digits and starting the worker, seconds. */
  readonly wallSeconds: number;
  readonly threads: number;
  readonly backend: string;
  readonly precision: string;
  readonly accuracy: number;
}

const root = new URL(import.meta.url.endsWith('.ts') ? '../' : '../../', import.meta.url);

/**
 * Times `runs` one-epoch trials of mnist-rnn (the fastest counts; each on a fresh pool, as a CLI run starts one)
 * on a pool of `availableParallelism()` workers: `threads` 'auto' lets the pool decide (one trial → every core,
 * data-parallel), 1 keeps it on one thread. `precision` overrides the spec's.
 */
export async function timeMnistEpoch(options: { threads: 'auto' | 1; precision?: 'float32' | 'float64'; runs?: number }): Promise<EpochTiming> {
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL('experiments/mnist-rnn.json', root)), 'utf8')) as Record<string, unknown> & { training: Record<string, unknown> };
  const spec = parseSpec({ ...raw, repeats: 1, training: { ...raw.training, epochs: 1 }, ...(options.precision ? { precision: options.precision } : {}) }, 'mnist-rnn');
  const [trial] = planTrials(spec, 1);
  let best: EpochTiming | null = null;
  for (let run = 0; run < (options.runs ?? 2); run++) {
    const pool = new TrialPool({ workers: availableParallelism(), threads: options.threads });
    try {
      let outcome: TrialOutcome | undefined;
      const t0 = performance.now();
      await pool.run([{ trialId: 1, config: spec, seed: trial!.seed }], (e) => {
        if (e.type === 'trial-done') outcome = e.outcome;
        if (e.type === 'trial-failed') throw new Error(`mnist-rnn epoch failed: ${e.error.message}`);
      });
      const wallSeconds = (performance.now() - t0) / 1000;
      if (!outcome) throw new Error('mnist-rnn epoch ended without an outcome');
      const timing = { seconds: outcome.durationMs / 1000, wallSeconds, threads: outcome.threads ?? 1, backend: outcome.backend, precision: spec.precision, accuracy: outcome.metrics.accuracy ?? NaN };
      if (best === null || timing.seconds < best.seconds) best = timing;
    } finally {
      await pool.close();
    }
  }
  return best!;
}
