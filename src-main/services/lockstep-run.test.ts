import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunnerEvent, TrialTask } from '../runner/events.js';
import { planTrials } from '../runner/plan.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from './app-root.js';
import { ExperimentService } from './experiment-service.js';
import { parseSpec } from '../contract/validate.js';

// The pool trains the repeats of an eligible configuration in lockstep; a full service run must store what the
// per-trial path stores, trial by trial: every metric, every epoch's loss, every prediction and weight the same
// float64 (Object.is), only the backend saying "lockstep×<lanes>".
const experiments = join(appRoot(import.meta.url), 'experiments');
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-lockstep-'));
const lockstepPool = new TrialPool({ workers: 2 });
const alonePool = new TrialPool({ workers: 2, lockstep: false });
afterAll(async () => {
  await Promise.all([lockstepPool.close(), alonePool.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const shampoo = () => JSON.parse(readFileSync(join(experiments, 'shampoo-lstm.json'), 'utf8')) as Record<string, unknown>;

/** Runs `spec` through a service on `pool` with its own store; per repeat: the stored trial, losses, predictions, weights. */
async function runThrough(pool: TrialPool, spec: Record<string, unknown>, overrides: { repeats: number; epochs: number }, name: string) {
  const store = new SqliteExperimentStore(join(dir, `${name}.db`));
  try {
    const service = new ExperimentService(store, pool);
    const record = await service.createExperiment(spec, { specDir: experiments, overrides });
    expect(await service.run(record.id)).toBe('done');
    const trials = store.listTrials(record.id).sort((a, b) => a.repeatIndex - b.repeatIndex);
    const losses = store.epochMetrics(record.id, 'loss');
    return trials.map((t) => ({
      trial: t,
      losses: losses.filter((m) => m.trialId === t.id).sort((a, b) => a.epoch - b.epoch).map((m) => m.value),
      predictions: store.predictions(t.id).map((p) => p.predicted),
      weights: (store.trialWeights(t.id) ?? []).flatMap((w) => Array.from(w.values)),
    }));
  } finally {
    store.close();
  }
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('lockstep through the service and the pool', () => {
  for (const [precision, repeats] of [['float64', 30], ['float32', 7]] as const) {
    it(`stores ${repeats} trials identical to the per-trial path's (${precision}; ${repeats} repeats on 2 workers)`, async () => {
      const spec = { ...shampoo(), precision };
      const overrides = { repeats, epochs: 60 };
      const together = await runThrough(lockstepPool, spec, overrides, `lockstep-${precision}`);
      const alone = await runThrough(alonePool, spec, overrides, `alone-${precision}`);
      expect(together).toHaveLength(repeats);
      const lanes = [Math.ceil(repeats / 2), Math.floor(repeats / 2)];
      for (const [r, t] of together.entries()) {
        const a = alone[r]!;
        expect(t.trial.status).toBe('done');
        expect(t.trial.seed).toBe(a.trial.seed);
        expect(t.trial.backend).toMatch(new RegExp(`^${a.trial.backend} lockstep×(${lanes.join('|')})$`));
        expect(a.trial.backend).not.toMatch(/lockstep/);
        for (const [k, v] of Object.entries(a.trial.metrics)) expect(Object.is(t.trial.metrics[k], v), `repeat ${r} ${k}`).toBe(true);
        expect(t.losses).toHaveLength(60);
        expect(sameNumbers(t.losses, a.losses), `repeat ${r} losses`).toBe(true);
        expect(t.predictions.length).toBeGreaterThan(0);
        expect(sameNumbers(t.predictions, a.predictions), `repeat ${r} predictions`).toBe(true);
        expect(sameNumbers(t.weights, a.weights), `repeat ${r} weights`).toBe(true);
      }
      // The kept weights (keep.weights "auto" keeps some trials' after the run) were compared too.
      expect(together.some((t) => t.weights.length > 0)).toBe(true);
      expect(new Set(together.map((t) => t.trial.backend!.split('×')[1])).size).toBe(lanes[0] === lanes[1] ? 1 : 2);
    });
  }

  it('runs an ineligible configuration one trial at a time (GRU → Dense)', async () => {
    const spec = { ...shampoo(), model: { layers: [{ gru: { units: 3, stateful: true } }, { dense: { units: 1 } }] } };
    const stored = await runThrough(lockstepPool, spec, { repeats: 3, epochs: 5 }, 'gru');
    expect(stored.map((s) => s.trial.status)).toEqual(['done', 'done', 'done']);
    for (const s of stored) expect(s.trial.backend).not.toMatch(/lockstep/);
  });

  it('trains the trials its claim got and leaves the others without an event', async () => {
    const raw = shampoo();
    const spec = parseSpec({ ...raw, data: { ...(raw.data as object), path: join(appRoot(import.meta.url), 'data/shampoo-sales.csv') }, training: { ...(raw.training as object), epochs: 10 }, repeats: 6 });
    const tasks: TrialTask[] = planTrials(spec, 1).map((t, i) => ({ trialId: i, seed: t.seed, config: spec }));
    const events: RunnerEvent[] = [];
    await lockstepPool.run(tasks, (e) => events.push(e), undefined, (t) => t.trialId !== 2);
    const done = events.filter((e) => e.type === 'trial-done');
    expect(done.map((e) => e.trialId).sort()).toEqual([0, 1, 3, 4, 5]);
    expect(events.some((e) => e.trialId === 2)).toBe(false);
    // Groups of 3 (trials 0–2) and 3 (3–5): the first trains the 2 it claimed in lockstep.
    const backends = new Map(done.map((e) => [e.trialId, e.type === 'trial-done' ? e.outcome.backend : '']));
    expect(backends.get(0)).toMatch(/lockstep×2$/);
    expect(backends.get(3)).toMatch(/lockstep×3$/);
    for (const id of [0, 1, 3, 4, 5]) {
      const started = events.findIndex((e) => e.trialId === id && e.type === 'trial-started');
      const epochs = events.filter((e) => e.trialId === id && e.type === 'epochs').flatMap((e) => (e.type === 'epochs' ? e.epochs : []));
      expect(started).toBeGreaterThanOrEqual(0);
      expect(epochs).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
  });
});
