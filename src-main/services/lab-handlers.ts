import type { QueueSettings } from './queue-settings.js';
import { openCell } from './cell-lab.js';
import { translate } from './translations.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_UPLOAD_BYTES, MethodInputs, type CompareCorrection, type MethodName, type MethodOutputs, type Reply, type TableKind } from '../contract/api.js';
import { LabError, toLabError } from '../contract/errors.js';
import { ExperimentSpec, taskOf } from '../contract/spec.js';
import { readCsvSeries } from '../data/csv-series.js';
import { readTableSeries } from '../data/table-series.js';
import { parseWith } from '../contract/validate.js';
import { tableFormat } from '../contract/export-formats.js';
import { inspectFile, uploadTarget } from './inspect.js';
import { insideRoots } from './prepare-experiment.js';
import { describeTable, resultsTable } from '../export/result-tables.js';
import { writeTables, type Table } from '../export/tables.js';
import { ExperimentAdmin } from './experiment-admin.js';
import { trialsTable } from '../export/ui-tables.js';
import { compareRanksTable, compareReferenceTable, compareSummaryTable, comparePairsTable } from '../export/compare-tables.js';
import { compareExperiments, type CompareOptions } from './compare-experiments.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import type { ExperimentService } from './experiment-service.js';
import type { RunManager } from './run-manager.js';
import { predictionsTable } from './prediction-table.js';
import { TrainedModels } from './trained-models.js';

type Handlers = { [M in MethodName]: (input: import('zod').output<(typeof MethodInputs)[M]>) => MethodOutputs[M] | Promise<MethodOutputs[M]> };


/** Finished trials' thinned curves kept in memory (a few MB at most). */
const CURVE_CACHE_SIZE = 4000;

/**
 * At most `max` points of a curve: every `stride`-th epoch from the first, plus the last, so curves of equal
 * length keep the same epochs (their mean ± std per epoch still lines up).
 */
export function thin(curve: { epochs: number[]; values: number[] }, max: number): { epochs: number[]; values: number[] } {
  const n = curve.epochs.length;
  if (n <= max) return curve;
  const stride = Math.ceil((n - 1) / (max - 1));
  const epochs: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i += stride) {
    epochs.push(curve.epochs[i]!);
    values.push(curve.values[i]!);
  }
  if (epochs.at(-1) !== curve.epochs[n - 1]) {
    epochs.push(curve.epochs[n - 1]!);
    values.push(curve.values[n - 1]!);
  }
  return { epochs, values };
}

/**
 * The API methods of the contract, implemented over the services. `dispatch` validates the method name and
 * its input (zod) before anything runs, and turns every error into a `Reply` with a one-line message:
 * LabErrors keep their code; bugs are logged and reported as INTERNAL without a stack.
 */
export class LabHandlers {
  private readonly handlers: Handlers;
  /** The kept models (Try it: predict, generate). */
  private readonly models: TrainedModels;
  private readonly admin: ExperimentAdmin;
  /** The folders the app may read data files from (the built-ins, the shipped data, the user's data folder). */
  /** Folders (and single picked files) the app may read data from; {@link allowFile} adds to it. */
  readonly readableRoots: string[];
  /** Where uploads go (`data/` in the user's folder); undefined: this app takes no uploads. */
  readonly uploadDir: string | undefined;

