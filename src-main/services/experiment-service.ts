import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LabError } from '../contract/errors.js';
import { crossValidationOf, taskOf } from '../contract/spec.js';
import { storedMetricNames } from '../contract/target-metrics.js';
import { ModelSpec } from '../contract/layers.js';
import { parseWith, splitIssue } from '../contract/validate.js';
import type { LabEvent, MethodOutputs } from '../contract/api.js';
import { formatSummary, modelSummary } from '../engine/summary.js';
import { prepareTask } from '../runner/tasks/index.js';
import { withoutWeights, type EpochMetric, type ExperimentDetails, type ExperimentSummary } from '../contract/results.js';
import type { RunnerEvent, TrialTask } from '../runner/events.js';
import { configLabel, planTrials } from '../runner/plan.js';
import type { TrialRunner } from '../runner/trial-pool.js';
import type { ExperimentRecord, ExperimentStore, FindOptions } from '../store/experiment-store.js';
import { summarize } from '../stats/describe.js';
import { describeTable, resultsTable } from '../export/result-tables.js';
import { writeTables, type TableFormat, type Written } from '../export/tables.js';
import { prepareExperiment, type SpecOverrides } from './prepare-experiment.js';
import { changedFiles } from '../data/file-stamp.js';
import { trialsKeepingWeights } from './kept-weights.js';

/** Events of a run as the service reports them: runner events tagged with the experiment, plus start and end. */
export type RunEvent = LabEvent;

/** Options of a run. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  /** Run even if a data file changed since the experiment was stored (its finished repeats used the old one). */
  readonly allowChangedData?: boolean;
}

/** How often buffered per-epoch metrics are written, ms; also flushed at each trial's end. */
const EPOCH_WRITE_MS = 500;

/** How long a claimed trial's lease lasts without renewal, ms (a crashed owner's trials are free after this). */
export const LEASE_MS = 15_000;
/** How often a running process renews its leases, ms. */
const HEARTBEAT_MS = 3_000;
/** How often a run waiting for another process's trials looks again, ms. */
const WAIT_POLL_MS = 1_000;

/** `host/pid/start/nonce`: unique per service instance, so a reused pid or a second instance never matches. */
const newOwner = (): string => `${hostname()}/${process.pid}/${Date.now()}/${randomUUID().slice(0, 8)}`;

