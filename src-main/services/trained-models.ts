import { LabError, listValues } from '../contract/errors.js';
import { layerOf } from '../contract/layers.js';
import type { TrialRecord, WeightTensor } from '../contract/results.js';
import { asForecast, keepPolicy, taskOf, type ExperimentSpec } from '../contract/spec.js';
import { readCsvSeries } from '../data/csv-series.js';
import { forecastAhead } from '../engine/forecast/forecast-ahead.js';
import { forecastTable } from './forecast-table-ahead.js';
import { prepareForecast } from '../engine/forecast/prepare.js';
import { loadDataset } from '../data/sources/index.js';
import { readSequences } from '../data/sequence-files.js';
import { selectEngine } from '../engine/select.js';
import type { SequenceModel } from '../engine/sequence-model.js';
import { predictInChunks } from '../engine/tasks/classify.js';
import { sampleText } from '../engine/tasks/language-model.js';
import type { ExperimentRecord, ExperimentStore } from '../store/experiment-store.js';

/** Which stored trial to use: the configuration (1-based, default 1), the repeat (1-based) and, under cross-validation, the fold (1-based, default 1). */
export interface TrialChoice {
  readonly config?: number;
  readonly repeat: number;
  readonly fold?: number;
}

/** A trained trial ready to use: its configuration, its record and its kept weights. */
export interface KeptTrial {
  readonly experiment: ExperimentRecord;
  readonly config: ExperimentSpec;
  readonly trial: TrialRecord;
  readonly weights: readonly WeightTensor[];
}

/** What one repeat's model answered for each input sequence. */
export interface RepeatAnswer {
  readonly repeat: number;
  /** Classification: the predicted class name and its probability, per sequence. */
  readonly classes?: readonly { readonly label: string; readonly probability: number }[];
  /** Regression: the predicted values (outputs per sequence), per sequence. */
  readonly values?: readonly (readonly number[])[];
}

/** A forecast past the end of a series by each chosen repeat: the next values, and how well it walked the last ones. */
export interface AheadForecasts {
  readonly experiment: string;
  readonly task: 'forecast';
  /** Values of the series the forecasts continue (the experiment's data, or `--input`). */
  readonly observed: number;
  /** A table's targets, in output order (`ahead` and `walkRmse` are the first's; `byTarget` has them all). */
  readonly targets?: readonly string[];
  readonly repeats: readonly {
    readonly repeat: number;
    readonly ahead: readonly number[];
    readonly walkRmse: number;
    readonly byTarget?: readonly { readonly name: string; readonly ahead: readonly number[]; readonly walkRmse: number }[];
  }[];
}

/** `predict`'s answer: the input sequences' ids and each chosen repeat's answers. */
export interface Predictions {
  readonly experiment: string;
  readonly task: 'classification' | 'regression';
  readonly ids: readonly string[];
  readonly repeats: readonly RepeatAnswer[];
}

/**
 * Uses the models an experiment kept: load a trial's weights into its engine, classify or regress new sequences,
 * generate text. Every refusal is one line: an experiment or repeat that does not exist, a repeat whose weights
 * were not kept (naming the keep policy and the repeats that have them), an input of the wrong shape.
 */
export class TrainedModels {
  constructor(private readonly store: ExperimentStore) {}

  /** The experiment by id, or by a name one live experiment has (a shared name is refused, listing the ids). */
  experiment(ref: string | number): ExperimentRecord {
    const found = this.store.findExperiment(ref);
    if (!found) throw new LabError('NOT_FOUND', `experiment "${ref}" not found; \`rnnlab list\` shows the ids and names in this database`);
    return found;
  }

  /** What the trial stored beside its metrics (a translator's vocabularies, a classifier's class names, …). */
  artifacts(kept: KeptTrial): Readonly<Record<string, unknown>> {
    return this.store.artifacts(kept.trial.id);
  }

