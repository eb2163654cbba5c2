import type { CellKind, CellRequest, CellTrace } from '../contract/cell-lab.js';
import { LabError } from '../contract/errors.js';
import { innerOf, layerOf, type LayerOf } from '../contract/layers.js';
import type { WeightTensor } from '../contract/results.js';
import type { ExperimentSpec } from '../contract/spec.js';
import { cellFormulas, stepCell, type CellWeights } from '../engine/cell-steps.js';
import { initialWeights, weightLayout } from '../engine/init.js';
import { selectEngine } from '../engine/select.js';
import type { Sequences } from '../engine/sequence-model.js';
import { prepareTask } from '../runner/tasks/index.js';
import type { TrainedModels } from './trained-models.js';

const CELL_KINDS: readonly string[] = ['lstm', 'gru', 'simpleRNN'];
type Cell = Extract<LayerOf, { kind: CellKind }>;

/**
 * The cell lab: one recurrent layer of an experiment's model — a kept repeat's weights, or the seeded initial
 * weights of an untrained model — stepped through one held-out example gate by gate (engine/cell-steps), and
 * checked against the engine's own output of that layer on the same input. Refusals are one line: a layer that
 * is not LSTM/GRU/SimpleRNN, an example or repeat that does not exist, a repeat that kept no weights.
 */
export async function openCell(models: TrainedModels, ref: string | number, request: CellRequest): Promise<CellTrace> {
  const experiment = models.experiment(ref);
  const configNo = request.config ?? 1;
  const config = experiment.configs[configNo - 1];
  if (!config) throw new LabError('NOT_FOUND', `config ${configNo}: experiment #${experiment.id} has ${experiment.configs.length} configuration(s)`);
  const layers = config.model.layers.map(layerOf);
  const cells = layers.flatMap((l, i) => {
    const c = cellOf(l);
    return c ? [{ index: i, kind: c.kind, units: c.config.units, ...(l.kind === 'bidirectional' ? { bidirectional: true } : {}) }] : [];
  });
  const index = request.layer ?? cells[0]?.index ?? -1;
  const layer = layers[index];
  const cell = layer ? cellOf(layer) : null;
  if (!layer || !cell) {
    throw new LabError(
      'REQUEST_INVALID',
      `layer ${request.layer ?? ''}: the cell lab opens LSTM, GRU and SimpleRNN layers (also inside Bidirectional); this model's are ${cells.length ? cells.map((c) => `${c.index} (${c.kind})`).join(', ') : 'none'}`,
    );
  }
  const bidirectional = layer.kind === 'bidirectional' ? layer.config : null;
  const direction = request.direction ?? 'forward';
  if (direction === 'backward' && !bidirectional) throw new LabError('REQUEST_INVALID', `direction "backward": layers[${index}] is not Bidirectional; it runs forward only`);
  const prepared = prepareTask(config);
  const examples = prepared.examples;
  if (!examples || examples.x.n === 0) throw new LabError('REQUEST_INVALID', `experiment #${experiment.id}: its task has no held-out examples to step through`);
  const exampleNo = request.example ?? 1;
  if (!Number.isInteger(exampleNo) || exampleNo < 1 || exampleNo > examples.x.n) {
    throw new LabError('REQUEST_INVALID', `example ${exampleNo}: pick 1 to ${examples.x.n} (the held-out examples)`);
  }
  const { weights, seed, repeat, engineName } = chooseWeights(models, ref, config, configNo, request, prepared.input.features);
  const x = oneRow(examples.x, exampleNo - 1);
  const length = x.lengths?.[0] ?? x.steps;

  const engine = await selectEngine(engineName, prefixModel(config, index, false), config.precision, config.kernels);
  const run = async (upTo: number, sequences: boolean): Promise<Float64Array> => {
    const model = await engine.create({
      model: prefixModel(config, upTo, sequences),
      input: { batchSize: 1, steps: x.steps, features: x.features },
      // Only forward passes run: a loss that needs a softmax output (the full model's) does not apply to a prefix.
      training: { ...config.training, loss: 'mse' },
      weights: weights.filter((w) => layerIndex(w) <= upTo),
      backend: config.backend,
    });
    try {
      return await model.predict(x);
    } finally {
      model.dispose();
    }
  };
  // The layer's input: the example itself, or what the layers below it output at each step.
  const inputs = index === 0 ? x.data : await run(index - 1, true);
  const features = inputs.length / x.steps;
  const weightsOf = (prefix: string): CellWeights => {
    const own = (name: string) => weights.find((w) => w.name === `layers[${index}].${layer.kind}.${prefix}${name}`)?.values;
    return { kernel: own('kernel')!, recurrentKernel: own('recurrentKernel')!, ...(own('bias') ? { bias: own('bias')! } : {}) };
  };
  // A Bidirectional layer runs its cell forward, and backward over the sequence reversed within its length; Keras
  // aligns the backward outputs with the input positions and merges both (concat by default).
  const forward = stepCell(cell, weightsOf(bidirectional ? 'forward.' : ''), inputs, features, length);
  const backward = bidirectional ? stepCell(cell, weightsOf('backward.'), reversed(inputs, features, length), features, length) : null;
  const u = cell.config.units;
  const expected = (t: number, j: number): number => {
    const fw = forward.steps[t]!.output;
    if (!backward) return fw[j]!;
    const bw = backward.steps[length - 1 - t]!.output;
    switch (bidirectional!.mergeMode) {
      case 'concat':
        return j < u ? fw[j]! : bw[j - u]!;
      case 'sum':
        return fw[j]! + bw[j]!;
      case 'ave':
        return (fw[j]! + bw[j]!) / 2;
      case 'mul':
        return fw[j]! * bw[j]!;
    }
  };
  const engineOut = await run(index, true);
  const width = engineOut.length / x.steps;
  let maxAbsDiff = 0;
  let scale = 1;
  for (let t = 0; t < length; t++) {
    for (let j = 0; j < width; j++) {
      const v = expected(t, j);
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - engineOut[t * width + j]!));
      scale = Math.max(scale, Math.abs(v));
    }
  }
  const float64 = engine.name === 'fused' && config.precision !== 'float32';
  const tolerance = float64 ? 1e-9 : 1e-5 * scale;
  const trace = direction === 'backward' ? backward! : forward;
  return {
    ...trace,
    formulas: cellFormulas(cell),
    cells,
    source: {
      experiment: `#${experiment.id} ${experiment.name}`,
      config: configNo,
      repeat,
      seed,
      layer: index,
      ...(bidirectional ? { direction } : {}),
      example: exampleNo,
      examples: examples.x.n,
      ...(examples.labels?.[exampleNo - 1] !== undefined ? { label: examples.labels[exampleNo - 1]! } : {}),
    },
    engineCheck: { engine: `${engine.name}${float64 ? ' float64' : ' float32'}`, maxAbsDiff, tolerance, ok: maxAbsDiff <= tolerance },
  };
}

