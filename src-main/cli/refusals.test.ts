import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../contract/errors.js';
import { rnnlab } from '../../testing/cli/run-cli.js';
import { TrialPool } from '../runner/trial-pool.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { appRoot } from '../services/app-root.js';
import { ExperimentService } from '../services/experiment-service.js';
import { LabHandlers } from '../services/lab-handlers.js';
import { prepareExperiment } from '../services/prepare-experiment.js';
import { RunManager } from '../services/run-manager.js';

// Every spec below used to be accepted, stored, and then fail in each trial with engine jargon (or train and
// report nonsense). Each must now be refused before anything is stored — by prepareExperiment, by the API's
// validateSpec and startExperiment (the same answer), and by the CLI — with one line naming the path and the fix.

const experiments = join(appRoot(import.meta.url), 'experiments');
type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- specs are edited as plain JSON here
const builtin = (name: string): Spec => ({ ...JSON.parse(readFileSync(join(experiments, `${name}.json`), 'utf8')), repeats: 1 });
const shampoo = (edit: (s: Spec) => void): Spec => {
  const s = builtin('shampoo-lstm');
  edit(s);
  return s;
};

interface Case {
  readonly name: string;
  readonly spec: Spec;
  /** The spec path the one-line message starts with. */
  readonly path: string;
  /** Words of the fix the message must contain. */
  readonly fix: RegExp;
  readonly code?: string;
}

const CASES: Case[] = [
  {
    name: 'lstm → lstm where the first returns only its last step',
    spec: shampoo((s) => (s.model.layers = [{ lstm: { units: 4, stateful: true } }, { lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }])),
    path: 'model.layers[0].lstm.returnSequences',
    fix: /set "returnSequences": true/,
  },
  {
    name: 'lstm → dense → lstm',
    spec: shampoo((s) => (s.model.layers = [{ lstm: { units: 4, stateful: true } }, { dense: { units: 4 } }, { lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }])),
    path: 'model.layers[0].lstm.returnSequences',
    fix: /through model\.layers\[1\].*set "returnSequences": true/,
  },
  {
    name: 'an embedding that is not the first layer',
    spec: (() => {
      const s = builtin('char-lstm');
      s.model.layers.splice(1, 0, { embedding: { inputDim: 10, outputDim: 4 } });
      return s;
    })(),
    path: 'model.layers[1].embedding',
    fix: /only be the first layer/,
  },
  { name: 'shampoo with batchSize 2', spec: shampoo((s) => (s.training.batchSize = 2)), path: 'training.batchSize', fix: /set "batchSize": 1/ },
  {
    name: 'a GRU run with engine tfjs',
    spec: shampoo((s) => {
      s.model.layers[0] = { gru: { units: 4, stateful: true } };
      s.engine = 'tfjs';
    }),
    path: 'model.layers[0].gru',
    fix: /use engine "auto" or "fused"/,
    code: 'ENGINE_UNSUPPORTED',
  },
  { name: 'dense(3) last in a one-value forecast', spec: shampoo((s) => (s.model.layers[1] = { dense: { units: 3 } })), path: 'model.layers[1].dense.units', fix: /set "units": 1/ },
  {
    name: 'cross-entropy on a regression task',
    spec: (() => {
      const s = builtin('sine-rnn');
      s.training.loss = 'sparseCategoricalCrossentropy';
      return s;
    })(),
    path: 'training.loss',
    fix: /use "mse" or "mae"/,
  },
  {
    name: 'mse on MNIST',
    spec: (() => {
      const s = builtin('mnist-rnn');
      s.training.loss = 'mse';
      return s;
    })(),
    path: 'training.loss',
    fix: /use "sparseCategoricalCrossentropy"/,
  },
  {
    name: 'dense(1, softmax) on a forecast',
    spec: shampoo((s) => (s.model.layers[1] = { dense: { units: 1, activation: 'softmax' } })),
    path: 'model.layers[1].dense.activation',
    fix: /always outputs 1.*use "linear"/,
  },
  { name: 'supervised.lag larger than the series', spec: shampoo((s) => (s.preprocessing[1] = { supervised: { lag: 40 } })), path: 'preprocessing[1].supervised.lag', fix: /use a lag below 23/ },
  {
    name: 'difference.interval ≥ the series length',
    spec: shampoo((s) => (s.preprocessing[0] = { difference: { interval: 36 } })),
    path: 'preprocessing[0].difference.interval',
    fix: /use an interval below 36/,
  },
  {
    name: 'sine tMin > tMax',
    spec: (() => {
      const s = builtin('sine-rnn');
      Object.assign(s.data, { tMin: 30, tMax: 0 });
      return s;
    })(),
    path: 'data.tMax',
    fix: /greater than tMin/,
  },
  {
    name: 'varlen minSteps > maxSteps',
    spec: (() => {
      const s = builtin('varlen-sum');
      Object.assign(s.data, { minSteps: 12, maxSteps: 10 });
      return s;
    })(),
    path: 'data.minSteps',
    fix: /greater than maxSteps/,
  },
];

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-refusals-'));
const dbPath = join(dir, 'lab.db');
const store = new SqliteExperimentStore(dbPath);
const pool = new TrialPool({ workers: 1 });
const service = new ExperimentService(store, pool);
const handlers = new LabHandlers(service, store, new RunManager(service), experiments);
afterAll(async () => {
  await pool.close();
  store.close();
});

const experimentsIn = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM experiments').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('specs refused before anything is stored', () => {
  for (const c of CASES) {
    it(`${c.name}: prepareExperiment, validateSpec and startExperiment refuse it at ${c.path}`, async () => {
      const error = await prepareExperiment(c.spec, experiments).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LabError);
      const message = (error as LabError).message;
      expect(message.startsWith(`${c.path}: `), message).toBe(true);
      expect(message).toMatch(c.fix);
      expect(message).not.toContain('\n');
      expect((error as LabError).code).toBe(c.code ?? (c.path.startsWith('preprocessing') ? 'DATA_INVALID' : 'SPEC_INVALID'));

      const validated = await handlers.dispatch('validateSpec', { spec: c.spec });
      expect(validated).toMatchObject({ ok: true, value: { ok: false } });
      const issues = (validated as { value: { issues: { path: string; message: string }[] } }).value.issues;
      expect(issues[0]!.path).toBe(c.path);

      const started = await handlers.dispatch('startExperiment', { spec: c.spec });
      expect(started).toMatchObject({ ok: false, error: { message } });
      expect(experimentsIn(dbPath)).toBe(0);
    });
  }

  it('the CLI refuses each with one line naming the path, exit code 1, and stores nothing', () => {
    const db = join(dir, 'cli.db');
    for (const [i, c] of CASES.entries()) {
      const file = join(dir, `case-${i}.json`);
      // Written beside the built-ins' data folder so relative data paths resolve as in experiments/.
      writeFileSync(file, JSON.stringify({ ...c.spec, data: { ...c.spec.data, ...(c.spec.data.path ? { path: join(experiments, c.spec.data.path) } : {}) } }));
      const r = rnnlab(['run', file, '--db', db, '--no-progress']);
      expect(r.code, `${c.name}: ${r.stderr}`).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, c.name).toHaveLength(1);
      expect(lines[0]).toContain(`${c.path}: `);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(experimentsIn(db)).toBe(0);
  });

  it('a sound spec still validates (the checks are not refusing everything)', async () => {
    const validated = await handlers.dispatch('validateSpec', { spec: builtin('shampoo-lstm') });
    expect(validated).toMatchObject({ ok: true, value: { ok: true } });
  });
});
