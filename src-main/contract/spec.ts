import { z } from 'zod';
import { oneOf, strictObject, chosen } from './one-of.js';
import { ModelSpec } from './layers.js';

/** A univariate series in one column of a CSV file. */
export const CsvSeriesSource = strictObject({
  kind: z.literal('csv'),
  /** Path of the CSV file; relative paths are resolved against the spec file's folder, then the working folder. */
  path: z.string().min(1, 'path is empty; give the CSV file to read'),
  /** Header name of the column holding the values. */
  column: z.string().min(1),
  /** Column holding the time labels, shown in charts and tables (optional). */
  timeColumn: z.string().min(1).optional(),
});
export const DataSource = z.discriminatedUnion('kind', [CsvSeriesSource]);
export type DataSource = z.infer<typeof DataSource>;

/** Preprocessing steps, applied in order; their inverses are applied in reverse to forecasts. */
export const PreprocessStep = oneOf(
  {
    /** Replace x[t] by x[t] − x[t − interval] (makes a trending series stationary). */
    difference: strictObject({ interval: z.number().int().min(1).default(1) }),
    /** Frame as supervised learning: inputs are the previous `lag` values (missing ones filled with 0). */
    supervised: strictObject({ lag: z.number().int().min(1).max(512).default(1) }),
    /** Min–max scale each column to [min, max], fitted on the training rows only. */
    minmax: strictObject({ min: z.number().default(-1), max: z.number().default(1) }),
  },
  'preprocessing step',
);
export type PreprocessStep = z.infer<typeof PreprocessStep>;

export const Optimizer = oneOf(
  {
    adam: strictObject({
      learningRate: z.number().positive().default(0.001),
      beta1: z.number().min(0).lt(1).default(0.9),
      beta2: z.number().min(0).lt(1).default(0.999),
      epsilon: z.number().positive().default(1e-7),
    }),
    sgd: strictObject({
      learningRate: z.number().positive().default(0.01),
      momentum: z.number().min(0).default(0),
      nesterov: z.boolean().default(false),
    }),
    rmsprop: strictObject({
      learningRate: z.number().positive().default(0.001),
      rho: z.number().min(0).lt(1).default(0.9),
      momentum: z.number().min(0).default(0),
      epsilon: z.number().positive().default(1e-7),
    }),
  },
  'optimizer',
);
export type Optimizer = z.infer<typeof Optimizer>;
export const optimizerOf = (o: Optimizer) => chosen(o);

export const TrainingSpec = strictObject({
  /** Passes over the training rows (≥ 1). */
  epochs: z.number().int().min(1, 'epochs must be at least 1').max(10_000_000),
  batchSize: z.number().int().min(1).default(1),
  /** Shuffle rows each epoch with the trial's seeded generator (the seed's protocol: false). */
  shuffle: z.boolean().default(false),
  /** When stateful layers forget their state: after each epoch (the seed), never, or after each batch. */
  resetStates: z.enum(['epoch', 'batch', 'never']).default('epoch'),
  loss: z.enum(['mse', 'mae']).default('mse'),
  optimizer: Optimizer.default({ adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }),
});
export type TrainingSpec = z.infer<typeof TrainingSpec>;

export const MetricName = z.enum(['rmse', 'mae', 'mape']);
export type MetricName = z.infer<typeof MetricName>;
export const BaselineName = z.enum(['persistence']);
export type BaselineName = z.infer<typeof BaselineName>;

/** Walk-forward one-step forecasting over the last `testSize` observations (Brownlee's protocol). */
export const WalkForwardEvaluation = strictObject({
  protocol: z.literal('walk-forward'),
  /** Number of final observations held out for testing. */
  testSize: z.number().int().min(1),
  /** Run the trained model over the training rows first so the state is built up (the seed does). */
  warmup: z.boolean().default(true),
  metrics: z.array(MetricName).min(1).default(['rmse', 'mae', 'mape']),
  /** The metric that summarises a trial (boxplots, list, compare). */
  headline: MetricName.default('rmse'),
  baselines: z.array(BaselineName).default(['persistence']),
});
export const Evaluation = z.discriminatedUnion('protocol', [WalkForwardEvaluation]);
export type Evaluation = z.infer<typeof Evaluation>;

export const EngineChoice = z.enum(['auto', 'tfjs', 'fused']);
export type EngineChoice = z.infer<typeof EngineChoice>;
export const BackendChoice = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);
export type BackendChoice = z.infer<typeof BackendChoice>;

/**
 * An experiment: data, preprocessing, model, training, evaluation, repeats and seed.
 * Parsing fills every default; the parsed object is what gets stored, so any trial can be re-run from its row.
 */
export const ExperimentSpec = strictObject({
  name: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[\w.\- ]+$/, 'use letters, digits, spaces, dots, dashes or underscores'),
  description: z.string().default(''),
  data: DataSource,
  preprocessing: z.array(PreprocessStep).default([]),
  model: ModelSpec,
  training: TrainingSpec,
  evaluation: Evaluation,
  /** How many times each configuration is trained from a fresh seeded initialisation. */
  repeats: z.number().int().min(1).max(100_000).default(30),
  /** Master seed; each repeat's seed is derived from it and recorded. Omitted → a random one, stored. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(() => Math.floor(Math.random() * 2 ** 31)),
  /**
   * Optional grid of configurations: dotted paths into this spec → values to try,
   * e.g. `{ "model.layers[0].lstm.units": [1, 2, 4] }`. Trials = configurations × repeats.
   */
  grid: z.record(z.string(), z.array(z.unknown()).min(1)).default({}),
  engine: EngineChoice.default('auto'),
  backend: BackendChoice.default('auto'),
  /** Arithmetic of the fused engine (tfjs is always float32); float64 costs nothing on small models. */
  precision: z.enum(['float64', 'float32']).default('float64'),
});
/** A validated experiment spec with every default filled in. */
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;
/** An experiment spec as written by a person (defaults may be omitted). */
export type ExperimentSpecInput = z.input<typeof ExperimentSpec>;
