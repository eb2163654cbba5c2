import { Worker } from 'node:worker_threads';
import type { ModelRequest, Sequences, WeightTensor } from '../../engine/sequence-model.js';
import { FusedModel, type FusedOptions } from '../../engine/fused/model.js';
import { CONTROL_SLOTS, Ctrl, FAILURE_BYTES, Mode, shareRows, type WorkerSetup } from './protocol.js';
import type { Vec } from '../../engine/fused/types.js';

/** A worker thread of a replica, started before its model is known, and a promise that rejects if it fails. */
interface SpawnedWorker {
  readonly worker: Worker;
  readonly failed: Promise<never>;
}

/** Starts a replica worker: it loads its modules, then waits for its {@link WorkerSetup} message. */
function spawnWorker(): SpawnedWorker {
  // Under vitest/tsx the sources are .ts; the built tree has .js.
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './worker.ts' : './worker.js', import.meta.url);
  // Running from TypeScript sources (tests): register tsx in the worker before importing the entry.
  const worker = ts
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new Worker(url);
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  failed.catch(() => {}); // observed by create(); a spare that is never taken may fail unobserved
  return { worker, failed };
}

/**
 * Replica workers started ahead of their model, so that loading their modules (0.1–0.8 s on a busy 2-core
 * machine) overlaps the trial's data loading; {@link DataParallelModel.create} takes them, `close` ends the rest.
 */
export class SpareWorkers {
  private readonly spawned: SpawnedWorker[];

  constructor(count: number) {
    this.spawned = Array.from({ length: count }, spawnWorker);
  }

  /** `count` started workers (more are started if fewer are left). */
  take(count: number): SpawnedWorker[] {
    const taken = this.spawned.splice(0, count);
    while (taken.length < count) taken.push(spawnWorker());
    return taken;
  }

  /** Ends the workers nobody took. */
  close(): void {
    for (const { worker } of this.spawned.splice(0)) void worker.terminate();
  }
}

/**
 * Data-parallel training of one fused model on several threads: each batch is split into `threads` shares
 * of rows; the main thread and `threads − 1` workers compute the loss and gradients of their share against
 * the same weights (one array in shared memory), the main thread averages the gradients weighted by rows
 * (exactly the full-batch gradient, since every loss is a mean over rows) and takes the optimizer step.
 * For large batches (MNIST-shaped models); stateless models only (a share would carry another share's state).
 */
export class DataParallelModel {
  private readonly main: FusedModel;
  private readonly workers: Worker[];
  private readonly control: Int32Array;
  private readonly grads: Vec[];
  private readonly losses: Float64Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly outputs: Float64Array;
  private readonly failure: Uint8Array;
  private readonly shares: number;

  private constructor(main: FusedModel, workers: Worker[], control: Int32Array, grads: Vec[], losses: Float64Array, x: Float64Array, y: Float64Array, outputs: Float64Array, failure: Uint8Array) {
    this.main = main;
    this.workers = workers;
    this.control = control;
    this.grads = grads;
    this.losses = losses;
    this.x = x;
    this.y = y;
    this.outputs = outputs;
    this.failure = failure;
    this.shares = workers.length + 1;
  }

