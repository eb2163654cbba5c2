import { isStateful, layerOf, outputWidth, paramCount, keepsSequence, type LayerOf } from '../../contract/layers.js';
import type { InputShape, ModelRequest } from '../../engine/sequence-model.js';

/**
 * Multiply-adds of one training step (forward + backward ≈ 3 × forward) of a stack on a full batch: each
 * layer's weights are applied once per row and per step it sees (an Embedding is a lookup: its width per step).
 * A measure of the work a step splits over threads, not an exact count.
 */
export function stepMuladds(layers: readonly LayerOf[], input: InputShape): number {
  let width = input.features;
  let sequence = true;
  let perRow = 0;
  for (const l of layers) {
    const applied = sequence ? input.steps : 1;
    perRow += applied * (l.kind === 'embedding' ? outputWidth(l, width) : paramCount(l, width));
    width = outputWidth(l, width);
    sequence = keepsSequence(l, sequence);
  }
  return 3 * input.batchSize * perRow;
}

/**
 * From how many multiply-adds per step splitting the batch over 2 threads wins, measured with
 * bench/data-parallel-crossover.ts (AMD EPYC, 2 cores, Node 20, native AVX2 tier, 2 Dec 2026). The machine was
 * shared with other sessions (load 6–9 on 2 cores), so a second thread rarely found a free core and wall-clock
 * ratios hovered at 0.7–1.0× for every size; the decision rests on CPU time, which the load does not change: on
 * 2 idle cores a split step takes ≈ its CPU time / 2 + ≈0.05 ms of wake-up. CPU ms per step, 1 thread → 2
 * threads (both threads' time), float32 / float64, and the idle-machine speed-up that gives:
 *   LSTM(4), 12 × 1, batch 64 (0.22 M)            0.29–0.49 → 0.68–0.82      ≈ 0.4× (loses)
 *   SimpleRNN(16), 28 × 28, batch 32 (1.9 M)      0.73–0.78 → 1.12–1.40      ≈ 0.5–0.65×
 *   SimpleRNN(16), 28 × 28, batch 150 (9.2 M)     1.7–2.0  → 2.85–3.15       ≈ 0.9–1.05× (even)
 *   SimpleRNN(32), 28 × 28, batch 150 (25 M)      3.2–3.95 → 4.6–5.4         ≈ 1.17×
 *   LSTM(32), 28 × 28, batch 150 (99 M)           11–16.5  → 12–21.6         ≈ 1.5–1.9×
 *   SimpleRNN(150) (mnist-rnn), batch 150 (339 M) 18.6–38  → 21–37           ≈ 1.5–2.05×
 * A split costs ≈1 ms of CPU per step whatever the size (waking the worker, its share's fixed per-call costs,
 * summing the gradients), so it pays from ≈10 M multiply-adds; 20 M leaves margin for the noise of these figures.
 */
export const DATA_PARALLEL_MIN_MULADDS = 20_000_000;

/** The part of {@link dataParallelProblem} the layers alone decide (known before the data is loaded). */
export function stackProblem(layers: readonly LayerOf[]): string | null {
  if (layers.length === 0) return 'not a stack of layers';
  if (layers.some(isStateful)) return 'stateful layers carry state from batch to batch';
  if (layers.some((l) => l.kind === 'dropout')) return 'Dropout masks would depend on the thread count';
  return null;
}

/**
 * Why a model cannot (or should not) train data-parallel on `threads` threads, or null when it can: stateful
 * layers (a share would carry another share's state), Dropout (each share would draw its own masks, so results
 * would depend on the thread count), fewer than 2 rows per share, or too little work per step.
 * Variable-length batches are refused at training time (only the batch tells).
 */
export function dataParallelProblem(request: ModelRequest, threads: number): string | null {
  if (threads < 2) return 'one thread';
  const layers = request.model.layers.map(layerOf);
  const kind = stackProblem(layers);
  if (kind !== null) return kind;
  if (request.input.batchSize < 2 * threads) return `batch of ${request.input.batchSize} rows is too small to split over ${threads} threads`;
  const work = stepMuladds(layers, request.input);
  if (work < DATA_PARALLEL_MIN_MULADDS) return `${(work / 1e6).toFixed(2)} M multiply-adds per step, below the ${DATA_PARALLEL_MIN_MULADDS / 1e6} M from which splitting wins`;
  return null;
}
