import type { FusedOptions } from '../../engine/fused/index.js';
import type { Engine, ModelRequest, SequenceModel, Sequences, TrainEpochOptions, WeightTensor } from '../../engine/sequence-model.js';
import { dataParallelProblem } from './eligibility.js';
import { DataParallelModel, type SpareWorkers } from './model.js';

/**
 * A fused model whose training steps and predictions are split over threads ({@link DataParallelModel}); states
 * and weights are the main replica's. A variable-length epoch (x.lengths) trains on the main replica alone
 * (the shares cannot average a masked loss yet), so `threadsUsed` says what really ran.
 */
class DataParallelSequenceModel implements SequenceModel {
  readonly engine = 'fused';
  readonly backend: string;
  /** The most threads an epoch of this model trained on (1 until one ran split). */
  threadsUsed = 1;

  constructor(
    private readonly parallel: DataParallelModel,
    private readonly threads: number,
  ) {
    this.backend = parallel.model.backend;
  }

  async trainEpoch(x: Sequences, y: Float64Array, options: TrainEpochOptions = {}): Promise<number> {
    if (x.lengths !== undefined) return this.parallel.model.trainEpochSync(x, y, options.order, options.resetEachBatch ?? false, options.onBatch);
    this.threadsUsed = this.threads;
    // Stateless by eligibility: resetEachBatch has nothing to reset.
    return this.parallel.trainEpoch(x, y, options.order, options.onBatch);
  }

  resetStates(): void {
    this.parallel.model.resetStates();
  }

  async predict(x: Sequences): Promise<Float64Array> {
    return this.parallel.predict(x);
  }

  getWeights(): WeightTensor[] {
    return this.parallel.getWeights();
  }

  dispose(): void {
    // The workers exit on their own once told to stop; nothing waits on them (a trial's thread may end first,
    // which terminates them too).
    void this.parallel.dispose();
  }
}

/** The fused engine training eligible models over `threads` threads, and what it ran. */
export interface DataParallelEngine extends Engine {
  /** The most threads any model it built trained on (1 when none was eligible or none trained). */
  threadsUsed(): number;
}

/**
 * `base` (the fused engine built with `fused`'s options) with one difference: a model eligible for data-parallel
 * training ({@link dataParallelProblem}) on `threads` threads is built as a {@link DataParallelModel}; every other
 * model (stateful, with Dropout, too small) exactly as `base` builds it. Replica workers come from `spare` when
 * given (started while the trial loaded its data).
 */
export function dataParallelEngine(base: Engine, fused: FusedOptions, threads: number, spare?: SpareWorkers): DataParallelEngine {
  const built: DataParallelSequenceModel[] = [];
  return {
    name: base.name,
    supports: (layers) => base.supports(layers),
    unsupported: (layers) => base.unsupported(layers),
    async create(request: ModelRequest): Promise<SequenceModel> {
      if (dataParallelProblem(request, threads) !== null) return base.create(request);
      const model = new DataParallelSequenceModel(await DataParallelModel.create(request, { ...fused, threads, ...(spare ? { spare } : {}) }), threads);
      built.push(model);
      return model;
    },
    threadsUsed: () => built.reduce((most, m) => Math.max(most, m.threadsUsed), 1),
  };
}
