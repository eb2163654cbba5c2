// Lockstep vs alone: the shampoo spec with the real data, each repeat trained alone (runForecastTrial) and the
// repeats trained in lockstep (runForecastLockstep), and a check that every number agrees bit for bit.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TrialOutcome } from '../../src-main/contract/results.js';
import { asForecast, type ForecastSpec } from '../../src-main/contract/spec.js';
import { parseSpec } from '../../src-main/contract/validate.js';
import { readCsvSeries } from '../../src-main/data/csv-series.js';
import { prepareForecast, type ForecastDataset } from '../../src-main/engine/forecast/prepare.js';
import { lockstepModels, runForecastLockstep, type LaneResult } from '../../src-main/engine/forecast/run-lockstep.js';
import { runForecastTrial } from '../../src-main/engine/forecast/run-trial.js';
import { selectEngine } from '../../src-main/engine/select.js';

const root = new URL('../../', import.meta.url);

/** The built-in shampoo-lstm spec (data/shampoo-sales.csv) with `changes` merged over its top-level fields. */
export function shampooSpec(changes: Record<string, unknown> = {}): ForecastSpec {
  const raw = JSON.parse(readFileSync(new URL('experiments/shampoo-lstm.json', root), 'utf8')) as Record<string, unknown>;
  const data = { ...(raw.data as object), path: new URL('data/shampoo-sales.csv', root).pathname };
  return asForecast(parseSpec({ ...raw, data, ...changes }))!;
}

/** The spec's data framed for its forecast (the real shampoo series). */
export function shampooData(spec: ForecastSpec): ForecastDataset {
  if (spec.data.kind !== 'csv') throw new Error('the shampoo spec reads a csv column');
  const series = readCsvSeries(spec.data.path, { column: spec.data.column });
  return prepareForecast(series.values, spec.preprocessing, spec.evaluation.testSize, 'shampoo');
}

/** One repeat's per-epoch losses and outcome (or the error it failed with). */
export interface RepeatRun {
  readonly losses: number[];
  readonly outcome?: TrialOutcome;
  readonly error?: unknown;
}

const engineOf = (spec: ForecastSpec) => selectEngine(spec.engine, spec.model, spec.precision, spec.kernels);

/** Repeat `seed` trained alone, the per-trial path. */
export async function runAlone(spec: ForecastSpec, data: ForecastDataset, seed: number): Promise<RepeatRun> {
  const losses: number[] = [];
  try {
    const outcome = await runForecastTrial(spec, data, await engineOf(spec), seed, { onEpoch: (_e, m) => losses.push(m.loss!) });
    return { losses, outcome };
  } catch (error) {
    return { losses, error };
  }
}

/** The repeats `seeds` trained in lockstep; throws when the lockstep path refuses them (with its reason). */
export async function runTogether(spec: ForecastSpec, data: ForecastDataset, seeds: readonly number[]): Promise<RepeatRun[]> {
  const models = await lockstepModels(spec, data, await engineOf(spec), seeds);
  if (typeof models === 'string') throw new Error(`lockstep refused: ${models}`);
  const losses = seeds.map(() => [] as number[]);
  const results: (LaneResult | undefined)[] = seeds.map(() => undefined);
  await runForecastLockstep(spec, data, models, seeds, {
    onEpoch: (lane, _e, m) => losses[lane]!.push(m.loss!),
    onLaneDone: (lane, r) => (results[lane] = r),
  });
  return seeds.map((_, l) => {
    const r = results[l]!;
    return r.ok ? { losses: losses[l]!, outcome: r.outcome } : { losses: losses[l]!, error: r.error };
  });
}

/**
 * Every number of two runs of one repeat is the same float64 (Object.is: also -0 vs 0 and NaN); the backends are
 * the same but for lockstep's ×N, unless `backends: false` (runs on two tiers).
 */
export function expectIdentical(together: RepeatRun, alone: RepeatRun, label: string, options: { readonly backends?: boolean } = {}): void {
  const same = (a: readonly number[], b: readonly number[], what: string) => {
    expect(a.length, `${label} ${what}: count`).toBe(b.length);
    const firstDiff = a.findIndex((v, i) => !Object.is(v, b[i]));
    expect(firstDiff, `${label} ${what}: first differing index (${a[firstDiff]} vs ${b[firstDiff]})`).toBe(-1);
  };
  same(together.losses, alone.losses, 'epoch losses');
  expect(together.error === undefined, `${label}: both ran or both failed`).toBe(alone.error === undefined);
  if (alone.error !== undefined) {
    expect(String(together.error)).toBe(String(alone.error));
    return;
  }
  const t = together.outcome!;
  const a = alone.outcome!;
  expect(Object.keys(t.metrics).sort()).toEqual(Object.keys(a.metrics).sort());
  for (const k of Object.keys(a.metrics)) expect(Object.is(t.metrics[k], a.metrics[k]), `${label} metric ${k}: ${t.metrics[k]} vs ${a.metrics[k]}`).toBe(true);
  same(t.predictions.map((p) => p.predicted), a.predictions.map((p) => p.predicted), 'predictions');
  expect(t.predictions.map((p) => `${p.split}${p.step}`)).toEqual(a.predictions.map((p) => `${p.split}${p.step}`));
  expect(t.weights!.map((w) => w.name)).toEqual(a.weights!.map((w) => w.name));
  t.weights!.forEach((w, i) => same(Array.from(w.values), Array.from(a.weights![i]!.values), `weight ${w.name}`));
  expect(t.engine).toBe(a.engine);
  if (options.backends !== false) expect(t.backend).toBe(`${a.backend} lockstep×${t.backend.split('×')[1]}`);
}