  /**
   * `builtinsDir` is the experiments/ folder; `dataDirs` are the user's folders the app may read data from
   * (e.g. the folder of the database); the shipped `data/` beside experiments/ is always readable.
   */
  constructor(
    private readonly service: ExperimentService,
    private readonly store: ExperimentStore,
    private readonly runs: RunManager,
    private readonly builtinsDir: string,
    dataDirs: readonly string[] = [],
    /** Settings → run trials on workers; absent: trials always run on local threads. */
    private readonly queue?: QueueSettings,
  ) {
    this.readableRoots = [builtinsDir, resolve(builtinsDir, '../data'), ...dataDirs];
    this.models = new TrainedModels(store);
    this.uploadDir = dataDirs[0] === undefined ? undefined : join(dataDirs[0], 'data');
    this.admin = new ExperimentAdmin(store, service, (id) => this.runs.runs().some((r) => r.experimentId === id));
    this.handlers = {
      listExperiments: ({ includeDeleted }) => this.service.list({ includeDeleted }),
      listBuiltins: () => this.builtins(),
      getExperiment: ({ experimentId }) => this.service.details(experimentId),
      // With the name and description it has now (renamed, described since): what Duplicate & edit starts from.
      getSpec: ({ experimentId }) => {
        const e = this.service.experiment(experimentId);
        return { ...e.spec, name: e.name, description: e.description };
      },
      renameExperiment: ({ experimentId, name }) => this.admin.rename(experimentId, name),
      editExperiment: ({ experimentId, ...edits }) => this.admin.edit(experimentId, edits),
      deleteExperiment: ({ experimentId }) => this.admin.softDelete(experimentId),
      restoreExperiment: ({ experimentId }) => this.admin.restore(experimentId),
      purgeExperiment: ({ experimentId }) => ({ ...this.admin.purge(experimentId) }),
      validateSpec: ({ spec }) => this.service.validate(spec, this.builtinsDir, this.readableRoots),
      startExperiment: async ({ spec, repeats, epochs }) => {
        const record = await this.service.createExperiment(spec, { specDir: this.builtinsDir, overrides: { repeats, epochs }, readableRoots: this.readableRoots });
        this.runs.start(record.id);
        return { experimentId: record.id };
      },
      resumeExperiment: ({ experimentId, allowChangedData }) => {
        const experiment = this.service.experiment(experimentId);
        if (experiment.deletedAt) throw new LabError('REQUEST_INVALID', `experiment #${experimentId} is deleted; restore it (show deleted experiments in the list) before resuming it`);
        this.service.assertDataUnchanged(experiment, allowChangedData);
        this.runs.start(experiment.id, { allowChangedData });
        return { experimentId };
      },
      cancelRun: ({ experimentId }) => ({ cancelled: this.runs.cancel(this.service.experiment(experimentId).id) }),
      activeRuns: () => this.runs.runs(),
      getPredictions: ({ experimentId }) => this.predictions(experimentId),
      getEpochMetrics: ({ experimentId, name, maxPoints }) => this.currentCurves(experimentId, name, maxPoints),
      getArtifacts: ({ experimentId }) =>
        this.store
          .listTrials(this.service.experiment(experimentId).id)
          .filter((t) => t.status === 'done')
          .map((t) => ({ trialId: t.id, repeat: t.repeatIndex + 1, configIndex: t.configIndex, metrics: t.metrics, artifacts: this.store.artifacts(t.id) })),
      modelSummary: ({ spec, experimentId }) => {
        if (spec === undefined && experimentId === undefined) throw new LabError('REQUEST_INVALID', 'modelSummary input: give spec or experimentId');
        return this.service.modelSummary(spec !== undefined ? { spec, specDir: this.builtinsDir, readableRoots: this.readableRoots } : { experimentId: experimentId! });
      },
      uploadData: ({ name, contentBase64 }) => this.upload(name, contentBase64),
      inspectData: ({ path }) => {
        const file = resolve(path);
        if (!insideRoots(file, this.readableRoots)) throw new LabError('FILE_NOT_FOUND', `path: ${path} is outside the folders the app reads; upload it with Import data`);
        const r = inspectFile(file);
        return { path: r.path, rows: r.rows, columns: r.columns.map((c) => ({ ...c })), preview: r.preview.map((row) => [...row]), suggestion: r.suggestion };
      },
      keptModels: ({ experimentId }) => this.keptModels(experimentId),
      tryPredict: async ({ experimentId, path, config, repeats }) => {
        const file = resolve(path);
        if (!insideRoots(file, this.readableRoots)) throw new LabError('FILE_NOT_FOUND', `path: ${path} is outside the folders the app reads; upload it with the Try it panel`);
        const experiment = this.models.experiment(experimentId);
        const chosen = repeats ?? this.models.keptRepeats(experiment, config - 1);
        const p = await this.models.predict(experimentId, file, { config, repeats: chosen.length ? chosen : [1] });
        return { experiment: p.experiment, task: p.task, ids: p.ids, table: predictionsTable(p) };
      },
      tryGenerate: async ({ experimentId, repeat, prompt, temperature, length, seed }) => ({
        text: await this.models.generate(experimentId, { repeat }, prompt, { temperature, length, ...(seed !== undefined ? { seed } : {}) }),
      }),
      queueStatus: () => this.queue?.status() ?? { url: null, workers: [], code: null },
      setQueue: ({ url }) => {
        if (!this.queue) throw new LabError('REQUEST_INVALID', 'this backend runs trials on its own threads only (started without a switchable runner)');
        return this.queue.connect(url);
      },
      openCell: ({ experimentId, config, repeat, untrained, layer, example, direction }) =>
        openCell(this.models, experimentId, { config, example, direction, ...(untrained ? { untrained } : { repeat: repeat ?? 1 }), ...(layer !== undefined ? { layer } : {}) }),
      tryTranslate: async ({ experimentId, text, config, repeats }) => {
        const experiment = this.models.experiment(experimentId);
        const chosen = repeats ?? this.models.keptRepeats(experiment, config - 1);
        const t = await translate(this.store, experimentId, { config, repeats: chosen.length ? chosen : [1] }, text, { attention: true });
        return {
          experiment: t.experiment,
          text: t.text,
          sourceCharacters: [...t.sourceCharacters],
          unknown: [...t.unknown],
          ...(t.warning ? { warning: t.warning } : {}),
          repeats: t.repeats.map((r) => ({ repeat: r.repeat, translation: r.translation, attention: r.attention ? r.attention.map((row) => [...row]) : null, outputCharacters: [...r.outputCharacters] })),
        };
      },
      compare: ({ experimentIds, metric, reference, correction, alpha }) => compareExperiments(this.service, experimentIds, { metric, reference, correction, alpha }),
      exportTable: async ({ table, format, experimentIds, metric, reference, correction, alpha }) => {
        const t = this.table(table, experimentIds, { metric, reference, correction, alpha });
        const base = (t.title ?? table).replace(/[^\w.-]+/g, '-').replace(/-+$/, '').toLowerCase();
        const f = tableFormat(format);
        const written = await writeTables([t], format, [table]);
        return 'bytes' in written
          ? { filename: `${base}.${f.extension}`, mime: f.mime, text: Buffer.from(written.bytes).toString('base64'), encoding: 'base64' as const }
          : { filename: `${base}.${f.extension}`, mime: f.mime, text: written.text, encoding: 'utf8' as const };
      },
    };
  }

