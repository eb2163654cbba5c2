// The grid editor's logic, kept out of the component so it is unit-tested: which paths a grid may vary (from the
// schema: the draft parsed with every default filled in), values typed as a list, and the grid's problems as the
// Node side would name them (the contract's expandGrid, the same code that plans the trials).
import { expandGrid, formatGridPath, gridCombos, gridPathProblem, type GridPathPart } from '../../src-main/contract/grid.js';
import { LabError } from '../../src-main/contract/errors.js';
import { ExperimentSpec } from '../../src-main/contract/spec.js';

/** Top-level settings a grid never varies: identity, bookkeeping, or the grid itself. */
const NOT_GRIDDED = new Set(['name', 'description', 'grid', 'seed', 'seedScheme', 'repeats', 'keep', 'engine', 'backend', 'kernels', 'precision']);
/**
 * Leaves that pick what is measured or which data is read (a grid over them compares different questions, not
 * settings): a data source's strings (files, columns, formats), kinds, the protocol and the metrics.
 */
const NOT_A_SETTING = (path: string, value: unknown) =>
  (path.startsWith('data.') && typeof value === 'string') || /\.kind$|^evaluation\.(protocol|task|metrics|headline|baselines)/.test(path);

/** A path a grid may vary, with the draft's current value (the base the grid overrides). */
export interface GridPathOption {
  readonly path: string;
  readonly value: unknown;
}

/**
 * The settings of a draft a grid may vary: every number, boolean and short string leaf of the spec as the schema
 * fills it in (defaults included, e.g. `model.layers[0].lstm.dropout`), in spec order; [] while the draft does not
 * validate (then only paths typed by hand are offered).
 */
export function gridPathOptions(draft: unknown): GridPathOption[] {
  const parsed = ExperimentSpec.safeParse(draft);
  if (!parsed.success) return [];
  const out: GridPathOption[] = [];
  const walk = (node: unknown, at: GridPathPart[]) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...at, i]));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
    else if (typeof node === 'number' || typeof node === 'boolean' || (typeof node === 'string' && node.length <= 40)) {
      const path = formatGridPath(at);
      if (!NOT_GRIDDED.has(String(at[0])) && !NOT_A_SETTING(path, node)) out.push({ path, value: node });
    }
  };
  walk(parsed.data, []);
  return out;
}

/** `1, 4, 8` → [1, 4, 8]; `0.01, 1e-3` → numbers; `true, false`; anything else stays a string (`adam, sgd`). */
export function parseGridValues(text: string): unknown[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        return s;
      }
    });
}

/** The values as the editor shows them (`1, 4, 8`). */
export function formatGridValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** The draft's grid (an empty object when it has none or it is not an object of lists). */
export function gridOf(draft: unknown): Record<string, unknown[]> {
  const grid = typeof draft === 'object' && draft !== null ? (draft as { grid?: unknown }).grid : undefined;
  if (typeof grid !== 'object' || grid === null || Array.isArray(grid)) return {};
  return Object.fromEntries(Object.entries(grid).filter((e): e is [string, unknown[]] => Array.isArray(e[1])));
}

/** A grid problem: the grid path it concerns (or '' for the grid as a whole) and one line saying it. */
export interface GridIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The grid's problems, named as the Node side names them: each path that does not exist in the draft
 * (`grid["model.layers[3].lstm.units"]: model.layers[3] does not exist …`), an empty values list, and then — once
 * the draft itself validates — the first configuration the schema refuses (`… (grid configuration 2 of 3: …)`).
 */
export function gridIssues(draft: unknown): GridIssue[] {
  const grid = gridOf(draft);
  const out: GridIssue[] = [];
  for (const [path, values] of Object.entries(grid)) {
    const problem = gridPathProblem(draft, path);
    if (problem) out.push({ path, message: problem });
    else if (values.length === 0) out.push({ path, message: `grid["${path}"]: give at least one value` });
  }
  if (out.length) return out;
  const parsed = ExperimentSpec.safeParse(draft);
  if (!parsed.success || Object.keys(grid).length === 0) return out;
  try {
    expandGrid(parsed.data);
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    const line = error.details?.[0] ?? error.message;
    const path = Object.keys(grid).find((p) => line.startsWith(`${p}:`) || line.startsWith(`${p}.`)) ?? '';
    out.push({ path, message: line });
  }
  return out;
}

/** How many configurations the draft's grid makes (1 without a grid). */
export function configurationCount(draft: unknown): number {
  return gridCombos(gridOf(draft)).length;
}
