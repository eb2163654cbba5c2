import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { BaselineOutcome, DataFileStamp } from '../contract/results.js';
import { stampFiles } from '../data/file-stamp.js';
import { DATA_PATH_FIELDS, KEEP_ALL_MAX_BYTES, type ExperimentSpec, type ExperimentSpecInput } from '../contract/spec.js';
import { modelSummary } from '../engine/summary.js';
import { parseSpec } from '../contract/validate.js';
import { LabError } from '../contract/errors.js';
import { expandGrid } from '../runner/plan.js';
import { valueAtGridPath } from '../contract/grid.js';
import { checkConfig } from '../runner/check-config.js';

/** Settings that override a spec for one run (CLI flags, the UI's start dialog). */
export interface SpecOverrides {
  readonly repeats?: number | undefined;
  readonly epochs?: number | undefined;
  readonly engine?: ExperimentSpec['engine'] | undefined;
  readonly backend?: ExperimentSpec['backend'] | undefined;
  readonly kernels?: ExperimentSpec['kernels'] | undefined;
  readonly seed?: number | undefined;
}

/** A validated experiment ready to store: spec, configurations, and each configuration's baselines. */
export interface PreparedExperiment {
  readonly spec: ExperimentSpec;
  readonly configs: ExperimentSpec[];
  readonly baselines: BaselineOutcome[][];
  /** Stamps (size, modified time, SHA-256) of every data file the configurations read. */
  readonly dataFiles: DataFileStamp[];
}

/**
 * A data path as the spec means it: absolute paths stay; relative ones are taken from the spec file's folder
 * when the file exists there, else from the working folder.
 */
export function resolveDataPath(path: string, specDir: string | undefined): string {
  if (isAbsolute(path)) return path;
  if (specDir) {
    const beside = resolve(specDir, path);
    if (existsSync(beside)) return beside;
  }
  const fromCwd = resolve(path);
  return existsSync(fromCwd) || !specDir ? fromCwd : resolve(specDir, path);
}

/**
 * Validates a spec (with overrides applied first, so `--epochs 0` is caught like a bad file), resolves its
 * data path, expands the grid, reads and preprocesses the data of every configuration and computes the
 * baselines, then runs every check of every configuration (data, task, engine, a dry-run build: see
 * `checkConfig`) — all before anything is stored, so an invalid spec or bad data writes nothing.
 * Rejects with LabError (SPEC_INVALID, DATA_INVALID, FILE_NOT_FOUND, ENGINE_UNSUPPORTED) naming the field or line;
 * a grid configuration's problem names the configuration too. `readableRoots` (the app's API passes them) limits
 * data files to those folders: a page cannot make RNN Lab read any file the process can.
 */
export async function prepareExperiment(
  input: unknown,
  specDir: string | undefined,
  overrides: SpecOverrides = {},
  readableRoots?: readonly string[],
): Promise<PreparedExperiment> {
  refuseDeep(input);
  const raw = (typeof input === 'object' && input !== null ? structuredClone(input) : input) as ExperimentSpecInput;
  if (typeof raw === 'object' && raw !== null) {
    if (overrides.repeats !== undefined) raw.repeats = overrides.repeats;
    if (overrides.seed !== undefined) raw.seed = overrides.seed;
    if (overrides.engine !== undefined) raw.engine = overrides.engine;
    if (overrides.backend !== undefined) raw.backend = overrides.backend;
    if (overrides.kernels !== undefined) raw.kernels = overrides.kernels;
    if (overrides.epochs !== undefined && typeof raw.training === 'object' && raw.training !== null) {
      raw.training = { ...raw.training, epochs: overrides.epochs };
    }
  }
  // No prefix: every refusal, from the schema or a later check, starts with the spec path it names.
  const spec = resolvePaths(parseSpec(raw, ''), specDir);
  const configs = expandGrid(spec).map((c) => resolvePaths(c, specDir));
  if (readableRoots) for (const c of [spec, ...configs]) checkReadable(c, readableRoots);
  const baselines: BaselineOutcome[][] = [];
  for (const [i, config] of configs.entries()) {
    try {
      const task = await checkConfig(config);
      baselines.push(task.baselines);
      configs[i] = resolveKeep(config, task.input, task.ownEngine?.parameters);
    } catch (error) {
      if (error instanceof LabError && configs.length > 1) {
        const grid = Object.keys(spec.grid).map((path) => `${path} = ${JSON.stringify(valueAtGridPath(config, path))}`).join(', ');
        throw new LabError(error.code, `${error.message} (grid configuration ${i + 1} of ${configs.length}: ${grid})`, error.details);
      }
      throw error;
    }
  }
  const stamps = new Map<string, DataFileStamp>();
  for (const c of configs) for (const stamp of stampFiles(c.data)) stamps.set(stamp.path, stamp);
  return { spec, configs, baselines, dataFiles: [...stamps.values()] };
}