  /** Validates and runs one method; never throws. */
  async dispatch(method: string, input: unknown): Promise<Reply<unknown>> {
    try {
      if (!Object.hasOwn(MethodInputs, method)) {
        throw new LabError('REQUEST_INVALID', `unknown method "${method}"; known: ${Object.keys(MethodInputs).join(', ')}`);
      }
      const name = method as MethodName;
      const parsed = parseWith(MethodInputs[name], input ?? {}, `${name} input`);
      const handler = this.handlers[name] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed) };
    } catch (error) {
      const lab = toLabError(error);
      if (lab.code === 'INTERNAL') console.error(`rnnlab: ${method} failed:`, error);
      return { ok: false, error: lab.toData() };
    }
  }

  /** Kept repeats per configuration, what the models can do, and the bytes they take. */
  private keptModels(experimentId: number): MethodOutputs['keptModels'] {
    const experiment = this.models.experiment(experimentId);
    const task = taskOf(experiment.spec);
    const use = task === 'language-model' ? 'generate' : task === 'translation' ? 'translate' : experiment.spec.data.kind === 'sequences' && (task === 'classification' || task === 'regression') ? 'predict' : null;
    return { repeats: experiment.configs.map((_, c) => this.models.keptRepeats(experiment, c)), use, bytes: this.store.weightBytes(experiment.id) };
  }

  /**
   * Lets the app read one file the person picked in the desktop's open dialog (the shell's main process calls
   * this; no API method can, so a page cannot grant itself a path).
   */
  allowFile(path: string): void {
    const file = resolve(path);
    if (!this.readableRoots.includes(file)) this.readableRoots.push(file);
  }

  private upload(name: string, contentBase64: string): MethodOutputs['uploadData'] {
    if (!this.uploadDir) throw new LabError('REQUEST_INVALID', 'uploadData: this app has no data folder to store files in');
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length > MAX_UPLOAD_BYTES) throw new LabError('REQUEST_INVALID', `uploadData: the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; sample it, or use the rnnlab CLI`);
    mkdirSync(this.uploadDir, { recursive: true });
    const path = uploadTarget(this.uploadDir, name, existsSync);
    writeFileSync(path, bytes, { flag: 'wx' });
    return { path, bytes: bytes.length };
  }

  private builtins(): MethodOutputs['listBuiltins'] {
    return readdirSync(this.builtinsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => {
        const spec = JSON.parse(readFileSync(join(this.builtinsDir, file), 'utf8')) as { name?: string; description?: string };
        return { file, name: spec.name ?? file, description: spec.description ?? '', spec };
      });
  }

  private predictions(experimentId: number): MethodOutputs['getPredictions'] {
    const experiment = this.service.experiment(experimentId);
    const trials = this.store.listTrials(experiment.id).filter((t) => t.status === 'done');
    return {
      trials: trials.map((t) => ({ trialId: t.id, configIndex: t.configIndex, repeat: t.repeatIndex + 1, points: this.store.predictions(t.id) })),
      baselines: this.store.baselines(experiment.id).map((b) => ({ configIndex: b.configIndex, name: b.name, points: [...b.predictions] })),
      labels: this.seriesLabels(experiment.spec),
    };
  }

  /** Time labels of a CSV series or table (e.g. months), indexed like prediction steps; [] for other data or a vanished file. */
  private seriesLabels(spec: ExperimentSpec): string[] {
    if (spec.data.kind !== 'csv' && spec.data.kind !== 'table') return [];
    try {
      if (spec.data.kind === 'table') return [...readTableSeries(spec.data).labels];
      return [...readCsvSeries(spec.data.path, { column: spec.data.column, timeColumn: spec.data.timeColumn }).labels];
    } catch {
      return []; // the data file moved since the run: steps still work as labels
    }
  }

  /**
   * Curves of finished trials, thinned, by `trialId:name:maxPoints`: they never change, and rebuilding them from
   * the stored chunks on every call is what made the API slow while a long run trained (bench:load).
   */
  private readonly curveCache = new Map<string, { epochs: number[]; values: number[] }>();

  /**
   * The last answer of {@link epochMetrics} per `experimentId:name:maxPoints` with the store version it was read
   * at. A page open on a running experiment (and every tab beside it) asks for the same curves again and again;
   * while the store has not changed the answer is the same, and recomputing it was most of the server's time per
   * call under load (bench:load).
   */
  private readonly curveAnswers = new Map<string, { version: string; value: MethodOutputs['getEpochMetrics'] }>();

  private currentCurves(experimentId: number, name: string, maxPoints: number): MethodOutputs['getEpochMetrics'] {
    const key = `${experimentId}:${name}:${maxPoints}`;
    const version = this.store.version();
    const last = this.curveAnswers.get(key);
    if (last?.version === version) return last.value;
    // Frozen: shared by every caller until the store changes (the web server reuses the JSON text of frozen values).
    const value = this.epochMetrics(experimentId, name, maxPoints);
    Object.freeze(value);
    if (this.curveAnswers.size >= CURVE_CACHE_SIZE) this.curveAnswers.delete(this.curveAnswers.keys().next().value!);
    this.curveAnswers.set(key, { version, value });
    return value;
  }

  private epochMetrics(experimentId: number, name: string, maxPoints: number): MethodOutputs['getEpochMetrics'] {
    this.service.experiment(experimentId); // NOT_FOUND for a missing id, like every other method
    const trials = this.store.listTrials(experimentId);
    // The finish time is in the key because SQLite reuses the ids of a purged newest experiment's trials.
    const key = (t: { id: number; finishedAt: string | null }) => `${t.id}:${t.finishedAt}:${name}:${maxPoints}`;
    const missing = trials.filter((t) => t.status !== 'done' || !this.curveCache.has(key(t))).map((t) => t.id);
    const fresh = new Map<number, { epochs: number[]; values: number[] }>();
    for (const m of this.store.epochMetrics(experimentId, name, missing)) {
      const entry = fresh.get(m.trialId) ?? { epochs: [], values: [] };
      entry.epochs.push(m.epoch);
      entry.values.push(m.value);
      fresh.set(m.trialId, entry);
    }
    const out: MethodOutputs['getEpochMetrics'] = [];
    for (const t of trials) {
      let curve = this.curveCache.get(key(t));
      if (!curve || t.status !== 'done') {
        const raw = fresh.get(t.id);
        if (!raw) continue;
        curve = thin(raw, maxPoints);
        if (t.status === 'done') {
          if (this.curveCache.size >= CURVE_CACHE_SIZE) this.curveCache.delete(this.curveCache.keys().next().value!);
          this.curveCache.set(key(t), curve);
        }
      }
      out.push({ trialId: t.id, repeat: t.repeatIndex + 1, configIndex: t.configIndex, epochs: curve.epochs, values: curve.values });
    }
    return out;
  }


  private table(kind: TableKind, ids: readonly number[], options: CompareOptions & { metric?: string; correction: CompareCorrection }): Table {
    const first = ids[0]!;
    switch (kind) {
      case 'results':
        return resultsTable(this.service.details(first));
      case 'describe':
        return describeTable(this.service.details(first), options.metric);
      case 'trials':
        return trialsTable(this.service.details(first));
      case 'compare':
        return compareSummaryTable(compareExperiments(this.service, ids, options));
      case 'compare-reference':
        return compareReferenceTable(compareExperiments(this.service, ids, options));
      case 'compare-pairs':
        return comparePairsTable(compareExperiments(this.service, ids, options));
      case 'compare-ranks':
        return compareRanksTable(compareExperiments(this.service, ids, options));
    }
  }
}