  /** Bytes the experiment's kept weights take in the database. */
  weightBytes(experiment: ExperimentRecord): number {
    return this.store.weightBytes(experiment.id);
  }

  /** The repeats (1-based) of a configuration whose weights are kept (under cross-validation: of fold 1). */
  keptRepeats(experiment: ExperimentRecord, configIndex: number): number[] {
    const kept = new Set(this.store.trialsWithWeights(experiment.id));
    return this.store
      .listTrials(experiment.id)
      .filter((t) => t.configIndex === configIndex && t.status === 'done' && (t.fold ?? 0) === 0 && kept.has(t.id))
      .map((t) => t.repeatIndex + 1);
  }

  /** One trial with its weights, or a one-line refusal saying which exist. */
  trial(ref: string | number, choice: TrialChoice): KeptTrial {
    const experiment = this.experiment(ref);
    const configIndex = (choice.config ?? 1) - 1;
    const config = experiment.configs[configIndex];
    if (!config) throw new LabError('NOT_FOUND', `--config ${choice.config}: experiment #${experiment.id} has ${experiment.configs.length} configuration(s); pick 1 to ${experiment.configs.length}`);
    const trials = this.store.listTrials(experiment.id).filter((t) => t.configIndex === configIndex && t.repeatIndex === choice.repeat - 1);
    if (trials.length === 0) throw new LabError('NOT_FOUND', `--repeat ${choice.repeat}: experiment #${experiment.id} has repeats 1 to ${experiment.spec.repeats}`);
    // Cross-validation keeps one model per (repeat, fold): each trained without its held-out fold.
    const trial = trials.find((t) => (t.fold ?? 0) === (choice.fold ?? 1) - 1);
    if (!trial) throw new LabError('NOT_FOUND', `--fold ${choice.fold}: experiment #${experiment.id} has folds 1 to ${trials.length}`);
    if (trial.status !== 'done') throw new LabError('NOT_FOUND', `repeat ${choice.repeat} of experiment #${experiment.id} is ${trial.status}, not trained; resume the experiment or pick a finished repeat`);
    const weights = this.store.trialWeights(trial.id);
    if (!weights) {
      const kept = this.keptRepeats(experiment, configIndex);
      const policy = keepPolicy(config);
      throw new LabError(
        'NOT_FOUND',
        `repeat ${choice.repeat} of experiment #${experiment.id} kept no weights (keep.weights: "${policy}")${kept.length ? `; repeats with weights: ${kept.join(', ')}` : '; run it again with "keep": { "weights": "all" }'}`,
      );
    }
    return { experiment, config, trial, weights };
  }

  /** A model of the trial's engine with its kept weights, for inputs of `steps` × `features`. */
  async load(kept: KeptTrial, steps: number, features: number, batchSize = kept.config.training.batchSize): Promise<SequenceModel> {
    const { config } = kept;
    const engine = await selectEngine(kept.trial.engine === 'tfjs' ? 'tfjs' : kept.trial.engine === 'fused' ? 'fused' : config.engine, config.model, config.precision, config.kernels);
    return engine.create({ model: config.model, input: { batchSize, steps, features }, training: config.training, weights: kept.weights, backend: config.backend });
  }