/** The configuration with `keep.weights: "auto"` resolved by the size of one trial's weights (float64). */
function resolveKeep(config: ExperimentSpec, input: { readonly steps: number; readonly features: number }, parameters?: number): ExperimentSpec {
  if (config.keep.weights !== 'auto') return config;
  // A task with its own engine (an encoder–decoder) counts its weights itself: the spec has no stack.
  const bytes = (parameters ?? modelSummary(config.model, input).total) * Float64Array.BYTES_PER_ELEMENT;
  return { ...config, keep: { weights: bytes <= KEEP_ALL_MAX_BYTES ? 'all' : 'best-and-median' } };
}

/** The spec with its data file paths resolved (stored that way, so a resume works from any folder). */
function resolvePaths(spec: ExperimentSpec, specDir: string | undefined): ExperimentSpec {
  const data: Record<string, unknown> = { ...spec.data };
  for (const field of DATA_PATH_FIELDS[spec.data.kind] as readonly string[]) {
    const value = data[field];
    if (typeof value === 'string') data[field] = resolveDataPath(value, specDir);
  }
  return { ...spec, data: data as ExperimentSpec['data'] };
}

/**
 * Refuses data files outside `roots` (symbolic links resolved, so a link cannot point out of them). The CLI
 * passes no roots: a person at a shell may read what they can read.
 */
function checkReadable(spec: ExperimentSpec, roots: readonly string[]): void {
  const data = spec.data as Record<string, unknown>;
  for (const field of DATA_PATH_FIELDS[spec.data.kind] as readonly string[]) {
    const value = data[field];
    if (typeof value !== 'string') continue;
    if (!insideRoots(value, roots)) {
      throw new LabError('FILE_NOT_FOUND', `data.${field}: ${value} is outside the folders the app reads (${roots.map(realOrResolved).join(', ')}); import the file into your data folder or run it with the rnnlab CLI`);
    }
  }
}

/** The real path (symbolic links resolved), or the resolved path of a file that does not exist (yet). */
const realOrResolved = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Whether `file` lies inside one of `roots`, symbolic links resolved (a link cannot point out of them). */
export function insideRoots(file: string, roots: readonly string[]): boolean {
  const target = realOrResolved(file);
  return roots.map(realOrResolved).some((root) => target === root || target.startsWith(root + sep));
}

/** Deepest nesting a spec may have (a real one is about 6 levels deep). */
const MAX_DEPTH = 64;

/**
 * Refuses values nested deeper than {@link MAX_DEPTH} before anything recursive touches them (a 20 kB
 * `[[[[…]]]]` would overflow the stack of structuredClone and the schema). Iterative on purpose.
 */
function refuseDeep(value: unknown): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) throw new LabError('SPEC_INVALID', `(top level): the spec is nested more than ${MAX_DEPTH} levels deep; an experiment spec is a few levels deep (see experiments/)`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}
