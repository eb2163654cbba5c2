import { LabError } from '../contract/errors.js';
import { crossValidationOf, type ExperimentSpec } from '../contract/spec.js';
import type { PlannedTrial } from '../contract/results.js';
import { parseSpec } from '../contract/validate.js';
import { deriveSeed } from '../common/rng.js';
import { foldSplitSeed } from '../common/split.js';


/** `model.layers[0].lstm.units` → ['model', 'layers', 0, 'lstm', 'units']. */
function parseGridPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}

function setPath(target: unknown, path: string, value: unknown): void {
  const parts = parseGridPath(path);
  if (parts.length === 0) {
    throw new LabError('SPEC_INVALID', `grid["${path}"]: an empty path names no setting; write a dotted path into the spec, e.g. "model.layers[0].lstm.units"`);
  }
  let node = target as Record<string | number, unknown>;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) {
      throw new LabError('SPEC_INVALID', `grid["${path}"]: ${parts.slice(0, i + 1).join('.')} does not exist in the spec; check the path`);
    }
    node = next as Record<string | number, unknown>;
  });
}

/**
 * The configurations of a spec: the cartesian product of its grid (in key order, last key fastest),
 * each a full spec re-validated with its grid emptied; `[spec]` when there is no grid.
 */
export function expandGrid(spec: ExperimentSpec): ExperimentSpec[] {
  const entries = Object.entries(spec.grid);
  if (entries.length === 0) return [spec];
  let combos: [string, unknown][][] = [[]];
  for (const [path, values] of entries) combos = combos.flatMap((c) => values.map((v) => [...c, [path, v] as [string, unknown]]));
  return combos.map((combo, index) => {
    const config = structuredClone({ ...spec, grid: {} }) as unknown;
    for (const [path, value] of combo) setPath(config, path, value);
    try {
      return parseSpec(config, '');
    } catch (error) {
      if (error instanceof LabError) {
        // Numbered from 1 with its grid values, as prepareExperiment names a configuration that fails a later check.
        const which = ` (grid configuration ${index + 1} of ${combos.length}: ${combo.map(([path, value]) => `${path} = ${JSON.stringify(value)}`).join(', ')})`;
        const [first, ...rest] = error.details ?? [error.message];
        throw new LabError('SPEC_INVALID', `${error.message}${which}`, [`${first}${which}`, ...rest]);
      }
      throw error;
    }
  });
}

/** Short label of a configuration: its grid values, e.g. `units=4, lr=0.01` ('default' without a grid). */
export function configLabel(spec: ExperimentSpec, config: ExperimentSpec): string {
  const paths = Object.keys(spec.grid);
  if (paths.length === 0) return 'default';
  return paths
    .map((path) => {
      let node: unknown = config;
      for (const part of parseGridPath(path)) node = (node as Record<string | number, unknown>)?.[part];
      const key = String(parseGridPath(path).at(-1));
      return `${key}=${JSON.stringify(node)}`;
    })
    .join(', ');
}

/**
 * Every trial of an experiment: configurations × repeats. Under the spec's `seedScheme` 'per-repeat' repeat r's
 * seed is `deriveSeed(seed, 0, r)` for every configuration (common random numbers: configurations pair by repeat;
 * configuration 0 keeps the seeds it always had); 'per-configuration' is the old `deriveSeed(seed, config, repeat)`.
 * Under cross-validation with K folds: configurations × repeats × K, trial k of repeat r initialised with
 * `deriveSeed(seed, stream, r·K + k)` and every fold of repeat r split by `foldSplitSeed(seed, r)`.
 */
export function planTrials(spec: ExperimentSpec, configCount: number): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  const cv = crossValidationOf(spec);
  for (let c = 0; c < configCount; c++) {
    const stream = spec.seedScheme === 'per-configuration' ? c : 0;
    for (let r = 0; r < spec.repeats; r++) {
      if (!cv) {
        trials.push({ configIndex: c, repeatIndex: r, seed: deriveSeed(spec.seed, stream, r) });
        continue;
      }
      const splitSeed = foldSplitSeed(spec.seed, r);
      for (let k = 0; k < cv.folds; k++) trials.push({ configIndex: c, repeatIndex: r, fold: k, seed: deriveSeed(spec.seed, stream, r * cv.folds + k), splitSeed });
    }
  }
  return trials;
}