  /**
   * Classifies (or regresses) the sequences of `input` — a file in the experiment's own sequence format (CSV, ARFF
   * or JSONL; label or target columns may be absent) — with the chosen repeats' models.
   */
  async predict(ref: string | number, input: string, choice: { config?: number; fold?: number; repeats: readonly number[] }): Promise<Predictions> {
    const kept = choice.repeats.map((repeat) =>
      this.trial(ref, { ...(choice.config !== undefined ? { config: choice.config } : {}), ...(choice.fold !== undefined ? { fold: choice.fold } : {}), repeat }),
    );
    const { experiment, config } = kept[0]!;
    const task = taskOf(config);
    if (config.data.kind !== 'sequences' || (task !== 'classification' && task !== 'regression')) {
      throw new LabError(
        'REQUEST_INVALID',
        `experiment #${experiment.id} is ${
          task === 'language-model'
            ? 'a character model: use `rnnlab generate`'
            : task === 'translation'
              ? 'a translator: use `rnnlab translate <experiment> "text"`'
            : task === 'forecast'
              ? 'a forecast: give --steps H to forecast past the end of its series'
              : `a ${task} experiment on "${config.data.kind}" data: predict reads new sequences for experiments on "sequences" data (CSV, ARFF, JSONL)`
        }`,
      );
    }
    const { label: _label, target: _target, ...reading } = config.data;
    const file = readSequences({ ...reading, path: input } as typeof config.data);
    const expected = trainedFeatures(config, kept[0]!.weights);
    if (file.x.features !== expected) {
      const names = config.data.features ? ` (${listValues(config.data.features)})` : '';
      throw new LabError('DATA_INVALID', `${input}: ${file.x.features} features per step, but the model was trained on ${expected}${names}; give the same features`);
    }
    const classes = task === 'classification' ? this.classNames(kept[0]!) : undefined;
    const repeats: RepeatAnswer[] = [];
    for (const k of kept) {
      const model = await this.load(k, file.x.steps, file.x.features);
      try {
        const out = await predictInChunks(model, file.x, Math.max(config.training.batchSize, 500));
        const width = out.length / file.x.n;
        const rows = Array.from({ length: file.x.n }, (_, i) => Array.from(out.subarray(i * width, (i + 1) * width)));
        repeats.push(
          classes
            ? { repeat: k.trial.repeatIndex + 1, classes: rows.map((p) => { const best = p.indexOf(Math.max(...p)); return { label: classes[best] ?? String(best), probability: p[best]! }; }) }
            : { repeat: k.trial.repeatIndex + 1, values: rows },
        );
      } finally {
        model.dispose();
      }
    }
    return { experiment: `#${experiment.id} ${experiment.name}`, task, ids: file.ids, repeats };
  }

  /**
   * Forecasts `steps` values past the end of a one-column series (`csv` data, walk-forward) with each chosen
   * repeat: the experiment's own series, or `input` (a CSV with the same column: the series extended by newer
   * values). Each repeat also reports the RMSE of its one-step walk over the observed values after training.
   */
  async forecast(ref: string | number, choice: { config?: number; repeats: readonly number[] }, steps: number, input?: string): Promise<AheadForecasts> {
    const kept = choice.repeats.map((repeat) => this.trial(ref, { ...(choice.config !== undefined ? { config: choice.config } : {}), repeat }));
    const { experiment, config } = kept[0]!;
    const spec = asForecast(config);
    if (!spec) throw new LabError('REQUEST_INVALID', `experiment #${experiment.id} is not a forecast; --steps forecasts past the end of a series`);
    if (spec.data.kind === 'table') {
      const loaders = kept.map((k) => ({ repeat: k.trial.repeatIndex + 1, model: (steps: number, features: number) => this.load(k, steps, features) }));
      const t = await forecastTable(spec, loaders, steps, input);
      return {
        experiment: `#${experiment.id} ${experiment.name}`,
        task: 'forecast',
        observed: t.observed,
        targets: t.targets,
        repeats: t.repeats.map((r) => ({ repeat: r.repeat, ahead: r.byTarget[0]!.ahead, walkRmse: r.byTarget[0]!.walkRmse, byTarget: r.byTarget })),
      };
    }
    if (spec.data.kind !== 'csv') throw new LabError('REQUEST_INVALID', `experiment #${experiment.id}: forecasting ahead works for "csv" series and "table" data`);
    const series = loadDataset(spec.data, spec.seed);
    if (series.shape !== 'series') throw new LabError('INTERNAL', 'a csv source that is not a series');
    const data = prepareForecast(series.values, spec.preprocessing, spec.evaluation.testSize, series.source);
    const history = input ? readCsvSeries(input, { column: spec.data.column, timeColumn: spec.data.timeColumn }).values : series.values;
    const need = data.trainSteps[data.trainSteps.length - 1]! + 1;
    if (history.length < need) throw new LabError('DATA_INVALID', `${input}: ${history.length} values, but the model's training rows alone cover ${need}; give the whole series (extended by newer values)`);
    const repeats = [];
    for (const k of kept) {
      const model = await this.load(k, data.trainX.steps, data.trainX.features);
      try {
        const f = await forecastAhead(model, spec, data, history, steps);
        const rmse = Math.sqrt(f.walk.reduce((s, w) => s + (w.predicted - w.actual) ** 2, 0) / Math.max(1, f.walk.length));
        repeats.push({ repeat: k.trial.repeatIndex + 1, ahead: f.ahead, walkRmse: rmse });
      } finally {
        model.dispose();
      }
    }
    return { experiment: `#${experiment.id} ${experiment.name}`, task: 'forecast', observed: history.length, repeats };
  }

