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
 * bench/data-parallel-crossover.ts (AMD EPYC 2 cores, Node 20, native tier, float32 / float64, ms per step on 1
 * thread → 2 threads, a machine shared with other sessions, ±20 %):
 *   LSTM(4) stateless, 12 steps × 1, batch 4 (≈ 2.9 k muladds)                 0.03 → 0.05 (loses)
 *   SimpleRNN(16), 28 × 28, batch 32 (≈ 1.9 M)                                0.25 → 0.22 (≈ even)
 *   SimpleRNN(32), 28 × 28, batch 150 (≈ 24 M)                                1.2  → 0.75
 *   SimpleRNN(150) (mnist-rnn), batch 150 (≈ 337 M)                           8.5  → 4.8
 * Below ≈ 2 M the per-step cost of the split (waking the workers, copying the batch into shared memory,
 * summing the gradients) eats the gain; 4 M leaves margin.
 */
export const DATA_PARALLEL_MIN_MULADDS = 4_000_000;

/**
 * Why a model cannot (or should not) train data-parallel on `threads` threads, or null when it can: stateful
 * layers (a share would carry another share's state), Dropout (each share would draw its own masks, so results
 * would depend on the thread count), fewer than 2 rows per share, or too little work per step.
 * Variable-length batches are refused at training time (only the batch tells).
 */
export function dataParallelProblem(request: ModelRequest, threads: number): string | null {
  if (threads < 2) return 'one thread';
  const layers = request.model.layers.map(layerOf);
  if (layers.length === 0) return 'not a stack of layers';
  if (layers.some(isStateful)) return 'stateful layers carry state from batch to batch';
  if (layers.some((l) => l.kind === 'dropout')) return 'Dropout masks would depend on the thread count';
  if (request.input.batchSize < 2 * threads) return `batch of ${request.input.batchSize} rows is too small to split over ${threads} threads`;
  const work = stepMuladds(layers, request.input);
  if (work < DATA_PARALLEL_MIN_MULADDS) return `${(work / 1e6).toFixed(2)} M multiply-adds per step, below the ${DATA_PARALLEL_MIN_MULADDS / 1e6} M from which splitting wins`;
  return null;
}
