import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, TrialPool } from './trial-pool.js';
import { parseSpec } from '../contract/validate.js';

/** Nice value of each thread of this process (Linux /proc), by thread id. */
function threadNice(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return out;
}

const spec = parseSpec({
  name: 'priority-check',
  data: { kind: 'csv', path: new URL('../../data/shampoo-sales.csv', import.meta.url).pathname, column: 'Sales' },
  preprocessing: [{ difference: {} }, { supervised: {} }, { minmax: {} }],
  model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
  training: { epochs: 3 },
  evaluation: { protocol: 'walk-forward', testSize: 12 },
  repeats: 1,
  seed: 1,
});

const linux = existsSync('/proc/self/task');
const pool = new TrialPool({ workers: 1, priority: 'background' });
afterAll(() => pool.close());

// The app's backends train at background priority so the API thread preempts training (bench:load measures it).
describe.runIf(linux)('background trial threads (Linux: nice is per thread)', () => {
  it('lower only the trial threads: this thread keeps its priority', async () => {
    const before = threadNice();
    let after = new Map<number, number>();
    // Read while the trial thread is alive (piscina keeps idle threads, but not forever).
    await pool.run([{ trialId: 1, seed: 1, config: spec }], (e) => {
      if (e.type === 'trial-done') after = threadNice();
    });
    const added = [...after].filter(([tid]) => !before.has(tid));
    expect(added.some(([, nice]) => nice === BACKGROUND_NICE), `new threads: ${JSON.stringify(added)}`).toBe(true);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect(after.get(process.pid)).not.toBe(BACKGROUND_NICE);
  });
});
