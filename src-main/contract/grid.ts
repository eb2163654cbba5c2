// Grid paths and configurations: how a spec's `grid` ({ "model.layers[0].lstm.units": [1, 4, 8] }) names settings
// and expands into configurations. In the contract so the runner (planning), the services (labels, messages), the
// store (the list's best configuration) and the renderer (the grid editor, heatmaps) read grids the same way.
import { LabError } from './errors.js';
import type { ExperimentSpec } from './spec.js';
import { parseSpec } from './validate.js';

/** One step of a grid path: an object key or an array index. */
export type GridPathPart = string | number;

/** `model.layers[0].lstm.units` → ['model', 'layers', 0, 'lstm', 'units']. */
export function parseGridPath(path: string): GridPathPart[] {
  const parts: GridPathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}

/** ['model', 'layers', 0, 'lstm', 'units'] → `model.layers[0].lstm.units` (the inverse of {@link parseGridPath}). */
export function formatGridPath(parts: readonly GridPathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The value at a grid path (undefined when a step is missing). */
export function valueAtGridPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of parseGridPath(path)) node = typeof node === 'object' && node !== null ? (node as Record<GridPathPart, unknown>)[part] : undefined;
  return node;
}

/**
 * Why a grid path cannot be set in `spec` (one line naming `grid["<path>"]` and the fix), or null when every step
 * but the last exists. The last step may be new (a default the schema fills in, or a typo the schema then names).
 */
export function gridPathProblem(spec: unknown, path: string): string | null {
  const parts = parseGridPath(path);
  if (parts.length === 0) return `grid["${path}"]: an empty path names no setting; write a dotted path into the spec, e.g. "model.layers[0].lstm.units"`;
  let node = spec;
  for (let i = 0; i < parts.length - 1; i++) {
    node = typeof node === 'object' && node !== null ? (node as Record<GridPathPart, unknown>)[parts[i]!] : undefined;
    if (typeof node !== 'object' || node === null) {
      return `grid["${path}"]: ${formatGridPath(parts.slice(0, i + 1))} does not exist in the spec; check the path`;
    }
  }
  return null;
}

/** Sets the value at a grid path in place; LabError('SPEC_INVALID') from {@link gridPathProblem} when it cannot. */
export function setAtGridPath(target: unknown, path: string, value: unknown): void {
  const problem = gridPathProblem(target, path);
  if (problem) throw new LabError('SPEC_INVALID', problem);
  const parts = parseGridPath(path);
  let node = target as Record<GridPathPart, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<GridPathPart, unknown>;
  node[parts.at(-1)!] = value;
}

/**
 * Every configuration of a grid as its [path, value] pairs: the cartesian product in key order, last key fastest
 * (configuration index i of a stored experiment is entry i). `[[]]` for an empty grid (one configuration).
 */
export function gridCombos(grid: Readonly<Record<string, readonly unknown[]>>): [string, unknown][][] {
  let combos: [string, unknown][][] = [[]];
  for (const [path, values] of Object.entries(grid)) combos = combos.flatMap((c) => values.map((v) => [...c, [path, v] as [string, unknown]]));
  return combos;
}

/**
 * The configurations of a spec: each of {@link gridCombos} applied to the spec, re-validated with its grid
 * emptied; `[spec]` when there is no grid. A configuration the schema refuses throws LabError('SPEC_INVALID')
 * naming it (`grid configuration 2 of 6: model.layers[0].lstm.units = 0`).
 */
export function expandGrid(spec: ExperimentSpec): ExperimentSpec[] {
  if (Object.keys(spec.grid).length === 0) return [spec];
  const combos = gridCombos(spec.grid);
  return combos.map((combo, index) => {
    const config = structuredClone({ ...spec, grid: {} }) as unknown;
    for (const [path, value] of combo) setAtGridPath(config, path, value);
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

/** Short name of a grid path: its last key (`model.layers[0].lstm.units` → `units`). */
export function gridKey(path: string): string {
  return String(parseGridPath(path).at(-1) ?? path);
}

/** Short label of a configuration: its grid values, e.g. `units=4, learningRate=0.01` ('default' without a grid). */
export function configLabel(spec: Pick<ExperimentSpec, 'grid'>, config: unknown): string {
  const paths = Object.keys(spec.grid);
  if (paths.length === 0) return 'default';
  return paths.map((path) => `${gridKey(path)}=${JSON.stringify(valueAtGridPath(config, path))}`).join(', ');
}

/**
 * How many epochs, said truthfully of a grid: `3000 epochs`, or `1000 or 3000 epochs (by configuration)` when the
 * grid varies `training.epochs` (the spec's own value is then only the base the grid overrides).
 */
export function epochsText(epochs: number, grid: Readonly<Record<string, readonly unknown[]>>): string {
  const varied = grid['training.epochs'];
  if (!varied || varied.length === 0) return `${epochs} epochs`;
  const values = [...new Set(varied.map(String))];
  return values.length === 1 ? `${values[0]} epochs` : `${values.slice(0, -1).join(', ')} or ${values.at(-1)} epochs (by configuration)`;
}