/** The cell a layer steps: the layer itself (LSTM, GRU, SimpleRNN) or the one a Bidirectional wraps; else null. */
function cellOf(l: LayerOf): Cell | null {
  if (CELL_KINDS.includes(l.kind)) return l as Cell;
  if (l.kind === 'bidirectional') {
    const inner = innerOf(l.config.layer);
    return { kind: inner.kind, config: inner.config } as Cell;
  }
  return null;
}

/** The first `length` rows of a steps × features array in reverse order. */
function reversed(inputs: Float64Array, features: number, length: number): Float64Array {
  const out = new Float64Array(length * features);
  for (let t = 0; t < length; t++) out.set(inputs.subarray((length - 1 - t) * features, (length - t) * features), t * features);
  return out;
}

/** Kept weights of the chosen repeat, or seeded initial weights (the repeat's seed when one is named, else the experiment's). */
function chooseWeights(models: TrainedModels, ref: string | number, config: ExperimentSpec, configNo: number, request: CellRequest, features: number) {
  if (request.untrained) {
    const seed = config.seed;
    return { weights: initialWeights(config.model, features, seed), seed, repeat: null, engineName: config.engine };
  }
  const kept = models.trial(ref, { config: configNo, repeat: request.repeat ?? 1, fold: 1 });
  const engineName = kept.trial.engine === 'tfjs' ? ('tfjs' as const) : kept.trial.engine === 'fused' ? ('fused' as const) : config.engine;
  // Engines store weights in one order but under their own names (tfjs: "lstm_LSTM1/kernel"): name them by position.
  const layout = weightLayout(config.model, features);
  if (layout.length !== kept.weights.length || layout.some((l, i) => l.shape.join() !== kept.weights[i]!.shape.join())) {
    throw new LabError('INTERNAL', `repeat ${kept.trial.repeatIndex + 1}: its kept weights do not have the model's layout`);
  }
  const weights = kept.weights.map((w, i) => ({ ...w, name: layout[i]!.name }));
  return { weights, seed: kept.trial.seed, repeat: kept.trial.repeatIndex + 1, engineName };
}

/** Layers 0..upTo of the model, stateless (the lab starts from zero state), the last one emitting every step when asked. */
function prefixModel(config: ExperimentSpec, upTo: number, sequences: boolean) {
  return {
    layers: config.model.layers.slice(0, upTo + 1).map((spec, i) => {
      const l = layerOf(spec);
      const last = i === upTo && sequences ? { returnSequences: true } : {};
      if (l.kind === 'bidirectional') {
        const inner = innerOf(l.config.layer);
        return { bidirectional: { ...l.config, layer: { [inner.kind]: { ...inner.config, stateful: false, ...last } } } } as typeof spec;
      }
      if (!CELL_KINDS.includes(l.kind)) return spec;
      return { [l.kind]: { ...(l.config as object), stateful: false, ...last } } as typeof spec;
    }),
  };
}

const layerIndex = (w: WeightTensor): number => Number(/^layers\[(\d+)\]/.exec(w.name)?.[1] ?? -1);

/** Row `r` of a batch as a batch of one. */
function oneRow(x: Sequences, r: number): Sequences {
  const width = x.steps * x.features;
  return { data: x.data.slice(r * width, (r + 1) * width), n: 1, steps: x.steps, features: x.features, ...(x.lengths ? { lengths: Int32Array.of(x.lengths[r]!) } : {}) };
}
