import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { mulInto, mulPackedInto, PackedWeights, repackWeights } from '../fused/gemm.js';
import { useKernels } from '../fused/kernel-tier.js';
import { mat, type Mat } from '../fused/mat.js';
import { naiveProduct } from '../../../testing/fused/gemm-oracle.js';
import { loadNativeAddon } from './native-addon.js';
import { resolveKernelTier, type KernelChoice } from './tiers.js';
import { loadWasmKernels } from './wasm-kernels.js';

// The recurrent layers' pack-once products (fused/gemm.ts: PackedWeights, repackWeights, mulPackedInto) on every
// tier that is built: the values mulInto gives on that tier, bit for bit (the native tier packs, the others
// multiply the view), and after the weights change and are repacked, the new product (a stale packing fails).
const TIERS: readonly { name: KernelChoice; absent: string | null }[] = [
  { name: 'native', absent: typeof loadNativeAddon() === 'string' ? String(loadNativeAddon()) : null },
  { name: 'wasm', absent: typeof loadWasmKernels() === 'string' ? String(loadWasmKernels()) : null },
  { name: 'js', absent: null },
];

function filled(Type: Float32ArrayConstructor | Float64ArrayConstructor, length: number, seed: number): Float32Array | Float64Array {
  const rng = createRng(seed, 'packed-weights');
  return new Type(length).map(() => rng.next() - 0.5);
}

for (const { name, absent } of TIERS) {
  describe.skipIf(absent !== null)(`packed weights on the ${name} tier${absent === null ? '' : ` (skipped: ${absent})`}`, () => {
    for (const Type of [Float32Array, Float64Array]) {
      // h·R of SimpleRNN(150), LSTM-like 4u gates, odd sizes, and batches of 1–3 rows (unpacked on native).
      for (const [batch, u, w] of [[150, 150, 150], [37, 20, 80], [5, 33, 33], [2, 40, 160], [1, 64, 256]] as const) {
        it(`${Type.name}: [${batch}×${u}]·R[${u}×${w}] and dZ[${batch}×${w}]·Rᵀ equal mulInto, also after R changes`, () => {
          const saved = process.env.RNNLAB_KERNELS;
          delete process.env.RNNLAB_KERNELS;
          try {
            useKernels(resolveKernelTier(name));
            // R sits inside a larger parameter array (offset 7), as in a model's flat weights.
            const params = filled(Type, 7 + u * w + 3, u * w);
            const R = mat(params, 7, u, w);
            const forward = new PackedWeights(R, false);
            const backward = new PackedWeights(R, true);
            const h = mat(filled(Type, batch * u, 1), 0, batch, u);
            const dZ = mat(filled(Type, batch * w, 2), 0, batch, w);
            const check = (round: number) => {
              repackWeights(forward, batch);
              repackWeights(backward, batch);
              if (name === 'native') expect(forward.packedBy !== null).toBe(batch >= 4);
              else expect(forward.packedBy).toBeNull();
              for (const accumulate of [false, true]) {
                const start = filled(Type, batch * w, 10 + round);
                const [viaPacked, viaMul] = [mat(start.slice(), 0, batch, w), mat(start.slice(), 0, batch, w)];
                mulPackedInto(viaPacked, h, forward, accumulate);
                mulInto(viaMul, h, R, { accumulate });
                expect(Array.from(viaPacked.data)).toEqual(Array.from(viaMul.data));
                const startBack = filled(Type, batch * u, 20 + round);
                const [backPacked, backMul] = [mat(startBack.slice(), 0, batch, u), mat(startBack.slice(), 0, batch, u)];
                mulPackedInto(backPacked, dZ, backward, accumulate);
                mulInto(backMul, dZ, R, { transposeB: true, accumulate });
                expect(Array.from(backPacked.data)).toEqual(Array.from(backMul.data));
                if (!accumulate) expectProduct(viaPacked, h, R, false, Type);
              }
            };
            check(0);
            // An optimizer step changes R in place: the next pass repacks and multiplies by the new R.
            for (let i = 7; i < 7 + u * w; i++) params[i] = params[i]! * -1.5 + 0.01;
            check(1);
          } finally {
            useKernels(resolveKernelTier('js'));
            if (saved !== undefined) process.env.RNNLAB_KERNELS = saved;
          }
        });
      }
    }
  });
}

describe.skipIf(TIERS[0]!.absent !== null)('packed weights across tiers', () => {
  it('a packing made on the native tier is not used after the thread switches to another tier', () => {
    const saved = process.env.RNNLAB_KERNELS;
    delete process.env.RNNLAB_KERNELS;
    try {
      const R = mat(filled(Float32Array, 40 * 60, 3), 0, 40, 60);
      const packed = new PackedWeights(R, false);
      useKernels(resolveKernelTier('native'));
      repackWeights(packed, 16);
      expect(packed.packedBy).not.toBeNull();
      useKernels(resolveKernelTier('js'));
      const h = mat(filled(Float32Array, 16 * 40, 4), 0, 16, 40);
      const [viaPacked, viaJs] = [mat(new Float32Array(16 * 60), 0, 16, 60), mat(new Float32Array(16 * 60), 0, 16, 60)];
      mulPackedInto(viaPacked, h, packed, false);
      mulInto(viaJs, h, R);
      expect(Array.from(viaPacked.data)).toEqual(Array.from(viaJs.data)); // the js loops ran, not the native packing
    } finally {
      useKernels(resolveKernelTier('js'));
      if (saved !== undefined) process.env.RNNLAB_KERNELS = saved;
    }
  });
});

/** C = A·op(B) against the definition in float64 (float32 ≤ 1e-5 of Σ|a·b|, float64 ≤ 1e-12). */
function expectProduct(C: Mat, A: Mat, B: Mat, transposeB: boolean, Type: Float32ArrayConstructor | Float64ArrayConstructor): void {
  const [m, k, n] = [A.rows, A.cols, transposeB ? B.rows : B.cols];
  const { c, size } = naiveProduct(m, n, k, A.data, A.offset, A.stride, 1, B.data, B.offset, transposeB ? 1 : B.stride, transposeB ? B.stride : 1);
  const bound = Type === Float32Array ? 1e-5 : 1e-12;
  let worst = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(C.data[C.offset + i * C.stride + j]! - c[i * n + j]!) / size[i * n + j]!);
  expect(worst).toBeLessThanOrEqual(bound);
}