  /**
   * Starts `threads − 1` workers (threads ≥ 1; taken from `spare` when given, which saves their start-up) and
   * resolves when every replica is built.
   */
  static async create(request: ModelRequest, options: Omit<FusedOptions, 'buffers'> & { threads: number; spare?: SpareWorkers }): Promise<DataParallelModel> {
    const { threads, spare: _spare, ...fused } = options;
    if (!(Number.isInteger(threads) && threads >= 1)) throw new TypeError(`threads must be an integer ≥ 1, got ${threads}`);
    if (request.model.layers.some((l) => Object.values(l).some((c) => (c as { stateful?: boolean } | undefined)?.stateful === true))) {
      throw new TypeError('data-parallel training needs stateless layers (set stateful: false)');
    }
    const replica: ModelRequest = { ...request, input: { ...request.input, batchSize: Math.ceil(request.input.batchSize / threads) } };
    const bytes = fused.precision === 'f32' ? 4 : 8;
    const probe = new FusedModel(request, fused);
    const count = probe.params.length;
    const shared = (length: number, size = bytes) => new SharedArrayBuffer(Math.max(1, length) * size);
    const paramsBuf = shared(count);
    const gradBufs = Array.from({ length: threads }, () => shared(count));
    const view = (b: SharedArrayBuffer): Vec => (bytes === 8 ? new Float64Array(b) : new Float32Array(b));
    const main = new FusedModel(request, { ...fused, buffers: { params: view(paramsBuf), grads: view(gradBufs[0]!) } });
    const B = request.input.batchSize;
    const control = shared(CONTROL_SLOTS, 4);
    const failure = shared(FAILURE_BYTES, 1);
    const x = shared(B * probe.steps * probe.features, 8);
    const y = shared(B * probe.targetWidth, 8);
    const losses = shared(threads, 8);
    const outputs = shared(B * (probe.outputIsSequence ? probe.steps : 1) * probe.outputs, 8);
    probe.dispose();
    const spawned = options.spare?.take(threads - 1) ?? Array.from({ length: threads - 1 }, spawnWorker);
    const workers = await Promise.all(
      spawned.map(async ({ worker, failed }, i) => {
        const setup: WorkerSetup = { request: replica, options: fused, share: i + 1, shares: threads, control, params: paramsBuf, grads: gradBufs[i + 1]!, x, y, losses, outputs, failure };
        const ready = new Promise<Worker>((resolve) => worker.once('message', () => resolve(worker)));
        worker.postMessage(setup); // shared buffers are shared, not copied
        return Promise.race([ready, failed]);
      }),
    );
    return new DataParallelModel(main, workers, new Int32Array(control), gradBufs.map(view), new Float64Array(losses), new Float64Array(x), new Float64Array(y), new Float64Array(outputs), new Uint8Array(failure));
  }

  /** The main replica (weights, predict, states); its weights are the shared ones. */
  get model(): FusedModel {
    return this.main;
  }

  /**
   * One optimizer step on a batch of `x.n` ≤ batchSize rows (row-major, as {@link FusedModel.trainEpoch}
   * takes them; no `lengths`). Returns the batch loss. Dropout: every share draws from the same seed.
   */
  trainBatch(x: Sequences, y: Float64Array): number {
    const n = x.n;
    if (n > this.main.batchSize) throw new RangeError(`trainBatch takes at most batchSize=${this.main.batchSize} rows, got ${n}`);
    this.checkNoLengths(x);
    const perX = this.main.steps * this.main.features;
    const perY = this.main.targetWidth;
    this.x.set(x.data.subarray(0, n * perX));
    this.y.set(y.subarray(0, n * perY));
    return this.step(n);
  }

  /**
   * One pass over the rows of `x` in `order` (index order when undefined) in batches of the batch size, one
   * optimizer step per batch, as {@link FusedModel.trainEpochSync} does on one thread: the same batches and the
   * same full-batch gradients, summed in another order. Returns the loss averaged over rows.
   */
  trainEpoch(x: Sequences, y: Float64Array, order?: Int32Array, onBatch?: (rowsDone: number, rows: number) => void): number {
    this.checkNoLengths(x);
    const n = x.n;
    if (n === 0) throw new RangeError('data-parallel training needs at least one row');
    if (order !== undefined && order.length !== n) throw new RangeError(`data-parallel training: order holds ${order.length} indices for ${n} rows`);
    const perX = this.main.steps * this.main.features;
    const perY = this.main.targetWidth;
    if (x.steps !== this.main.steps || x.features !== this.main.features || x.data.length < n * perX || y.length !== n * perY) {
      throw new TypeError(`data-parallel training: x must be [n, ${this.main.steps}, ${this.main.features}] and y n × ${perY} values`);
    }
    let total = 0;
    for (let start = 0; start < n; start += this.main.batchSize) {
      const rows = Math.min(this.main.batchSize, n - start);
      // The batch's rows go straight into shared memory, where every share reads its part.
      for (let b = 0; b < rows; b++) {
        const r = order === undefined ? start + b : order[start + b]!;
        this.x.set(x.data.subarray(r * perX, (r + 1) * perX), b * perX);
        this.y.set(y.subarray(r * perY, (r + 1) * perY), b * perY);
      }
      total += this.step(rows) * rows;
      onBatch?.(start + rows, n);
    }
    return total / n;
  }

  private checkNoLengths(x: Sequences): void {
    // Shares would each average over their own valid steps; a masked loss needs the global count first.
    if (x.lengths !== undefined) throw new TypeError('data-parallel training does not take x.lengths yet; train variable-length batches on one thread');
  }

