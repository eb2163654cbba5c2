import { describe, expect, it } from 'vitest';
import { lockstepRefusal, lockstepSpecRefusal } from '../../src-main/engine/fused/lockstep/eligibility.js';
import { NATIVE_LIMITS, resolveKernelTier } from '../../src-main/engine/kernels/tiers.js';
import { expectIdentical, runAlone, runTogether, shampooData, shampooSpec } from './lockstep-fixtures.js';

// Lockstep training is used only because it is bit-identical per repeat to training that repeat alone: every
// epoch loss, weight, prediction and metric is compared with Object.is (no tolerance). Float64 and float32
// storage round differently, so both are checked. Epochs are cut from 3000 to keep the test short; the state
// carries over 23 steps per epoch and Adam's bias corrections change every step, so a few dozen epochs exercise
// every path (and any order-of-operations slip shows within one step).
const SEEDS = [1, 7, 123456789, 2024, 99];

describe('lockstep training of the shampoo repeats', () => {
  for (const precision of ['float64', 'float32'] as const) {
    it(`gives each repeat the numbers it gets alone (stateful LSTM(4) → Dense(1), real data, ${precision})`, async () => {
      const spec = shampooSpec({ precision, training: { ...shampooSpec().training, epochs: 40 } });
      const data = shampooData(spec);
      const together = await runTogether(spec, data, SEEDS);
      for (const [i, seed] of SEEDS.entries()) expectIdentical(together[i]!, await runAlone(spec, data, seed), `seed ${seed}`);
      expect(together[0]!.outcome!.backend).toMatch(new RegExp(`-${precision === 'float32' ? 'f32' : 'f64'} lockstep×5$`));
      // Different seeds really trained differently (the lanes are not one model copied).
      expect(new Set(together.map((r) => r.outcome!.metrics.rmse)).size).toBe(SEEDS.length);
    });
  }

  // On the native tier a group runs its lane products, backward cell loop and Adam on the addon's exact kernels
  // (lanes padded to a full vector); alone on the js tier every one of those is a JS loop: still the same bits.
  // Every instruction set this CPU runs (AVX-512, AVX2, SSE2 on an AVX-512 machine): the exact kernels do the same
  // operations at every vector width.
  it.skipIf(resolveKernelTier('auto').name !== 'native')('is identical across tiers and ISAs: lockstep on the native tier, alone on the js tier (float32 and float64, 5 lanes → padded)', async () => {
    const addon = resolveKernelTier('native').addon!;
    const isas = addon.info().supported;
    try {
      for (const isa of isas) {
        addon.useIsa(isa);
        for (const precision of ['float32', 'float64'] as const) {
          const spec = shampooSpec({ precision, kernels: 'native', training: { ...shampooSpec().training, epochs: 30 } });
          const data = shampooData(spec);
          const together = await runTogether(spec, data, SEEDS);
          expect(together[0]!.outcome!.backend).toMatch(/^native-.* lockstep×5$/);
          const jsSpec = shampooSpec({ precision, kernels: 'js', training: spec.training });
          for (const [i, seed] of SEEDS.entries()) expectIdentical(together[i]!, await runAlone(jsSpec, data, seed), `${isa} ${precision} seed ${seed}`, { backends: false });
        }
      }
    } finally {
      addon.useIsa(isas[0]!);
    }
  });

  // A linear head runs the native tier's whole-step kernel (lane-kernels.ts step), a tanh head the per-product path.
  it('is identical with other settings too: stateless, shuffled, batches of 4 with a partial last one, lag 3, tanh and linear heads, mae, SGD with momentum', async () => {
    const base = shampooSpec();
    for (const [precision, head] of [['float64', 'tanh'], ['float32', 'tanh'], ['float64', 'linear'], ['float32', 'linear']] as const) {
      const spec = shampooSpec({
        precision,
        preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag: 3 } }, { minmax: { min: -1, max: 1 } }],
        model: { layers: [{ lstm: { units: 3, stateful: false } }, { dense: { units: 1, activation: head } }] },
        training: { ...base.training, epochs: 30, batchSize: 4, shuffle: true, resetStates: 'batch', loss: 'mae', optimizer: { sgd: { learningRate: 0.05, momentum: 0.9 } } },
      });
      const data = shampooData(spec);
      expect(data.trainX.n % 4).not.toBe(0);
      const seeds = [3, 4, 5];
      const together = await runTogether(spec, data, seeds);
      for (const [i, seed] of seeds.entries()) expectIdentical(together[i]!, await runAlone(spec, data, seed), `${precision} ${head} head seed ${seed}`);
    }
  });

  it('fails a diverging lane at the epoch it diverges alone and keeps the others going', async () => {
    const spec = shampooSpec({ training: { ...shampooSpec().training, epochs: 20, optimizer: { sgd: { learningRate: 1e6 } } } });
    const data = shampooData(spec);
    const together = await runTogether(spec, data, [1, 2]);
    for (const [i, seed] of [1, 2].entries()) expectIdentical(together[i]!, await runAlone(spec, data, seed), `seed ${seed}`);
    expect(String(together[0]!.error)).toMatch(/diverged at epoch/);
  });

  it('refuses what it cannot make identical, saying why', () => {
    const spec = shampooSpec();
    expect(lockstepSpecRefusal(spec)).toBeNull();
    expect(lockstepSpecRefusal({ ...spec, engine: 'tfjs' })).toMatch(/engine tfjs/);
    expect(lockstepSpecRefusal(shampooSpec({ model: { layers: [{ lstm: { units: 4, stateful: true } }, { dropout: { rate: 0.2 } }, { dense: { units: 1 } }] } }))).toMatch(/LSTM → Dense stacks only, got lstm → dropout → dense/);
    expect(lockstepSpecRefusal(shampooSpec({ model: { layers: [{ gru: { units: 4 } }, { dense: { units: 1 } }] } }))).toMatch(/got gru → dense/);
    const data = shampooData(spec);
    expect(lockstepRefusal(spec, { trainX: data.trainX, outputs: 1 }, NATIVE_LIMITS)).toBeNull();
    // LSTM(64): h·R is 1×64·64×256 — the native kernels run it (and round differently), so no lockstep.
    const big = shampooSpec({ model: { layers: [{ lstm: { units: 64, stateful: true } }, { dense: { units: 1 } }] } });
    expect(lockstepRefusal(big, { trainX: data.trainX, outputs: 1 }, NATIVE_LIMITS)).toMatch(/runs on the kernel tier/);
    expect(lockstepRefusal(spec, { trainX: { ...data.trainX, lengths: new Int32Array(data.trainX.n).fill(1) }, outputs: 1 }, NATIVE_LIMITS)).toMatch(/masked/);
  });
});
