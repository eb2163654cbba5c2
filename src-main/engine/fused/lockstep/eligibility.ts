/**
 * Whether the repeats of a configuration may train in lockstep (lockstep/lstm-dense.ts) — the one place that
 * decides, with the reason when not. The lockstep path is used only where it is bit-identical to each repeat
 * alone: what it implements (a walk-forward forecaster LSTM → Dense on the fused engine, mse/mae, any optimizer,
 * no masks) at sizes where the single path runs gemm.ts's unpacked JS loops and cell-kernels.ts's JS loops on
 * the trial's kernel tier (above them the native or wasm kernels round differently, and win anyway).
 * Everything else runs one trial per worker as before.
 */
import { layerOf } from '../../../contract/layers.js';
import { taskOf, type ExperimentSpec } from '../../../contract/spec.js';
import type { KernelLimits } from '../../kernels/tiers.js';
import type { Sequences } from '../../sequence-model.js';
import { PACK_THRESHOLD } from '../gemm.js';

/** RNNLAB_LOCKSTEP=off turns lockstep training off everywhere (to compare with the per-trial path). */
export function lockstepOffByEnv(): boolean {
  return process.env.RNNLAB_LOCKSTEP === 'off';
}

/**
 * Why a configuration's repeats cannot train in lockstep, judged from the spec alone (the runner's grouping, on
 * the calling thread, before any data is loaded), or null when they may (the data's shape is checked by
 * {@link lockstepRefusal} in the worker).
 */
export function lockstepSpecRefusal(config: ExperimentSpec): string | null {
  if (lockstepOffByEnv()) return 'RNNLAB_LOCKSTEP=off';
  if (taskOf(config) !== 'forecast') return `task ${taskOf(config)}: lockstep trains walk-forward forecasts only`;
  if (config.engine === 'tfjs') return 'engine tfjs: lockstep is a fused-engine path';
  const layers = config.model.layers?.map(layerOf) ?? [];
  if (layers.length !== 2 || layers[0]!.kind !== 'lstm' || layers[1]!.kind !== 'dense') {
    return `model: lockstep trains LSTM → Dense stacks only, got ${layers.map((l) => l.kind).join(' → ') || 'no stack'}`;
  }
  const lstm = layers[0]!;
  const dense = layers[1]!;
  if (lstm.kind !== 'lstm' || dense.kind !== 'dense') return 'model: LSTM → Dense expected';
  if (lstm.config.returnSequences) return 'model.layers[0].lstm.returnSequences: lockstep needs false';
  if (!lstm.config.useBias) return 'model.layers[0].lstm.useBias: lockstep needs true';
  if (!dense.config.useBias) return 'model.layers[1].dense.useBias: lockstep needs true';
  for (const a of [lstm.config.activation, lstm.config.recurrentActivation, dense.config.activation]) {
    if (a === 'softmax') return 'softmax: lockstep runs element-wise activations only';
  }
  const loss = config.training.loss;
  if (loss !== 'mse' && loss !== 'mae') return `training.loss ${loss}: lockstep runs mse and mae only`;
  return null;
}

/** The shapes a lockstep group trains on: the prepared training rows and the dense layer's width. */
export interface LockstepData {
  readonly trainX: Sequences;
  readonly outputs: number;
}

/**
 * Why a configuration's repeats cannot train in lockstep on this data and kernel tier (`limits`: the tier's,
 * engine/kernels/tiers.ts), or null when they may. Checks {@link lockstepSpecRefusal}, then that every product,
 * bias fill, column sum and cell step of the single path stays in its JS loops: below `limits` and below gemm.ts's
 * packing size.
 */
export function lockstepRefusal(config: ExperimentSpec, data: LockstepData, limits: KernelLimits): string | null {
  const spec = lockstepSpecRefusal(config);
  if (spec !== null) return spec;
  const { trainX } = data;
  if (trainX.lengths !== undefined) return 'masked (variable-length) inputs';
  const lstm = layerOf(config.model.layers![0]!);
  if (lstm.kind !== 'lstm') return 'model: LSTM first';
  const u = lstm.config.units;
  const d = data.outputs;
  const B = config.training.batchSize;
  const T = trainX.steps;
  const F = trainX.features;
  const w = 4 * u;
  if (lstm.config.stateful && (B !== 1 || trainX.n % B !== 0)) return 'stateful with batchSize ≠ 1: the per-trial path says why it cannot run';
  const rows = Math.min(B, trainX.n);
  // [m, n, k] of every product of a training step (recurrent.ts, layer-lstm.ts, layer-dense.ts) and of predict.
  const products: [number, number, number][] = [
    [T * rows, w, F], [rows, w, u], [rows, u, w], [F, w, T * rows], [u, w, rows], [u, w, (T - 1) * rows],
    [rows, d, u], [u, d, rows], [rows, u, d],
  ];
  for (const [m, n, k] of products) {
    const muladds = m * n * k;
    if (muladds >= limits.muladds) return `a ${m}×${k}·${k}×${n} product runs on the kernel tier (≥ ${limits.muladds} multiply-adds)`;
    if (m >= 8 && n >= 8 && muladds >= PACK_THRESHOLD) return `a ${m}×${k}·${k}×${n} product is packed`;
  }
  if (rows * d >= limits.elementwise) return `dense rows of ${rows * d} values run on the kernel tier`;
  if (T * rows * w >= limits.elementwise) return `bias rows of ${T * rows * w} values run on the kernel tier`;
  if (rows * u >= limits.cellsForward || rows * u >= limits.cellsBackward) return `${rows * u} LSTM cells per step run on the kernel tier`;
  return null;
}