/** Whether the process named by a lease is known to be dead: only decidable for another pid on this host. */
function ownerGone(owner: string | null, pid: number | null): boolean {
  if (owner === null || pid === null) return true;
  const host = owner.split('/')[0];
  if (host !== hostname() || pid === process.pid) return false; // elsewhere or in this process: the lease decides
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/** "process 1234 on this machine" / "process 99 on lab-2" for a lease holder. */
export function describeOwner(owner: string | null, pid: number | null): string {
  const host = owner?.split('/')[0];
  return `process ${pid ?? '?'} ${host && host !== hostname() ? `on ${host}` : 'on this machine'}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The use cases of RNN Lab over a store and a worker pool: create, run, resume, list, show, export.
 * The CLI, the web server and the Electron shell all call this; none of them trains or writes SQL itself.
 */
export class ExperimentService {
  /** This instance's lease owner id (every trial it runs is claimed under it). */
  readonly owner = newOwner();

  constructor(
    private readonly store: ExperimentStore,
    private readonly pool: TrialRunner,
  ) {
    // Trials left 'running' by a process that has died (or whose lease lapsed) were interrupted by a crash.
    this.store.recoverCrashed(ownerGone);
  }

  /**
   * Validates a spec, checks its data, stores the experiment with every trial queued and its baselines.
   * Nothing is written when the spec or the data is invalid (LabError naming the field or line).
   */
  async createExperiment(
    input: unknown,
    options: { specDir?: string; specSource?: string; overrides?: SpecOverrides; readableRoots?: readonly string[] } = {},
  ): Promise<ExperimentRecord> {
    const prepared = await prepareExperiment(input, options.specDir, options.overrides, options.readableRoots);
    const record = this.store.createExperiment({
      name: prepared.spec.name,
      spec: prepared.spec,
      configs: prepared.configs,
      specSource: options.specSource,
      headline: prepared.spec.evaluation.headline,
      trials: planTrials(prepared.spec, prepared.configs.length),
      baselines: prepared.baselines,
      dataFiles: prepared.dataFiles,
    });
    return record;
  }

  /**
   * The experiment named by id, or by a name one live experiment has (with `includeDeleted`, also a deleted one);
   * LabError('NOT_FOUND') otherwise, LabError('REQUEST_INVALID') listing the ids for a name several share.
   */
  experiment(ref: string | number, options: FindOptions = {}): ExperimentRecord {
    const found = this.store.findExperiment(ref, options);
    if (!found) throw new LabError('NOT_FOUND', `experiment "${ref}" not found; \`rnnlab list\` shows the ids and names in this database`);
    return found;
  }

  /**
   * Runs every trial of an experiment that is not done (queued, interrupted, failed): the first run and
   * `resume` alike. Finished trials are never touched. Resolves with the experiment's final status;
   * on abort, running trials are marked interrupted and the rest stay queued.
   */
  async run(ref: string | number, options: RunOptions = {}): Promise<ExperimentSummary['status']> {
    const experiment = this.experiment(ref);
    if (experiment.deletedAt) throw new LabError('REQUEST_INVALID', `experiment #${experiment.id} is deleted; \`rnnlab restore ${experiment.id}\` brings it back before it can run`);
    const { signal } = options;
    const emit = (event: RunEvent) => options.onEvent?.(event);
    const initial = this.store.listTrials(experiment.id);
    // A run that resumes on queue workers first drops the jobs of trials stored before a crash (the CLI and app alike).
    await this.pool.forgetStored?.(new Set(initial.filter((t) => t.status === 'done').map((t) => t.id)));
    // Nothing left to run needs no check; anything left must run on the data the finished repeats saw.
    if (initial.some((t) => t.status !== 'done')) this.assertDataUnchanged(experiment, options.allowChangedData ?? false);
    emit({
      type: 'run-started',
      experimentId: experiment.id,
      pending: initial.filter((t) => t.status !== 'done').length,
      total: initial.length,
      epochs: experiment.spec.training.epochs,
    });
    /** Trials this run holds (claimed and not yet ended). */
    const held = new Set<number>();
    /** Trials this run has attempted: never attempted twice in one run (a failure stays a failure). */
    const attempted = new Set<number>();
    let buffer: EpochMetric[] = [];
    let lastWrite = performance.now();
    const flush = () => {
      this.store.appendEpochMetrics(buffer);
      buffer = [];
      lastWrite = performance.now();
    };
    const onRunnerEvent = (event: RunnerEvent) => {
      // Events of a trial this run no longer holds (its lease lapsed and another process took it) are dropped; a
      // queue worker's outcome for it is recorded as a duplicate (delivery is at least once), never stored twice.
      if (!held.has(event.trialId)) {
        if (event.type === 'trial-done' && event.ranBy) this.store.recordTrialRun({ ...event.ranBy, trialId: event.trialId, result: 'duplicate' });
        return;
      }
      switch (event.type) {
        case 'trial-started':
          // A trial starts once on local threads; on queue workers a crashed attempt is retried from its first
          // epoch, and what the crashed attempt reported must not mix into the curve.
          buffer = buffer.filter((m) => m.trialId !== event.trialId);
          this.store.clearTrialEpochs(event.trialId, this.owner);
          this.store.setTrialEngine(event.trialId, this.owner, event.engine);
          break;
        case 'epochs':
          event.epochs.forEach((epoch, i) => buffer.push({ trialId: event.trialId, epoch, name: 'loss', value: event.losses[i]! }));
          for (const [name, values] of Object.entries(event.extra ?? {})) {
            event.epochs.forEach((epoch, i) => buffer.push({ trialId: event.trialId, epoch, name, value: values[i] ?? NaN }));
          }
          if (performance.now() - lastWrite > EPOCH_WRITE_MS) flush();
          break;
        case 'trial-done':
          flush();
          {
            const stored = this.store.finishTrial(event.trialId, event.outcome, this.owner);
            if (event.ranBy) this.store.recordTrialRun({ ...event.ranBy, trialId: event.trialId, result: stored ? 'stored' : 'duplicate' });
          }
          held.delete(event.trialId);
          break;
        case 'trial-failed':
          flush();
          this.store.failTrial(event.trialId, event.error.message, this.owner);
          held.delete(event.trialId);
          break;
        case 'trial-interrupted':
          this.store.interruptTrials([event.trialId], this.owner);
          held.delete(event.trialId);
          break;
      }
      emit(event.type === 'trial-done' ? { ...event, outcome: withoutWeights(event.outcome), experimentId: experiment.id } : { ...event, experimentId: experiment.id });
    };
    const claim = (task: TrialTask): boolean => {
      if (!this.store.claimTrial(task.trialId, { owner: this.owner, pid: process.pid, ms: LEASE_MS })) return false;
      held.add(task.trialId);
      attempted.add(task.trialId);
      return true;
    };
    const heartbeat = setInterval(() => this.store.renewLeases(this.owner, LEASE_MS), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      // Run what can be claimed; while other live processes hold trials of this experiment, wait for them (or
      // for their leases to lapse, then take those trials over), so a second run or resume ends complete.
      for (;;) {
        this.store.recoverCrashed(ownerGone);
        const trials = this.store.listTrials(experiment.id);
        const tasks: TrialTask[] = trials
          .filter((t) => t.status !== 'done' && t.status !== 'running' && !attempted.has(t.id))
          .map((t) => ({
            trialId: t.id,
            seed: t.seed,
            config: experiment.configs[t.configIndex]!,
            ...(t.fold !== null && t.splitSeed !== null ? { fold: { repeat: t.repeatIndex, fold: t.fold, splitSeed: t.splitSeed } } : {}),
          }));
        if (tasks.length) await this.pool.run(tasks, onRunnerEvent, signal, claim);
        if (signal?.aborted) break;
        const elsewhere = this.store.heldTrials(experiment.id).filter((h) => h.owner !== this.owner);
        const waiting = this.store.listTrials(experiment.id).some((t) => t.status !== 'done' && t.status !== 'running' && !attempted.has(t.id));
        if (!elsewhere.length && !waiting) break;
        if (elsewhere.length) {
          const who = [...new Set(elsewhere.map((h) => describeOwner(h.owner, h.pid)))].join(', ');
          emit({ type: 'run-waiting', experimentId: experiment.id, trials: elsewhere.length, elsewhere: who });
          await sleep(WAIT_POLL_MS, signal);
        }
        if (signal?.aborted) break;
      }
    } finally {
      clearInterval(heartbeat);
      flush();
      if (held.size) this.store.interruptTrials([...held], this.owner);
    }
    const status = this.summary(experiment.id).status;
    if (status === 'done') this.store.pruneWeights(experiment.id, trialsKeepingWeights(this.store.listTrials(experiment.id), experiment.configs, experiment.headline));
    emit({ type: 'run-finished', experimentId: experiment.id, status });
    return status;
  }

  /** One line per data file of the experiment that is gone or changed since it was stored (empty: unchanged). */
  dataChanges(experiment: ExperimentRecord): string[] {
    return changedFiles(experiment.dataFiles).map(({ stamp, reason }) => `${stamp.field}: ${stamp.path} ${reason} since experiment #${experiment.id} was stored`);
  }

  /**
   * Refuses to go on with an experiment whose data changed (finished repeats were trained on the old file, so
   * new ones would not be comparable), unless `allow`. LabError('DATA_INVALID') naming the file and the way out.
   */
  assertDataUnchanged(experiment: ExperimentRecord, allow: boolean): void {
    if (allow) return;
    const changes = this.dataChanges(experiment);
    if (changes.length) {
      throw new LabError('DATA_INVALID', `${changes[0]}; its finished repeats used the old data — resume anyway with --allow-changed-data, or start a new experiment`, changes);
    }
  }

  /** Every experiment in the store, newest first (soft-deleted ones only with `includeDeleted`). */
  list(options: { includeDeleted?: boolean } = {}): ExperimentSummary[] {
    return this.store.listExperiments(options).map((e) => {
      if (e.status !== 'running') return e;
      // Runs of this process need no note; another process's do (a CLI run seen from the app, or the reverse).
      const held = this.store.heldTrials(e.id).filter((h) => h.owner !== this.owner);
      const who = [...new Set(held.map((h) => describeOwner(h.owner, h.pid)))].join(', ');
      return who ? { ...e, runningIn: who } : e;
    });
  }

  /** The list entry of one experiment, deleted or not (status, counts, headline, labels). */
  summary(id: number): ExperimentSummary {
    const found = this.store.listExperiments({ includeDeleted: true }).find((e) => e.id === id);
    if (!found) throw new LabError('NOT_FOUND', `experiment ${id} not found`);
    return found;
  }

  /** Trials, describe() statistics per configuration and metric, and baselines of one experiment. */
  details(ref: string | number): ExperimentDetails {
    const experiment = this.experiment(ref);
    const summary = this.summary(experiment.id);
    const trials = this.store.listTrials(experiment.id);
    const names = storedMetricNames(experiment.spec);
    const metrics = [experiment.headline, ...names.filter((m) => m !== experiment.headline)];
    const configs = experiment.configs.map((c) => configLabel(experiment.spec, c));
    const summaries = configs.flatMap((_, configIndex) =>
      metrics.map((metric) => ({
        configIndex,
        metric,
        summary: summarize(trials.filter((t) => t.configIndex === configIndex && t.status === 'done').map((t) => t.metrics[metric] ?? NaN)),
      })),
    );
    // Cross-validation: the spread over each repeat's folds (a repeat's K trials share one shuffle).
    const cv = crossValidationOf(experiment.spec);
    const repeatSummaries = cv
      ? configs.flatMap((_, configIndex) =>
          Array.from({ length: experiment.spec.repeats }, (_, repeatIndex) => {
            const folds = trials.filter((t) => t.configIndex === configIndex && t.repeatIndex === repeatIndex && t.status === 'done');
            return metrics.map((metric) => ({ configIndex, repeatIndex, metric, summary: summarize(folds.map((t) => t.metrics[metric] ?? NaN)) }));
          }).flat(),
        )
      : [];
    return {
      experiment: {
        ...summary,
        task: taskOf(experiment.spec),
        epochMetrics: this.store.epochMetricNames(experiment.id),
        description: experiment.description,
        specSource: experiment.specSource,
        repeats: experiment.spec.repeats,
        epochs: experiment.spec.training.epochs,
        grid: experiment.spec.grid ?? {},
        dataChanged: this.dataChanges(experiment),
      },
      configs,
      metrics,
      trials,
      summaries,
      repeatSummaries,
      baselines: this.store.baselines(experiment.id).map((b) => ({ configIndex: b.configIndex, name: b.name, metrics: b.metrics })),
    };
  }

  /**
   * The Keras-style summary of a spec (validated, its data read for the input shape) or of a stored experiment's
   * first configuration. Throws LabError naming the field for an invalid spec.
   */
  async modelSummary(
    from: { spec: unknown; specDir?: string; readableRoots?: readonly string[] } | { experimentId: number },
  ): Promise<MethodOutputs['modelSummary']> {
    const config = 'spec' in from ? (await prepareExperiment(from.spec, from.specDir, {}, from.readableRoots)).configs[0]! : this.experiment(from.experimentId).configs[0]!;
    const task = prepareTask(config);
    // An encoder–decoder's summary comes from its task (it needs the pairs' vocabularies).
    const s = task.ownEngine?.summary ?? modelSummary(config.model, task.input);
    return {
      rows: s.rows.map((r) => ({ ...r })),
      total: s.total,
      trainable: s.trainable,
      nonTrainable: s.nonTrainable,
      text: task.ownEngine?.summary.text ?? formatSummary(s),
      task: task.task,
      input: { ...task.input },
    };
  }

  /**
   * The Keras-style summary of a bare model (`{ "layers": [...] }`, or a spec whose `model` is taken) on inputs of
   * `steps` × `features`: no data needed. Throws LabError naming the field for an invalid model or a stack Keras
   * refuses.
   */
  bareModelSummary(input: unknown, shape: { steps: number; features: number }): Omit<MethodOutputs['modelSummary'], 'task'> {
    const raw = typeof input === 'object' && input !== null && 'model' in input && !('layers' in input) ? (input as { model: unknown }).model : input;
    const model = parseWith(ModelSpec, raw, '', 'SPEC_INVALID');
    if (model.seq2seq) throw new LabError('REQUEST_INVALID', 'model.seq2seq: an encoder–decoder\'s size depends on its pairs\' character vocabularies; summarise the whole spec (without --input-shape)');
    const s = modelSummary(model, shape);
    return { rows: s.rows.map((r) => ({ ...r })), total: s.total, trainable: s.trainable, nonTrainable: s.nonTrainable, text: formatSummary(s), input: { ...shape } };
  }

  /**
   * The answer `createExperiment` would give, without storing: the spec with every default, or each problem
   * as `{ path, message }` (schema, data, task, engine and dry-run checks alike).
   */
  async validate(input: unknown, specDir?: string, readableRoots?: readonly string[]): Promise<MethodOutputs['validateSpec']> {
    try {
      return { ok: true, spec: (await prepareExperiment(input, specDir, {}, readableRoots)).spec };
    } catch (error) {
      if (!(error instanceof LabError) || error.code === 'INTERNAL') throw error;
      const lines = [...(error.details?.length ? error.details : [error.message])];
      // The message may say more than its first detail (a grid configuration's values): keep that in the issue.
      if (error.message.startsWith(lines[0]!) && error.message !== lines[0]) lines[0] = error.message.replace(/ \(and \d+ more\)$/, '');
      return { ok: false, issues: lines.map(issueOf) };
    }
  }

  /**
   * The results table (repeats, describe() rows, baselines) in a format: csv, md, latex, json — or an XLSX workbook
   * with that table and the describe() table of each metric, one sheet each.
   */
  async exportResults(ref: string | number, format: TableFormat): Promise<Written> {
    const details = this.details(ref);
    if (format !== 'xlsx') return writeTables([resultsTable(details)], format);
    return writeTables([resultsTable(details), ...details.metrics.map((m) => describeTable(details, m))], format, ['results', ...details.metrics.map((m) => `describe ${m}`)]);
  }
}

/** `{ path, message }` of a one-line problem `path: message` (the whole line when it names no path). */
function issueOf(line: string): { path: string; message: string } {
  return splitIssue(line.replace(/^spec: /, '')) ?? { path: '(top level)', message: line };
}
