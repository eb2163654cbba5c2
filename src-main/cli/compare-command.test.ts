import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../contract/compare.js';
import { ROOT, rnnlab } from '../../testing/cli/run-cli.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';
import { wilcoxon } from '../stats/wilcoxon.js';

// `rnnlab compare` on a temp database with real short runs: a grid of two configurations, compared by name.
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-compare-cli-'));
const db = join(dir, 'lab.db');
const spec = join(dir, 'grid.json');
writeFileSync(
  spec,
  JSON.stringify({
    name: 'units-grid',
    data: { kind: 'csv', path: join(ROOT, 'data/shampoo-sales.csv'), column: 'Sales', timeColumn: 'Month' },
    preprocessing: [{ difference: {} }, { supervised: {} }, { minmax: {} }],
    model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
    training: { epochs: 8, optimizer: { adam: { learningRate: 0.02 } } },
    evaluation: { protocol: 'walk-forward', testSize: 12, metrics: ['rmse', 'mae'] },
    repeats: 4,
    seed: 5,
    engine: 'fused',
    grid: { 'model.layers[0].lstm.units': [2, 6] },
  }),
);

describe('rnnlab compare', () => {
  it('--json gives the comparison of a grid’s configurations, paired by repeat, with the stats of the stored metrics', () => {
    expect(rnnlab(['run', spec, '--db', db, '--json']).code).toBe(0);
    const out = rnnlab(['compare', 'units-grid', '--json', '--reference', '2', '--metric', 'mae', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as CompareResult;
    expect(r.metric).toBe('mae');
    expect(r.groups.map((g) => g.label)).toEqual(['units=2', 'units=6']);
    expect(r.reference).toBe(1);
    expect(r.againstReference).toHaveLength(1);
    const [row] = r.againstReference;
    expect([row!.a, row!.b]).toEqual([0, 1]);
    expect(row!.design).toBe('paired');
    const store = new SqliteExperimentStore(db);
    const mae = (c: number) => store.listTrials(1).filter((t) => t.configIndex === c).sort((a, b) => a.repeatIndex - b.repeatIndex).map((t) => t.metrics.mae!);
    const [a, b] = [mae(0), mae(1)];
    store.close();
    expect(r.groups[0]!.values).toEqual(a);
    expect(row!.primary.pValue).toBe(wilcoxon(a, b).pValue);
    // One test in the family: Holm leaves it as it is.
    expect(row!.primary.adjustedP).toBe(row!.primary.pValue);
    expect(r.ranks).toBeNull();
  }, 120_000);

  it('writes Markdown with the readings, one CSV table, and refuses what it cannot compare in one line', () => {
    const md = rnnlab(['compare', '1', '--db', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^compare rmse over 2 groups \(lower is better; paired\)/);
    expect(md.stdout).toMatch(/\n- units=(2|6) (beats|and) .*Holm-adjusted p .* \(paired by repeat: the same seed in each of 4 repeats\)\n/);
    const csv = rnnlab(['compare', '1', '--format', 'csv', '--table', 'summary', '--correction', 'bh', '--db', db]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('group,n,mean,std,SEM,95% CI low,95% CI high,median,IQR,min,max,baseline: persistence');
    const bad = rnnlab(['compare', '1', '--metric', 'accuracy', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('rnnlab: compare: #1 units-grid does not record accuracy (it records rmse, mae); pick a metric every compared experiment has\n');
    const ref = rnnlab(['compare', '1', '--reference', '3', '--db', db]);
    expect(ref.stderr).toBe('rnnlab: --reference 3: there are 2 groups; pick 1–2\n');
    const missing = rnnlab(['compare', '1', 'nope', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it("list shows a grid's best configuration (its mean ± std and label), not the pooled mean", () => {
    const r = JSON.parse(rnnlab(['compare', 'units-grid', '--json', '--db', db]).stdout) as CompareResult;
    const best = [...r.groups].sort((a, b) => a.summary.mean - b.summary.mean)[0]!;
    const list = rnnlab(['list', '--db', db]);
    expect(list.code).toBe(0);
    const row = list.stdout.split('\n').find((l) => l.includes('units-grid'))!;
    expect(row).toContain(`(best of 2: ${best.label})`);
    expect(row).toContain(best.summary.mean.toFixed(3));
  }, 60_000);
});