  /**
   * The forward pass over `x` (row-major, n × output steps × outputs, as {@link FusedModel.predictSync} returns
   * it), each batch split over the threads like a training step; variable-length input runs on this thread alone.
   * Rows are independent in a forward pass: only rounding of products of other shapes can differ from one thread.
   */
  predict(x: Sequences): Float64Array {
    if (x.lengths !== undefined) return this.main.predictSync(x);
    const perX = this.main.steps * this.main.features;
    const perOut = (this.main.outputIsSequence ? this.main.steps : 1) * this.main.outputs;
    if (x.steps !== this.main.steps || x.features !== this.main.features || x.data.length < x.n * perX) {
      throw new TypeError(`data-parallel predict: x must be [n, ${this.main.steps}, ${this.main.features}], got [${x.n}, ${x.steps}, ${x.features}]`);
    }
    const result = new Float64Array(x.n * perOut);
    for (let start = 0; start < x.n; start += this.main.batchSize) {
      const rows = Math.min(this.main.batchSize, x.n - start);
      this.x.set(x.data.subarray(start * perX, (start + rows) * perX));
      this.begin(rows, Mode.Predict);
      const [s0, e0] = shareRows(rows, 0, this.shares);
      if (e0 > s0) {
        result.set(this.main.predictSync({ data: this.x.subarray(s0 * perX, e0 * perX), n: e0 - s0, steps: x.steps, features: x.features }), (start + s0) * perOut);
      }
      this.awaitShares();
      result.set(this.outputs.subarray(e0 * perOut, rows * perOut), (start + e0) * perOut);
    }
    return result;
  }

  /** Starts a step of `mode` on the first `n` rows of the shared batch on every worker. */
  private begin(n: number, mode: Mode): void {
    const c = this.control;
    Atomics.store(c, Ctrl.Rows, n);
    Atomics.store(c, Ctrl.Mode, mode);
    Atomics.store(c, Ctrl.Done, 0);
    Atomics.add(c, Ctrl.Generation, 1);
    Atomics.notify(c, Ctrl.Generation);
  }

  /** Waits until every worker has finished the current step; throws the error of a share that failed. */
  private awaitShares(): void {
    const c = this.control;
    for (let d = Atomics.load(c, Ctrl.Done); d < this.workers.length; d = Atomics.load(c, Ctrl.Done)) Atomics.wait(c, Ctrl.Done, d);
    if (Atomics.load(c, Ctrl.Failed) === 1) {
      const end = this.failure.indexOf(0);
      throw new Error(`data-parallel worker failed: ${new TextDecoder().decode(this.failure.slice(0, end < 0 ? undefined : end))}`);
    }
  }

  /** The step on the first `n` rows of the shared batch: every share's gradients, their weighted mean, Adam. */
  private step(n: number): number {
    const perX = this.main.steps * this.main.features;
    const perY = this.main.targetWidth;
    this.begin(n, Mode.Train);
    const [s0, e0] = shareRows(n, 0, this.shares);
    let loss = 0;
    if (e0 > s0) {
      this.losses[0] = this.main.lossAndGradients(
        { data: this.x.subarray(s0 * perX, e0 * perX), n: e0 - s0, steps: this.main.steps, features: this.main.features },
        this.y.subarray(s0 * perY, e0 * perY),
      );
    } else {
      this.grads[0]!.fill(0);
    }
    this.awaitShares();
    // Weighted mean of the shares' gradients into share 0's array, which the main model's optimizer reads.
    const g0 = this.grads[0]!;
    const w0 = (e0 - s0) / n;
    for (let i = 0; i < g0.length; i++) g0[i] = g0[i]! * w0;
    for (let s = 0; s < this.shares; s++) {
      const [start, end] = shareRows(n, s, this.shares);
      const w = (end - start) / n;
      loss += this.losses[s]! * w;
      if (s === 0 || w === 0) continue;
      const gs = this.grads[s]!;
      for (let i = 0; i < g0.length; i++) g0[i] = g0[i]! + w * gs[i]!;
    }
    this.main.applyGradients();
    return loss;
  }

  getWeights(): WeightTensor[] {
    return this.main.getWeights();
  }

  /** Stops the workers and resolves when they have exited. */
  async dispose(): Promise<void> {
    Atomics.store(this.control, Ctrl.Stop, 1);
    Atomics.add(this.control, Ctrl.Generation, 1);
    Atomics.notify(this.control, Ctrl.Generation);
    await Promise.all(this.workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    this.main.dispose();
  }
}
