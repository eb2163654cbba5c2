import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../contract/validate.js';
import { SqliteExperimentStore } from './sqlite-store.js';

const spec = parseSpec({
  name: 'tiny',
  data: { kind: 'csv', path: '/x.csv', column: 'v' },
  preprocessing: [{ supervised: {} }],
  model: { layers: [{ dense: { units: 1 } }] },
  training: { epochs: 1 },
  evaluation: { protocol: 'walk-forward', testSize: 1 },
  repeats: 1,
  seed: 1,
});

// Read caches (the API's curves) trust version(): it must move on every write, ours or another process's.
describe('store version (what read caches key on)', () => {
  it('stays put while only reading, moves on this connection’s writes and on another connection’s commits', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rnnlab-version-')), 'v.db');
    const store = new SqliteExperimentStore(path);
    const other = new SqliteExperimentStore(path);
    const e = store.createExperiment({ name: 'tiny', spec, configs: [spec], headline: 'rmse', trials: [{ configIndex: 0, repeatIndex: 0, seed: 1 }] });
    const [trial] = store.listTrials(e.id);
    const v0 = store.version();
    store.listExperiments();
    store.epochMetrics(e.id, 'loss');
    expect(store.version()).toBe(v0);

    store.appendEpochMetrics([{ trialId: trial!.id, epoch: 1, name: 'loss', value: 0.5 }]);
    const v1 = store.version();
    expect(v1).not.toBe(v0);

    other.appendEpochMetrics([{ trialId: trial!.id, epoch: 2, name: 'loss', value: 0.4 }]);
    const v2 = store.version();
    expect(v2).not.toBe(v1);
    expect(store.epochMetrics(e.id, 'loss').map((m) => m.value)).toEqual([0.5, 0.4]);
    expect(store.version()).toBe(v2);
    other.close();
    store.close();
  });
});