  /** `length` characters a character model's repeat writes after `prompt`, sampled at `temperature` (seeded). */
  async generate(ref: string | number, choice: TrialChoice, prompt: string, options: { temperature: number; length: number; seed?: number }): Promise<string> {
    const kept = this.trial(ref, choice);
    if (taskOf(kept.config) !== 'language-model') throw new LabError('REQUEST_INVALID', `experiment #${kept.experiment.id} is not a character model; generate needs a language-model experiment (use \`rnnlab predict\`)`);
    if (prompt.length === 0) throw new LabError('REQUEST_INVALID', '--prompt is empty; give the text to continue');
    const vocab = this.vocabulary(kept);
    const index = new Map(vocab.map((c, i) => [c, i]));
    const unknown = [...new Set([...prompt].filter((c) => !index.has(c)))];
    if (unknown.length) throw new LabError('REQUEST_INVALID', `--prompt has characters the model never saw: ${listValues(unknown)}; use characters of its text`);
    const ids = Int32Array.from([...prompt], (c) => index.get(c)!);
    const model = await this.load(kept, ids.length, 1, 1);
    try {
      return await sampleText(model, ids, vocab, options.length, options.temperature, options.seed ?? kept.trial.seed);
    } finally {
      model.dispose();
    }
  }

  /** Class names of a classification trial, as stored with it (the label → class id mapping). */
  private classNames(kept: KeptTrial): readonly string[] {
    const split = this.store.artifacts(kept.trial.id).split as { classes?: unknown } | undefined;
    if (Array.isArray(split?.classes)) return split.classes.map(String);
    throw new LabError('NOT_FOUND', `repeat ${kept.trial.repeatIndex + 1} of experiment #${kept.experiment.id} has no stored class names; run it again`);
  }

  /** A character model's vocabulary: stored with the trial, or rebuilt from its text (older trials). */
  private vocabulary(kept: KeptTrial): readonly string[] {
    const vocab = this.store.artifacts(kept.trial.id).vocab;
    if (Array.isArray(vocab)) return vocab.map(String);
    const data = loadDataset(kept.config.data, kept.config.seed);
    if (data.shape !== 'text') throw new LabError('INTERNAL', `experiment #${kept.experiment.id}: a character model whose data is not a text`);
    return data.vocab;
  }
}

/** Features per step the model was trained on: the first layer's kernel rows (1 for an Embedding's token ids). */
function trainedFeatures(config: ExperimentSpec, weights: readonly WeightTensor[]): number {
  const first = layerOf(config.model.layers[0]!);
  if (first.kind === 'embedding') return 1;
  const kernel = weights.find((w) => w.name.startsWith('layers[0].') && w.name.endsWith('.kernel')) ?? weights[0]!;
  return kernel.shape[0]!;
}
